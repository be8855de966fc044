import type { RunResult } from '../../../engine/result.js';
import type { ChartDraft, XY } from '../draft.js';
import { formatPercent, formatValue } from '../format.js';
import { LINE_WIDTH, seriesColor, withAlpha } from '../style.js';
import { axis, bandDataset, baseOptions, lineDataset } from './common.js';
import { logScale } from './log-scale.js';

/*
 * Layers watched over training: a miniature of Glorot & Bengio (2010)'s figures. One run (the
 * first seed) is drawn; with many layers, five are picked (first, last, evenly between) so the
 * lines stay readable on a phone.
 */

/** The hidden layers shown, as 0-based indices: all of them up to five, else five spread out. */
export function watchedLayers(count: number, most = 5): number[] {
  if (count <= most) return Array.from({ length: count }, (_, i) => i);
  return [...new Set(Array.from({ length: most }, (_, k) => Math.round((k * (count - 1)) / (most - 1))))];
}

const X_AXIS = () => axis('linear', 'training step', { min: 0 });

function runLabel(run: RunResult): string {
  return `depth ${run.depth}, ${run.activation}, seed ${run.seed}`;
}

/**
 * The values each activation can take. A band of mean ± 1 sd is cut to them: relu units with
 * mean 5 and spread 10 are never at -5, and a band reaching there would show what cannot happen.
 */
const ACTIVATION_RANGE: Record<RunResult['activation'], readonly [number, number]> = {
  relu: [0, Number.POSITIVE_INFINITY],
  sigmoid: [0, 1],
  tanh: [-1, 1],
  linear: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
};

const BAND_TEXT: Record<RunResult['activation'], string> = {
  relu: 'mean ± 1 sd, cut at 0',
  sigmoid: 'mean ± 1 sd, within 0–1',
  tanh: 'mean ± 1 sd, within ±1',
  linear: 'mean ± 1 sd',
};

/** Mean ± 1 standard deviation (band) of each watched hidden layer's activations. */
export function layerActivationChart(run: RunResult): ChartDraft | undefined {
  const stats = run.layerStats ?? [];
  const layers = stats[0]?.mean.length ?? 0;
  if (layers === 0) return undefined;
  // One band per layer, mean ± 1 sd, outlined in the layer's colour: one legend entry per layer
  // (a separate mean line would double the legend, and a legend filter needs a function).
  const [low, high] = ACTIVATION_RANGE[run.activation];
  const datasets = watchedLayers(layers).map((layer, i) => {
    const edge = (sign: number): XY[] =>
      stats.map((s) => ({
        x: s.step,
        y: Math.min(high, Math.max(low, s.mean[layer]! + sign * s.spread[layer]!)),
      }));
    const color = seriesColor(i);
    return {
      ...bandDataset(`layer ${layer + 1}`, edge(-1), edge(1), withAlpha(color, 0.2)),
      borderColor: color,
      borderWidth: LINE_WIDTH.thin,
    };
  });
  const last = stats[stats.length - 1]!;
  const words = watchedLayers(layers).map(
    (l) =>
      `layer ${l + 1} ends with mean ${formatValue(last.mean[l]!)} and spread ${formatValue(last.spread[l]!)}`,
  );
  return {
    name: 'activations-over-training',
    alt: `Hidden activations per layer over training for ${runLabel(run)}: ${words.join('; ')}.`,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions(
        'Activations per layer over training',
        `${runLabel(run)} · band = ${BAND_TEXT[run.activation]}`,
        {
          x: X_AXIS(),
          y: axis('linear', 'activation value'),
        },
      ),
    },
  };
}

/** Fraction of saturated (sigmoid, tanh) or dead (relu) units in each watched layer over training. */
export function layerSaturationChart(run: RunResult): ChartDraft | undefined {
  const stats = run.layerStats ?? [];
  const layers = stats[0]?.saturated.length ?? 0;
  if (layers === 0 || run.activation === 'linear') return undefined;
  const what = run.activation === 'relu' ? 'dead' : 'saturated';
  const datasets = watchedLayers(layers).map((layer, i) =>
    lineDataset(
      `layer ${layer + 1}`,
      stats.map((s) => ({ x: s.step, y: 100 * s.saturated[layer]! })),
      seriesColor(i),
      LINE_WIDTH.main - 1,
      { pointRadius: 4, pointStyle: 'circle' },
    ),
  );
  const last = stats[stats.length - 1]!;
  const words = watchedLayers(layers).map((l) => `layer ${l + 1}: ${formatPercent(last.saturated[l]!)}`);
  return {
    name: 'saturation-over-training',
    alt: `Share of ${what} units per layer over training for ${runLabel(run)}; at the end ${words.join(', ')}.`,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions(
        `${what === 'dead' ? 'Dead' : 'Saturated'} units per layer over training`,
        runLabel(run),
        {
          x: X_AXIS(),
          y: axis('linear', `% of units ${what}`, { min: 0, max: 100 }),
        },
      ),
    },
  };
}

/** Gradient norm of each watched layer (hidden and output) over training, log scale. */
export function layerGradientChart(run: RunResult): ChartDraft | undefined {
  const snapshots = run.gradientNorms;
  const layers = snapshots[0]?.perLayer.length ?? 0;
  if (layers < 2) return undefined;
  // Whole decades, as on the gradient-at-the-start chart: norms between 3e-14 and 1e-13 read as
  // "about 10⁻¹³" instead of Chart.js's crowded 3E-14, 4E-14, 1E-13.
  const scale = logScale(
    'gradient norm',
    snapshots.flatMap((s) => s.perLayer),
    { wholeDecades: true },
  );
  const datasets = watchedLayers(layers).map((layer, i) =>
    lineDataset(
      layer === layers - 1 ? 'output layer' : `layer ${layer + 1}`,
      snapshots.map((s) => ({ x: s.step, y: scale.y(s.perLayer[layer]!) })),
      seriesColor(i),
      LINE_WIDTH.main - 1,
      { pointRadius: 4, pointStyle: 'circle', ...scale.dataset },
    ),
  );
  const first = snapshots[0]!.perLayer;
  const last = snapshots[snapshots.length - 1]!.perLayer;
  return {
    name: 'gradients-over-training',
    alt: `Gradient norm per layer over training for ${runLabel(run)}: layer 1 goes from ${formatValue(first[0]!)} to ${formatValue(last[0]!)}, the output layer from ${formatValue(first[layers - 1]!)} to ${formatValue(last[layers - 1]!)}.`,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions('Gradient size per layer over training', runLabel(run), {
        x: X_AXIS(),
        ...scale.scales,
      }),
    },
  };
}
