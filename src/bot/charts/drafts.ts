import type { ExperimentResult } from '../../engine/result.js';
import { decisionBoundaryChart } from './builders/decision-boundary.js';
import { finalLossByDepthChart } from './builders/final-loss-by-depth.js';
import { compareGradientChart, trainGradientChart } from './builders/gradient-norms.js';
import { landscapeChart } from './builders/landscape.js';
import { lossCurvesChart } from './builders/loss-curves.js';
import { lpChart } from './builders/lp.js';
import { restartsChart } from './builders/restarts.js';
import { trainabilityMapChart } from './builders/trainability-map.js';
import type { ChartDraft } from './draft.js';

/** The charts that explain a result, most telling first (chat clients show the first one largest). */
export function chartDraftsFor(result: ExperimentResult): ChartDraft[] {
  switch (result.experiment) {
    case 'train': {
      const boundary = decisionBoundaryChart(result);
      return [
        lossCurvesChart(result),
        trainGradientChart(result),
        ...(boundary === undefined ? [] : [boundary]),
      ];
    }
    case 'compare':
      return [finalLossByDepthChart(result), compareGradientChart(result)];
    case 'map':
      return [trainabilityMapChart(result)];
    case 'restarts':
      return [restartsChart(result)];
    case 'landscape':
      return [landscapeChart(result, 'line'), landscapeChart(result, 'direction')];
    case 'lp':
      return [lpChart(result)];
  }
}
