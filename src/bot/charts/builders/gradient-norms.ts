import type { CompareResult, TrainResult } from '../../../engine/result.js';
import { formatRatio } from '../../explain/format.js';
import { initialRatio, runFacts } from '../../judge/facts.js';
import { classesOf } from '../../no-learning.js';
import type { ChartDraft, XY } from '../draft.js';
import { formatValue } from '../format.js';
import { LINE_WIDTH, OKABE_ITO, seriesColor, withAlpha } from '../style.js';
import { gradientsAtInit, meanGradientsAtInit } from './aggregate.js';
import { axis, baseOptions, joinWithGaps, lineDataset, MAX_TICKS } from './common.js';
import { type LogScale, logScale } from './log-scale.js';
import { architectureText } from './loss-curves.js';

/*
 * Gradient size per layer at initialization, on a log axis: vanishing gradients show as a line
 * that drops by orders of magnitude toward layer 1 (Glorot & Bengio 2010).
 */

const TITLE = 'Gradient size per layer at the start';
const X_TITLE = 'layer (1 = next to the input)';
const Y_TITLE = 'gradient norm';

/** Layer numbers from 1 against values. */
function byLayer(values: readonly number[], scale: LogScale): XY[] {
  return values.map((value, i) => ({ x: i + 1, y: scale.y(value) }));
}

/**
 * Layers 1..n with half a layer of room on each side, so the end dots are not cut in half. Every
 * layer is labelled up to MAX_TICKS layers, else every second, third, ... layer: an even step
 * (Chart.js given one step and a tick limit would space the labels unevenly).
 */
function layerAxis(layers: number): Record<string, unknown> {
  const step = Math.max(1, Math.ceil(layers / MAX_TICKS));
  return axis('linear', X_TITLE, {
    min: 0.5,
    max: Math.max(1, layers) + 0.5,
    ticks: { stepSize: step, precision: 0, includeBounds: false, maxTicksLimit: MAX_TICKS + 1 },
  });
}

/** Words for the first and last layer's gradient, e.g. "layer 1 gets 2e-6, the output layer 0.31". */
function endsInWords(values: readonly number[]): string {
  const first = values[0];
  const last = values[values.length - 1];
  if (first === undefined || last === undefined) return 'no gradients were recorded';
  if (values.every((v) => v === 0))
    return "every layer's gradient is 0 (nothing flows back, so the log axis shows no line)";
  if (values.length === 1) return `its single layer gets ${formatValue(first)}`;
  return `layer 1 gets ${formatValue(first)}, the output layer ${formatValue(last)} (ratio ${formatRatio(first / last)})`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Gradient norm per layer at initialization for a train result: the seeds' mean and each seed. */
export function trainGradientChart(result: TrainResult): ChartDraft {
  const { runs, spec } = result;
  const mean = meanGradientsAtInit(runs);
  const scale = logScale(Y_TITLE, runs.flatMap(gradientsAtInit), { wholeDecades: true });
  const meanLabel = runs.length > 1 ? `mean of ${runs.length} seeds` : 'gradient norm';
  const datasets = [
    lineDataset(meanLabel, byLayer(mean, scale), OKABE_ITO.blue, LINE_WIDTH.main, {
      pointRadius: 6,
      pointStyle: 'circle',
      ...scale.dataset,
    }),
  ];
  if (runs.length > 1) {
    const seeds = joinWithGaps(runs.map((run) => byLayer(gradientsAtInit(run), scale)));
    const seedColor = withAlpha(OKABE_ITO.vermillion, 0.75);
    datasets.push(lineDataset('each seed', seeds, seedColor, LINE_WIDTH.thin, scale.dataset));
  }
  // One ratio for text, subtitle, alt text and plot: the ends of the plotted mean line.
  const ratio = initialRatio(runs.map((run) => runFacts(run, spec.loss, classesOf(spec))));
  const ratioText = ratio === undefined ? '' : ` · layer 1 / last layer = ${formatRatio(ratio)}`;
  // A ratio near 1 looks healthy even when every layer's gradient is tiny: give the size too.
  const largest = Math.max(...mean.filter(Number.isFinite));
  const allZero = mean.length > 0 && mean.every((v) => v === 0);
  const sizeText = allZero
    ? ' · every gradient is 0: nothing flows back'
    : Number.isFinite(largest)
      ? ` · largest ${formatValue(largest)}`
      : '';
  return {
    name: 'gradient-norms',
    alt: `Gradient norm per layer at initialization for ${architectureText(spec)}, mean of ${plural(runs.length, 'seed')}: ${endsInWords(mean)}.`,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions(TITLE, `${architectureText(spec)}${ratioText}${sizeText}`, {
        x: layerAxis(mean.length),
        ...scale.scales,
      }),
    },
  };
}

/** Gradient norm per layer at initialization for each depth of a compare result (mean of seeds). */
export function compareGradientChart(result: CompareResult): ChartDraft {
  const { spec, summaries } = result;
  const perDepth = summaries.map((s) => ({
    depth: s.depth,
    mean: meanGradientsAtInit(result.runs.filter((run) => run.depth === s.depth)),
  }));
  const scale = logScale(
    Y_TITLE,
    perDepth.flatMap((d) => d.mean),
    { wholeDecades: true },
  );
  const datasets = perDepth.map(({ depth, mean }, i) =>
    lineDataset(`depth ${depth}`, byLayer(mean, scale), seriesColor(i), LINE_WIDTH.main - 1, {
      pointRadius: 5,
      pointStyle: 'circle',
      ...scale.dataset,
    }),
  );
  const layers = Math.max(1, ...perDepth.map((d) => d.mean.length));
  const words = perDepth.map(({ depth, mean }) => `depth ${depth}: ${endsInWords(mean)}`);
  return {
    name: 'gradient-norms-by-depth',
    alt: `Gradient norm per layer at initialization, one line per depth (mean of ${plural(spec.seeds, 'seed')}). ${words.join('; ')}.`,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions(TITLE, `${spec.activation}, ${spec.init} init · one line per depth`, {
        x: layerAxis(layers),
        ...scale.scales,
      }),
    },
  };
}
