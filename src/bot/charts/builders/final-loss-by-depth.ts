import type { CompareResult } from '../../../engine/result.js';
import type { ChartDraft } from '../draft.js';
import { formatValue, joinWords } from '../format.js';
import { LINE_WIDTH, OKABE_ITO, REFERENCE_COLOR, withAlpha } from '../style.js';
import { axis, baseOptions, finiteOrNull, LN2, REFERENCE_DASH } from './common.js';

/*
 * A category x axis (one slot per depth, evenly spaced even for 1, 2, 4, 8, 16), the mean as a
 * line with large dots, and the seeds' range as a floating bar behind each dot.
 */

/** Final training loss against depth: mean, min–max range over seeds, and the ln 2 line. */
export function finalLossByDepthChart(result: CompareResult): ChartDraft {
  const { spec, summaries } = result;
  const labels = summaries.map((s) => String(s.depth));
  const seeds = spec.seeds;
  const datasets: Record<string, unknown>[] = [
    {
      type: 'line',
      label: seeds > 1 ? `mean of ${seeds} seeds` : 'final loss',
      data: summaries.map((s) => finiteOrNull(s.meanFinalLoss)),
      borderColor: OKABE_ITO.blue,
      backgroundColor: OKABE_ITO.blue,
      borderWidth: LINE_WIDTH.main,
      pointRadius: 7,
      pointStyle: 'circle',
      tension: 0,
    },
  ];
  if (seeds > 1) {
    datasets.push({
      type: 'bar',
      label: 'lowest to highest seed',
      data: summaries.map((s) => {
        const [low, high] = [finiteOrNull(s.minFinalLoss), finiteOrNull(s.maxFinalLoss)];
        return low === null || high === null ? null : [low, high];
      }),
      backgroundColor: withAlpha(OKABE_ITO.skyBlue, 0.45),
      borderColor: OKABE_ITO.skyBlue,
      borderWidth: 2,
      borderSkipped: false,
      barPercentage: 0.45,
      // A range of 1e-4 would be invisible: keep a sliver so the bar still shows it is there.
      minBarLength: 4,
      pointStyle: 'rect',
    });
  }
  if (spec.loss === 'cross-entropy') {
    datasets.push({
      type: 'line',
      label: 'no learning (ln 2)',
      data: labels.map(() => LN2),
      borderColor: REFERENCE_COLOR,
      backgroundColor: REFERENCE_COLOR,
      borderWidth: LINE_WIDTH.reference,
      borderDash: REFERENCE_DASH,
      pointRadius: 0,
      pointStyle: 'line',
    });
  }

  const highest = Math.max(LN2, ...summaries.map((s) => s.maxFinalLoss).filter(Number.isFinite));
  const perDepth = summaries.map((s) => `depth ${s.depth} ends at ${formatValue(s.meanFinalLoss)}`);
  const noLearning = spec.loss === 'cross-entropy' ? ' (ln 2 = 0.693 means no learning)' : '';
  return {
    name: 'final-loss-by-depth',
    alt: `Final training loss by depth after ${spec.steps} steps, mean of ${seeds} seed${seeds === 1 ? '' : 's'}: ${joinWords(perDepth)}${noLearning}.`,
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: baseOptions(
        'Final training loss by depth',
        `${spec.activation}, ${spec.init} init, ${spec.optimizer}, ${spec.steps} steps${spec.residual ? ', residual' : ''}`,
        {
          x: axis('category', 'depth (hidden layers)'),
          y: axis('linear', 'final training loss', { min: 0, suggestedMax: highest * 1.08 }),
        },
      ),
    },
  };
}
