import type { CompareResult, RunResult, TrainResult } from '../../engine/result.js';
import { NOTABLE_SATURATION } from '../judge/judge.js';
import {
  layerActivationChart,
  layerGradientChart,
  layerSaturationChart,
} from './builders/layers-over-training.js';
import type { ChartDraft } from './draft.js';

/*
 * Which layers-over-training charts a reply carries. A chart earns a place in the main reply
 * only when the run shows something in it; all of them are one button away (view:layers).
 */

/** Which charts a reply shows: the usual ones, or the layers watched over training. */
export type ChartView = 'main' | 'layers';
export const CHART_VIEWS = ['main', 'layers'] as const;

/** A first/last layer gradient ratio beyond 100x either way makes the gradient chart worth showing. */
const TELLING_GRADIENT_RATIO = 100;
/** A layer whose activations end with a spread below this has collapsed to nearly one value. */
const COLLAPSED_SPREAD = 0.05;

function saturates(run: RunResult): boolean {
  return (run.layerStats ?? []).some((s) => s.saturated.some((f) => f >= NOTABLE_SATURATION));
}

function gradientsSkewed(run: RunResult): boolean {
  return run.gradientNorms.some(({ perLayer }) => {
    const [first, last] = [perLayer[0], perLayer[perLayer.length - 1]];
    if (first === undefined || last === undefined || perLayer.length < 2 || first <= 0 || last <= 0)
      return false;
    return first / last < 1 / TELLING_GRADIENT_RATIO || first / last > TELLING_GRADIENT_RATIO;
  });
}

function collapses(run: RunResult): boolean {
  return run.layerStats?.at(-1)?.spread.some((s) => s < COLLAPSED_SPREAD) ?? false;
}

/** Every layer chart of one run, each marked with whether the run shows something in it. */
export function layerChartsOf(run: RunResult | undefined): { draft: ChartDraft; telling: boolean }[] {
  if (!run) return [];
  const candidates = [
    { draft: layerSaturationChart(run), telling: saturates(run) },
    { draft: layerGradientChart(run), telling: gradientsSkewed(run) },
    { draft: layerActivationChart(run), telling: collapses(run) || saturates(run) },
  ];
  return candidates.filter((c): c is { draft: ChartDraft; telling: boolean } => c.draft !== undefined);
}

/** The run whose layers are drawn: the first seed of a train result, the deepest net's of a compare. */
export function watchedRun(result: TrainResult | CompareResult): RunResult | undefined {
  if (result.experiment === 'train') return result.runs[0];
  const deepest = Math.max(...result.runs.map((r) => r.depth));
  return result.runs.find((r) => r.depth === deepest);
}

/** The telling layer charts, at most `room` of them. */
export function tellingLayerCharts(result: TrainResult | CompareResult, room: number): ChartDraft[] {
  return layerChartsOf(watchedRun(result))
    .filter((c) => c.telling)
    .slice(0, Math.max(0, room))
    .map((c) => c.draft);
}
