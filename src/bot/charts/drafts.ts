import type { ExperimentResult } from '../../engine/result.js';
import { decisionBoundaryChart } from './builders/decision-boundary.js';
import { finalLossByDepthChart } from './builders/final-loss-by-depth.js';
import { compareGradientChart, trainGradientChart } from './builders/gradient-norms.js';
import { hardnessDescentChart, hardnessTimeChart } from './builders/hardness.js';
import { landscapeChart } from './builders/landscape.js';
import { lossCurvesChart } from './builders/loss-curves.js';
import { lpChart } from './builders/lp.js';
import { projectionChart } from './builders/projection.js';
import { restartsChart } from './builders/restarts.js';
import { trainabilityMapChart } from './builders/trainability-map.js';
import type { ChartDraft } from './draft.js';
import { type ChartView, layerChartsOf, tellingLayerCharts, watchedRun } from './layer-charts.js';

/** Images one reply carries at most: more crowd a phone screen. */
export const MAX_CHARTS = 4;

/**
 * The charts that explain a result, most telling first (chat clients show the first one largest).
 * `view: 'layers'` asks for the layers watched over training instead (train and compare).
 */
export function chartDraftsFor(result: ExperimentResult, view: ChartView = 'main'): ChartDraft[] {
  if (view === 'layers' && (result.experiment === 'train' || result.experiment === 'compare')) {
    return layerChartsOf(watchedRun(result)).map((c) => c.draft);
  }
  switch (result.experiment) {
    case 'train': {
      // A table of other than two features shows its points projected instead of a boundary.
      const boundary = decisionBoundaryChart(result) ?? projectionChart(result);
      const main = [lossCurvesChart(result), trainGradientChart(result)];
      const room = MAX_CHARTS - main.length - (boundary === undefined ? 0 : 1);
      return [
        ...main,
        ...tellingLayerCharts(result, Math.min(1, room)),
        ...(boundary === undefined ? [] : [boundary]),
      ];
    }
    case 'compare':
      return [finalLossByDepthChart(result), compareGradientChart(result), ...tellingLayerCharts(result, 1)];
    case 'map':
      return [trainabilityMapChart(result)];
    case 'restarts':
      return [restartsChart(result)];
    case 'landscape':
      return [landscapeChart(result, 'line'), landscapeChart(result, 'direction')];
    case 'lp':
      return [lpChart(result)];
    case 'hardness':
      return [hardnessTimeChart(result), hardnessDescentChart(result)];
  }
}
