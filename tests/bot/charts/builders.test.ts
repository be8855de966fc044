import { describe, expect, it } from 'vitest';
import {
  cellColor,
  decisionBoundaryChart,
  MAX_CELLS,
} from '../../../src/bot/charts/builders/decision-boundary.js';
import { finalLossByDepthChart } from '../../../src/bot/charts/builders/final-loss-by-depth.js';
import { trainGradientChart } from '../../../src/bot/charts/builders/gradient-norms.js';
import { landscapeChart } from '../../../src/bot/charts/builders/landscape.js';
import { logScale, powerOfTen } from '../../../src/bot/charts/builders/log-scale.js';
import { lossCurvesChart } from '../../../src/bot/charts/builders/loss-curves.js';
import { clipLine, lpChart } from '../../../src/bot/charts/builders/lp.js';
import { restartsChart } from '../../../src/bot/charts/builders/restarts.js';
import type { ChartDraft, XY } from '../../../src/bot/charts/draft.js';
import { chartDraftsFor } from '../../../src/bot/charts/drafts.js';
import { formatValue, wrapHeading, wrapWords } from '../../../src/bot/charts/format.js';
import type { ExperimentResult } from '../../../src/engine/result.js';
import { compareFixture, landscapeFixture, lpFixture, restartsFixture, trainFixture } from './fixtures.js';

type Dataset = Record<string, unknown> & { label: string; data: unknown[] };

const datasets = (draft: ChartDraft) => draft.config.data.datasets as Dataset[];
const byLabel = (draft: ChartDraft, label: string) => datasets(draft).find((d) => d.label === label);
const scale = (draft: ChartDraft, id: string) =>
  (draft.config.options.scales as Record<string, Record<string, unknown>>)[id];

/** A train fixture whose every run ends with these numbers and boundary probabilities. */
function boundaryCase(
  depth: number,
  ending: { loss?: number; accuracy?: number },
  probability: (p: number, i: number) => number,
) {
  const result = trainFixture(depth);
  for (const run of result.runs) {
    if (ending.loss !== undefined) run.finalLoss = ending.loss;
    if (ending.accuracy !== undefined) run.finalAccuracy = ending.accuracy;
    run.boundary = { ...run.boundary!, probabilities: run.boundary!.probabilities.map(probability) };
  }
  return result;
}

/** The title and subtitle a draft shows, each as one string (a heading may be wrapped onto lines). */
const headingsOf = (draft: ChartDraft) => {
  const plugins = draft.config.options.plugins as Record<'title' | 'subtitle', { text: string | string[] }>;
  const text = (heading: { text: string | string[] }) => ({ text: [heading.text].flat().join(' ') });
  return { title: text(plugins.title), subtitle: text(plugins.subtitle) };
};

/** Every value in a JSON-like tree, with its path, to look for functions and non-JSON numbers. */
function* leaves(value: unknown, path = '$'): Generator<[string, unknown]> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* leaves(v, `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* leaves(v, `${path}.${k}`);
  } else yield [path, value];
}

const ALL: [string, ExperimentResult][] = [
  ['train depth 1', trainFixture(1)],
  ['train depth 8', trainFixture(8)],
  ['compare', compareFixture()],
  ['restarts', restartsFixture()],
  ['landscape', landscapeFixture()],
  ['lp separable', lpFixture(true)],
  ['lp xor', lpFixture(false)],
];

describe('chart drafts of every experiment', () => {
  it.each(ALL)('%s: configs are plain JSON (no functions, no NaN or Infinity)', (_name, result) => {
    const drafts = chartDraftsFor(result);
    expect(drafts.length).toBeGreaterThan(0);
    for (const draft of drafts) {
      expect(JSON.parse(JSON.stringify(draft.config))).toStrictEqual(draft.config);
      for (const [path, leaf] of leaves(draft.config)) {
        expect(typeof leaf, path).not.toBe('function');
        if (typeof leaf === 'number') expect(Number.isFinite(leaf), path).toBe(true);
      }
      expect(draft.config.options.plugins).toBeDefined();
      expect((draft.config as unknown as Record<string, unknown>).plugins).toBeUndefined();
    }
  });

  it.each(ALL)('%s: each chart has a unique name, a title and alt text with numbers', (_name, result) => {
    const drafts = chartDraftsFor(result);
    expect(new Set(drafts.map((d) => d.name)).size).toBe(drafts.length);
    for (const draft of drafts) {
      const title = headingsOf(draft).title.text;
      expect(title.length).toBeGreaterThan(5);
      expect(draft.alt.length).toBeGreaterThan(40);
      expect(draft.alt).toMatch(/\d/);
    }
  });

  it('lists the charts of each experiment', () => {
    const names = (r: ExperimentResult) => chartDraftsFor(r).map((d) => d.name);
    expect(names(trainFixture(1))).toEqual(['loss-curves', 'gradient-norms', 'decision-boundary']);
    // The deepest net's gradient vanishes (layer 1 / output < 1/100), so its gradients over training join.
    expect(names(compareFixture())).toEqual([
      'final-loss-by-depth',
      'gradient-norms-by-depth',
      'gradients-over-training',
    ]);
    expect(names(trainFixture(8))).toEqual([
      'loss-curves',
      'gradient-norms',
      'gradients-over-training',
      'decision-boundary',
    ]);
    expect(names(restartsFixture())).toEqual(['restarts']);
    expect(names(landscapeFixture())).toEqual(['landscape-line', 'landscape-direction']);
    expect(names(lpFixture(false))).toEqual(['lp']);
    const noGrid = trainFixture(1);
    for (const run of noGrid.runs) delete run.boundary;
    expect(names(noGrid)).toEqual(['loss-curves', 'gradient-norms']);
  });
});

describe('loss curves', () => {
  it('draws the mean, each seed, the seed range and ln 2, on a log axis', () => {
    const result = trainFixture(1);
    const draft = lossCurvesChart(result);
    const mean = byLabel(draft, 'mean of 3 seeds')!.data as XY[];
    const last = result.runs[0]!.lossCurve.steps.length - 1;
    const expected = result.runs.reduce((s, r) => s + r.lossCurve.losses[last]!, 0) / 3;
    expect(mean[last]!.y).toBeCloseTo(expected, 12);
    // Three seeds in one dataset, separated by two gaps.
    const seeds = byLabel(draft, 'each seed')!.data as XY[];
    expect(seeds.filter((p) => p.y === null)).toHaveLength(2);
    expect(byLabel(draft, 'range of seeds')!.fill).toBe('shape');
    const reference = byLabel(draft, 'no learning (ln 2)')!.data as XY[];
    expect(reference.map((p) => p.y)).toEqual([Math.LN2, Math.LN2]);
    expect(scale(draft, 'y')!.type).toBe('logarithmic');
    expect(draft.alt).toContain(formatValue(result.summary.meanFinalLoss));
  });

  it('turns diverged (NaN) losses into gaps and draws 0.25, not ln 2, for squared error', () => {
    const result = trainFixture(1);
    result.spec.loss = 'mse';
    result.runs[0]!.lossCurve.losses[5] = Number.NaN;
    const draft = lossCurvesChart(result);
    const seeds = byLabel(draft, 'each seed')!.data as XY[];
    expect(seeds[5]!.y).toBeNull();
    expect(byLabel(draft, 'no learning (ln 2)')).toBeUndefined();
    // Squared error of always answering 0.5: where a stalled net's curve flattens.
    const reference = byLabel(draft, 'no learning (0.25)')!.data as XY[];
    expect(reference.map((p) => p.y)).toEqual([0.25, 0.25]);
    expect(draft.alt).toContain('0.25 means no learning');
    expect(() => JSON.stringify(draft.config)).not.toThrow();
  });

  it('says in the subtitle when the run ended at the no-learning level (its curve hides the line)', () => {
    const subtitle = (draft: ChartDraft) => headingsOf(draft).subtitle.text;
    expect(subtitle(lossCurvesChart(trainFixture(8)))).toMatch(/final loss 0\.69\d, the no-learning level/);
    expect(subtitle(lossCurvesChart(trainFixture(1)))).not.toMatch(/no-learning/);
  });

  it('uses a linear axis when a stuck net barely moves (a log axis would pile up its labels)', () => {
    expect(scale(lossCurvesChart(trainFixture(8)), 'y')!.type).toBe('linear');
  });

  it('draws a net stuck at 0.6931472 flat, on an axis of readable width', () => {
    const STUCK = Math.LN2 + 1e-7;
    const result = trainFixture(8);
    for (const run of result.runs) run.lossCurve.losses = run.lossCurve.losses.map(() => STUCK);
    const y = scale(lossCurvesChart(result), 'y')!;
    // Without a minimum span every tick of a 1e-7-wide axis reads "0.693".
    expect((y.suggestedMax as number) - (y.suggestedMin as number)).toBeGreaterThanOrEqual(0.069);
    expect(y.suggestedMin as number).toBeLessThan(STUCK);
    expect(y.suggestedMax as number).toBeGreaterThan(STUCK);
  });
});

describe('final loss by depth', () => {
  it('has one slot per depth, the mean, the seed range as floating bars and ln 2', () => {
    const result = compareFixture();
    const draft = finalLossByDepthChart(result);
    expect(draft.config.data.labels).toEqual(['1', '2', '4', '8', '16']);
    expect(byLabel(draft, 'mean of 3 seeds')!.data).toEqual(result.summaries.map((s) => s.meanFinalLoss));
    expect(byLabel(draft, 'lowest to highest seed')!.data).toEqual(
      result.summaries.map((s) => [s.minFinalLoss, s.maxFinalLoss]),
    );
    expect(byLabel(draft, 'no learning (ln 2)')!.data).toEqual(Array(5).fill(Math.LN2));
    expect(draft.alt).toContain('depth 1 ends at 0.26');
    expect(draft.alt).toContain('depth 16 ends at');
  });

  it('names the learning rate and the settings that change the picture, and 0.25 for squared error', () => {
    const result = compareFixture();
    Object.assign(result.spec, { learningRate: 10, normalization: 'batch', loss: 'mse' });
    const draft = finalLossByDepthChart(result);
    const subtitle = headingsOf(draft).subtitle.text;
    // A sweep ruined by a step of 10 must not read as a depth effect: the step is on the chart.
    expect(subtitle).toContain('learning rate 10');
    expect(subtitle).toContain('batch norm');
    expect(subtitle).toContain('squared error');
    expect(byLabel(draft, 'no learning (0.25)')!.data).toEqual(Array(5).fill(0.25));
    expect(byLabel(draft, 'no learning (ln 2)')).toBeUndefined();
  });
});

describe('gradient norms', () => {
  it('puts layer 1 at x = 1 and labels a many-decade axis with powers of ten', () => {
    const draft = chartDraftsFor(compareFixture()).find((d) => d.name === 'gradient-norms-by-depth')!;
    const depth8 = byLabel(draft, 'depth 8')!.data as XY[];
    expect(depth8.map((p) => p.x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Values sit on a hidden log10 axis under a category axis of powers of ten.
    expect(byLabel(draft, 'depth 8')!.yAxisID).toBe('logY');
    const labels = scale(draft, 'y')!.labels as string[];
    expect(labels[0]).toBe('1');
    expect(labels).toContain('10⁻⁵');
    expect(depth8[0]!.y).toBeLessThan(-4);
  });

  it('shows gradients that are all tiny on whole decades, with the largest in the subtitle', () => {
    const result = trainFixture(8);
    // A ratio near 1 with every layer near 1e-13: looks healthy on a zoomed axis, is not.
    for (const run of result.runs)
      run.gradientNorms[0]!.perLayer = run.gradientNorms[0]!.perLayer.map((_, i) => (2 + (i % 3)) * 1e-14);
    const draft = trainGradientChart(result);
    const subtitle = headingsOf(draft).subtitle.text;
    expect(subtitle).toMatch(/largest 4e-14/);
    expect(scale(draft, 'y')!.type).toBe('category');
    const logY = scale(draft, 'logY')!;
    expect(logY.min as number).toBeLessThanOrEqual(-14);
    expect(logY.max as number).toBeGreaterThanOrEqual(-13);
  });
});

describe('log scales', () => {
  it('writes powers of ten with superscripts', () => {
    expect([0, 1, 2, -5, -10].map(powerOfTen)).toEqual(['1', '10', '10²', '10⁻⁵', '10⁻¹⁰']);
  });

  it('picks linear, logarithmic or powers-of-ten axes by the range of the values', () => {
    expect(logScale('loss', [0.69, 0.75]).scales.y).toMatchObject({ type: 'linear' });
    expect(logScale('loss', [0.001, 0.7]).scales.y).toMatchObject({ type: 'logarithmic' });
    const wide = logScale('gradient', [1e-9, 0.3]);
    expect(wide.scales.y).toMatchObject({ type: 'category' });
    // Room below the smallest value: a point at 1e-9 is not drawn on the axis line.
    expect(wide.scales.logY).toMatchObject({ min: -10, max: 0 });
    expect(wide.y(1e-5)).toBeCloseTo(-5, 12);
    expect(wide.y(0)).toBeNull();
  });
});

describe('restarts', () => {
  it('makes "all the same" a flat row and "spread" a staircase, sorted left to right', () => {
    const result = restartsFixture();
    const draft = restartsChart(result);
    const [neuron, , , deep] = datasets(draft).map((d) => d.data as XY[]);
    const heights = (points: XY[]) => points.map((p) => p.y as number);
    expect(Math.max(...heights(neuron!)) - Math.min(...heights(neuron!))).toBeLessThan(1e-3);
    expect(heights(deep!)).toEqual([...heights(deep!)].sort((a, b) => a - b));
    expect(Math.max(...heights(deep!)) - Math.min(...heights(deep!))).toBeGreaterThan(0.5);
    // Columns stay inside their slot: column i spans i ± 0.32.
    for (const [i, d] of datasets(draft).entries()) {
      for (const p of d.data as XY[]) expect(Math.abs(p.x - i)).toBeLessThanOrEqual(0.32 + 1e-12);
    }
    expect(scale(draft, 'y')!.min).toBe(0);
    // Four columns share a 480 px chart: about 10 characters a line.
    expect(draft.config.data.labels![0]).toEqual(['single', 'neuron', 'cross-entropy', 'spread', '8e-5']);
  });

  it('wraps labels without splitting a bracketed group that fits a line', () => {
    expect(wrapWords('three nodes (2 hidden + 1)', 18)).toEqual(['three nodes', '(2 hidden + 1)']);
    expect(wrapWords('deep net depth 6', 18)).toEqual(['deep net depth 6']);
  });

  it('wraps a long bracketed group too, so it does not run into the next column', () => {
    const lines = wrapWords('squared error (on a small 1-D set built to trap it)', 18);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(18);
    expect(lines.join(' ')).toBe('squared error (on a small 1-D set built to trap it)');
  });

  it('wraps headings into even lines, at " · " first, keeping a part that fits a line whole', () => {
    const subtitle = 'background: orange = class 0, blue = class 1 · seed 1 · accuracy 50%';
    expect(wrapHeading(subtitle, 54)).toEqual([
      'background: orange = class 0, blue = class 1',
      'seed 1 · accuracy 50%',
    ]);
    // Even lines, not a word left alone on the second.
    expect(wrapHeading('Exact training time: 3-node net vs 1 unit', 38)).toEqual([
      'Exact training time:',
      '3-node net vs 1 unit',
    ]);
    expect(wrapHeading('Final loss of 10 random restarts', 38)).toBe('Final loss of 10 random restarts');
    // A bracket joined to a word stays with it: "(xor):", not "(xor) :".
    expect([wrapHeading('No line separates the classes (xor): LP infeasible', 38)].flat().join(' ')).toBe(
      'No line separates the classes (xor): LP infeasible',
    );
  });

  it('gives the ratio of a spread too small to see, e.g. a neuron on separable data', () => {
    const result = restartsFixture();
    const neuron = result.groups[0]!;
    // Still sliding toward 0: the losses differ elevenfold, a flat row on a 0-to-0.8 axis.
    neuron.finalLosses = neuron.finalLosses.map((_, i) => 1e-4 * (1 + (10 * i) / 9));
    neuron.spread = 1e-3;
    const labels = restartsChart(result).config.data.labels as string[][];
    expect(labels[0]!.join(' ')).toContain('highest 11× lowest');
    // A visible spread needs no such note.
    expect(labels[3]!.some((line) => line.includes('×'))).toBe(false);
  });
});

describe('decision boundary', () => {
  it('tiles the grid with evenly spaced cells, pale at p = 0.5, under the data points', () => {
    const result = trainFixture(1);
    const draft = decisionBoundaryChart(result)!;
    const [class0, class1, heat] = datasets(draft);
    expect(class0!.data.length + class1!.data.length).toBe(result.data.x.length);
    const cells = heat!.data as { x: number; y: [number, number] }[];
    expect(cells).toHaveLength(MAX_CELLS.across * MAX_CELLS.down);
    const xs = [...new Set(cells.map((c) => c.x))].sort((a, b) => a - b);
    const gaps = xs.slice(1).map((x, i) => x - xs[i]!);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(1e-9);
    // Cells of adjacent rows meet exactly.
    const rowTops = [...new Set(cells.map((c) => c.y[1]))].sort((a, b) => a - b);
    const rowBottoms = [...new Set(cells.map((c) => c.y[0]))].sort((a, b) => a - b);
    for (let i = 1; i < rowBottoms.length; i++) expect(rowBottoms[i]).toBeCloseTo(rowTops[i - 1]!, 9);
    expect(cellColor(0.5)).toBe(cellColor(0.5000001));
    expect(cellColor(0.01)).not.toBe(cellColor(0.99));
  });

  it('says "no confident boundary" when a net at ln 2 answers about 0.5 everywhere, and how right it still is', () => {
    // The default /train's seed 1: p within 0.4999-0.5001, loss 8.7e-5 below ln 2, 84% right.
    const stalled = decisionBoundaryChart(
      boundaryCase(5, { loss: Math.LN2 - 8.7e-5, accuracy: 0.84 }, (_, i) => 0.4999 + (i % 3) * 1e-4),
    )!;
    const { title, subtitle } = headingsOf(stalled);
    expect(title.text).toBe('No confident boundary learned: depth 5, sigmoid');
    expect(subtitle.text).toMatch(
      /^p from 0\.4999 to 0\.5001 everywhere: right on 84% of points, but by margins far too small to count as learning/,
    );
    expect(subtitle.text).not.toMatch(/noise/);
    expect(stalled.alt).toMatch(/no confident boundary; it is right on 84% of the training points/);
    // Depth 3, 0.0094 below ln 2: p 0.4857-0.5164 is unsure too, but its margins are quoted, not dismissed.
    const barely = decisionBoundaryChart(
      boundaryCase(3, { loss: Math.LN2 - 0.0094, accuracy: 0.79 }, (_, i) => (i % 2 ? 0.5164 : 0.4857)),
    )!;
    expect(headingsOf(barely).title.text).toBe('No confident boundary learned: depth 3, sigmoid');
    expect(headingsOf(barely).subtitle.text).toMatch(
      /^p from 0\.4857 to 0\.5164 everywhere: right on 79% of points, but never more than 0\.0164 from 0\.5/,
    );
    // A grid at exactly 0.5 (to its 4 decimals) is not "class 1 everywhere".
    const flat = decisionBoundaryChart(boundaryCase(8, { accuracy: 0.42 }, () => 0.5))!;
    expect(headingsOf(flat).subtitle.text).toMatch(
      /^p = 0\.5000 everywhere: right on 42% of points, by margins far too small/,
    );
  });

  it('keeps "what the network learned" for a net that is unsure everywhere but below ln 2', () => {
    // Early in training: p from 0.45 to 0.53, yet already on the right side (loss 0.6 < ln 2).
    const unsure = boundaryCase(1, { loss: 0.6 }, (p) => 0.45 + 0.08 * p);
    expect(headingsOf(decisionBoundaryChart(unsure)!).title.text).toMatch(/^What the network learned/);
    expect(headingsOf(decisionBoundaryChart(trainFixture(1))!).title.text).toMatch(
      /^What the network learned/,
    );
  });

  it('says "no boundary learned" when the model answers one class everywhere on the plot', () => {
    // Three steps in: p from 0.2 to 0.45 everywhere, loss 0.74, class 0 on the whole plot.
    const early = boundaryCase(1, { loss: 0.74, accuracy: 0.5 }, (p) => 0.2 + 0.25 * p);
    const { title, subtitle } = headingsOf(decisionBoundaryChart(early)!);
    expect(title.text).toBe('No boundary learned: depth 1, sigmoid');
    expect(subtitle.text).toMatch(/answers class 0 everywhere on this plot/);
  });

  it('keeps a small grid whole', () => {
    const result = trainFixture(1);
    for (const run of result.runs)
      run.boundary = { ...run.boundary!, size: 3, probabilities: [0, 0.5, 1, 0, 0.5, 1, 0, 0.5, 1] };
    const heat = datasets(decisionBoundaryChart(result)!)[2]!;
    expect(heat.data).toHaveLength(9);
  });
});

describe('LP', () => {
  it('clips the separating line to the plot', () => {
    const box = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
    const segment = clipLine([1, 1], 0, box)!; // x + y = 0: corner to corner
    expect(segment.map((p) => p.x + (p.y as number))).toEqual([0, 0]);
    const vertical = clipLine([1, 0], -0.5, box)!; // x = 0.5
    expect(vertical.map((p) => p.x)).toEqual([0.5, 0.5]);
    expect(clipLine([1, 0], -5, box)).toBeUndefined();
    expect(clipLine([0, 0], 1, box)).toBeUndefined();
  });

  it('draws the line when feasible and says "infeasible" in the title otherwise', () => {
    const feasible = lpChart(lpFixture(true));
    const line = byLabel(feasible, 'separating line found by the LP')!.data as XY[];
    const { w, b } = lpFixture(true).weights!;
    for (const p of line) expect(w[0]! * p.x + w[1]! * (p.y as number) + b).toBeCloseTo(0, 9);
    const infeasible = lpChart(lpFixture(false));
    expect(byLabel(infeasible, 'separating line found by the LP')).toBeUndefined();
    const title = headingsOf(infeasible).title.text;
    expect(title).toContain('infeasible');
    expect(infeasible.alt).toContain('no straight line separates the classes');
    // One neuron's boundary is itself a line: the subtitle says how good the best line found is.
    const subtitle = headingsOf(infeasible).subtitle.text;
    expect(subtitle).toContain('the line one neuron found: 52% correct');
  });
});

describe('landscape', () => {
  it('calls a flat slice a plateau, not a clean bowl with "0 extra minima"', () => {
    const result = landscapeFixture();
    const deep = result.variants[1]!;
    // A stalled sigmoid net: ln 2 in every direction.
    deep.direction = {
      ...deep.direction,
      losses: deep.direction.losses.map((_, i) => Math.LN2 + 1e-5 * (i % 2)),
    };
    deep.extraMinima = 0;
    const draft = landscapeChart(result, 'direction');
    expect(byLabel(draft, 'deep plain (depth 10): flat (a plateau)')).toBeDefined();
    expect(byLabel(draft, 'shallow (depth 1): 0 extra minima')).toBeDefined();
  });

  it('draws the trained-weights stars whole even at the bottom of the plot', () => {
    const draft = landscapeChart(landscapeFixture(), 'line');
    expect(byLabel(draft, 'trained weights')!.clip).toBe(false);
  });
});
