import type { TrainResult } from '../../engine/result.js';
import type { LessonId } from '../lessons/types.js';
import { fixesApplied } from './fixes.js';
import {
  capitalize,
  formatLoss,
  formatPercent,
  gradientHealth,
  isStalled,
  listWords,
  stallName,
} from './format.js';
import { gradientSentence, saturationSentence } from './signals.js';
import type { Explanation } from './types.js';

/* `train`: one depth, a few seeds. Nothing to compare against, so it reports what this net did. */

/** Data sets no straight line separates: a stalled single neuron there is the data, not the optimizer. */
const NOT_LINEARLY_SEPARABLE = new Set(['xor', 'circles', 'spiral']);

/** Explains one configuration's runs: stalled or not, the gradient ratio, saturation. */
export function explainTrain(result: TrainResult): Explanation {
  const { spec, summary, runs } = result;
  const stalledRuns = runs.filter((run) => isStalled(run.finalLoss, spec.loss));
  const fixes = fixesApplied(spec);
  const model = spec.depth === 0 ? 'the single neuron' : `the depth-${spec.depth} network`;
  const sentences: string[] = [];

  if (runs.length > 0 && stalledRuns.length === runs.length) {
    sentences.push(
      `Final loss ${formatLoss(summary.meanFinalLoss)}, right at ${stallName(spec.loss)}: ${model} learned nothing and still predicts 50/50.`,
    );
  } else if (stalledRuns.length > 0) {
    sentences.push(
      `${stalledRuns.length} of ${runs.length} seeds stalled at ${stallName(spec.loss)} (nothing learned, still 50/50), while the best reached ${formatLoss(summary.minFinalLoss)}.`,
    );
  } else {
    const withFixes = fixes.length > 0 ? `With ${listWords(fixes)}, ` : '';
    const reached = `${model} reached a training loss of ${formatLoss(summary.meanFinalLoss)} (${formatPercent(summary.meanAccuracy)} accuracy) in ${spec.steps} steps.`;
    sentences.push(withFixes ? `${withFixes}${reached}` : capitalize(reached));
  }

  if (spec.depth === 0 && stalledRuns.length > 0 && NOT_LINEARLY_SEPARABLE.has(spec.dataset)) {
    sentences.push(
      `One neuron draws one straight line, and no line separates ${spec.dataset}: it needs a hidden layer.`,
    );
  }
  const ratio = summary.gradientRatio;
  if (ratio !== undefined) sentences.push(gradientSentence(spec.depth, ratio));
  const saturation = saturationSentence(runs, spec.activation);
  if (saturation) sentences.push(saturation);

  return { sentences: sentences.slice(0, 3), lessonId: trainLesson(result, stalledRuns.length > 0) };
}

function trainLesson(result: TrainResult, anyStalled: boolean): LessonId {
  const { spec, summary } = result;
  if (spec.depth === 0)
    return anyStalled && NOT_LINEARLY_SEPARABLE.has(spec.dataset) ? 'lp-one-layer' : 'convex-neuron';
  const vanished =
    summary.gradientRatio !== undefined && gradientHealth(summary.gradientRatio) === 'vanished';
  if (anyStalled || vanished) return 'vanishing-gradients';
  return fixesApplied(spec).length > 0 ? 'tricks' : 'vanishing-gradients';
}
