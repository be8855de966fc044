import type { CompareResult } from '../../../engine/result.js';
import { levelOfSpec, type NoLearningLevel } from '../../no-learning.js';
import type { ChartDraft } from '../draft.js';
import { formatValue, joinWords } from '../format.js';
import { LINE_WIDTH, OKABE_ITO, REFERENCE_COLOR, withAlpha } from '../style.js';
import { axis, baseOptions, finiteOrNull, REFERENCE_DASH } from './common.js';

/*
 * A category x axis (one slot per depth, evenly spaced even for 1, 2, 4, 8, 16), the mean as a
 * line with large dots, and the seeds' range as a floating bar behind each dot.
 */

/** The settings that change what a sweep shows and are not its defaults, e.g. ", residual, batch norm". */
function settingsNote(spec: CompareResult['spec']): string {
  const notes = [
    spec.residual ? 'residual' : '',
    spec.normalization === 'none' ? '' : `${spec.normalization} norm`,
    spec.loss === 'mse' ? 'squared error' : '',
  ].filter((note) => note !== '');
  return notes.map((note) => `, ${note}`).join('');
}

type DepthSummary = CompareResult['summaries'][number];
type Dataset = Record<string, unknown>;

/** The mean final loss at each depth: a line with large dots, the chart's main series. */
function meanLine(summaries: readonly DepthSummary[], seeds: number): Dataset {
  return {
    type: 'line',
    label: seeds > 1 ? `mean of ${seeds} seeds` : 'final loss',
    data: summaries.map((s) => finiteOrNull(s.meanFinalLoss)),
    borderColor: OKABE_ITO.blue,
    backgroundColor: OKABE_ITO.blue,
    borderWidth: LINE_WIDTH.main,
    pointRadius: 7,
    pointStyle: 'circle',
    tension: 0,
  };
}

/** Each depth's lowest-to-highest final loss over seeds, as a floating bar behind the mean's dot. */
function seedRangeBars(summaries: readonly DepthSummary[]): Dataset {
  return {
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
  };
}

/** The no-learning loss as a dashed level across every depth's slot. */
function noLearningLine(reference: NoLearningLevel, slots: number): Dataset {
  return {
    type: 'line',
    label: reference.label,
    data: Array.from({ length: slots }, () => reference.level),
    borderColor: REFERENCE_COLOR,
    backgroundColor: REFERENCE_COLOR,
    borderWidth: LINE_WIDTH.reference,
    borderDash: REFERENCE_DASH,
    pointRadius: 0,
    pointStyle: 'line',
  };
}

/** Final training loss against depth: mean, min–max range over seeds, and the no-learning line. */
export function finalLossByDepthChart(result: CompareResult): ChartDraft {
  const { spec, summaries } = result;
  const labels = summaries.map((s) => String(s.depth));
  const seeds = spec.seeds;
  const reference = levelOfSpec(spec);
  // A single seed has no range to show.
  const datasets = [
    meanLine(summaries, seeds),
    ...(seeds > 1 ? [seedRangeBars(summaries)] : []),
    noLearningLine(reference, labels.length),
  ];

  const highest = Math.max(reference.level, ...summaries.map((s) => s.maxFinalLoss).filter(Number.isFinite));
  const perDepth = summaries.map((s) => `depth ${s.depth} ends at ${formatValue(s.meanFinalLoss)}`);
  return {
    name: 'final-loss-by-depth',
    alt: `Final training loss by depth after ${spec.steps} steps, mean of ${seeds} seed${seeds === 1 ? '' : 's'}: ${joinWords(perDepth)} (${reference.words}).`,
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: baseOptions(
        'Final training loss by depth',
        // The learning rate is named: a sweep ruined by too large a step must not read as a depth effect.
        `${spec.activation}, ${spec.init} init, ${spec.optimizer} at learning rate ${spec.learningRate}, ${spec.steps} steps${settingsNote(spec)}`,
        {
          x: axis('category', 'depth (hidden layers)'),
          y: axis('linear', 'final training loss', { min: 0, suggestedMax: highest * 1.08 }),
        },
      ),
    },
  };
}
