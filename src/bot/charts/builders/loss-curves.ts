import type { TrainResult } from '../../../engine/result.js';
import { atLevel } from '../../judge/judge.js';
import { levelOfSpec } from '../../no-learning.js';
import type { ChartDraft, XY } from '../draft.js';
import { formatValue } from '../format.js';
import { LINE_WIDTH, OKABE_ITO, withAlpha } from '../style.js';
import { lossCurveSpread } from './aggregate.js';
import { axis, bandDataset, baseOptions, joinWithGaps, lineDataset, referenceLine } from './common.js';
import { logScale } from './log-scale.js';

/** A short description of an architecture, e.g. "depth 8, sigmoid, residual". */
export function architectureText(spec: { depth: number; activation: string; residual: boolean }): string {
  const parts = [`depth ${spec.depth}`, spec.activation];
  if (spec.residual) parts.push('residual');
  return parts.join(', ');
}

/** Training loss against step: each seed, their mean, and the min–max band; log y axis. */
export function lossCurvesChart(result: TrainResult): ChartDraft {
  const { runs, spec } = result;
  const spread = lossCurveSpread(runs);
  const reference = levelOfSpec(spec);
  const allLosses = runs.flatMap((run) => run.lossCurve.losses);
  const scale = logScale('training loss', [...allLosses, reference.level]);
  const at = (values: number[]): XY[] =>
    spread.steps.map((x, i) => ({ x, y: scale.y(values[i] ?? Number.NaN) }));
  const seeds = joinWithGaps(
    runs.map((run) =>
      run.lossCurve.steps.map((x, i) => ({ x, y: scale.y(run.lossCurve.losses[i] ?? Number.NaN) })),
    ),
  );
  const lastStep = spread.steps[spread.steps.length - 1] ?? spec.steps;
  const count = runs.length;
  const meanLabel = count > 1 ? `mean of ${count} seeds` : 'training loss';
  const datasets = [lineDataset(meanLabel, at(spread.mean), OKABE_ITO.blue, LINE_WIDTH.main, scale.dataset)];
  if (count > 1) {
    const seedColor = withAlpha(OKABE_ITO.vermillion, 0.75);
    datasets.push(lineDataset('each seed', seeds, seedColor, LINE_WIDTH.thin, scale.dataset), {
      ...bandDataset('range of seeds', at(spread.min), at(spread.max), withAlpha(OKABE_ITO.skyBlue, 0.35)),
      ...scale.dataset,
    });
  }
  const y = scale.y(reference.level) ?? reference.level;
  datasets.push({ ...referenceLine(reference.label, 0, lastStep, y), ...scale.dataset });

  const first = spread.mean[0] ?? Number.NaN;
  const final = result.summary.meanFinalLoss;
  const seedsText = count === 1 ? '1 seed' : `${count} seeds`;
  // A curve lying on the reference line hides it: say in words that the run learned nothing.
  const stalled = atLevel(final, reference.level) ? ', the no-learning level' : '';
  const subtitle = `${spec.optimizer}, learning rate ${spec.learningRate} · ${seedsText} · final loss ${formatValue(final)}${stalled}`;
  const range =
    count > 1
      ? `; seeds end between ${formatValue(result.summary.minFinalLoss)} and ${formatValue(result.summary.maxFinalLoss)}`
      : '';
  return {
    name: 'loss-curves',
    alt: `Training loss over ${lastStep} steps for ${architectureText(spec)}, ${seedsText}: the mean goes from ${formatValue(first)} to ${formatValue(final)}${range} (${reference.words}).`,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions(`Training loss: ${architectureText(spec)}`, subtitle, {
        x: axis('linear', 'training step', { min: 0, max: lastStep }),
        ...scale.scales,
      }),
    },
  };
}
