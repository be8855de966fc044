import type { TrainResult } from '../../engine/result.js';
import type { LessonId } from '../lessons/types.js';
import { atNoLearning } from '../no-learning.js';
import { fixesApplied } from './fixes.js';
import { capitalize, formatLoss, formatPercent, listWords, stallName } from './format.js';
import { separableNeuronSentence } from './separable.js';
import { gradientSentence, saturationSentence, sharedVerdict } from './signals.js';
import { type Explanation, MAX_SENTENCES, type Sentence, say } from './types.js';

/* `train`: one depth, a few seeds. Nothing to compare against, so it reports what this net did. */

/** Data sets no straight line separates, by construction: a stalled single neuron there is the data. */
export const NOT_LINEARLY_SEPARABLE = new Set(['xor', 'circles', 'spiral']);

function outcomeSentence(result: TrainResult, stalled: number): Sentence {
  const { spec, summary, runs } = result;
  const model = spec.depth === 0 ? 'the single neuron' : `the depth-${spec.depth} network`;
  if (stalled === runs.length) {
    return say(
      'all-stalled',
      `Final loss ${formatLoss(summary.meanFinalLoss)}, right at ${stallName(spec.loss)}: ${model} learned nothing and still predicts 50/50.`,
    );
  }
  if (stalled > 0) {
    return say(
      'some-stalled',
      `${stalled} of ${runs.length} seeds stalled at ${stallName(spec.loss)} (nothing learned, still 50/50), while the best reached ${formatLoss(summary.minFinalLoss)}.`,
    );
  }
  const fixes = fixesApplied(spec);
  const reached = `${model} reached a training loss of ${formatLoss(summary.meanFinalLoss)} (${formatPercent(summary.meanAccuracy)} accuracy) in ${spec.steps} steps.`;
  return say('reached', fixes.length > 0 ? `With ${listWords(fixes)}, ${reached}` : capitalize(reached));
}

/** Explains one configuration's runs: the outcome, then what the data or the gradients say about it. */
export function explainTrain(result: TrainResult): Explanation {
  const { spec, runs } = result;
  if (runs.length === 0)
    return { sentences: [say('no-runs', 'No run finished.')], lessonId: 'vanishing-gradients' };
  const stalled = runs.filter((run) => atNoLearning(run.finalLoss, spec.loss)).length;
  const sentences: Sentence[] = [outcomeSentence(result, stalled)];

  if (spec.depth === 0 && stalled > 0 && NOT_LINEARLY_SEPARABLE.has(spec.dataset)) {
    sentences.push(
      say(
        'needs-hidden-layer',
        `One neuron draws one straight line, and no line separates ${spec.dataset}: it needs a hidden layer.`,
      ),
    );
  }
  const separable = spec.depth === 0 ? separableNeuronSentence(runs, spec.loss) : undefined;
  if (separable) sentences.push(separable);
  if (spec.activation === 'linear' && spec.depth > 0) {
    sentences.push(
      say(
        'linear-is-one-line',
        `With linear units the depth-${spec.depth} network still computes a linear function of its input: one straight line, like a single neuron, whatever its depth.`,
      ),
    );
  }
  const gradient = gradientSentence(spec.depth, runs, spec);
  if (gradient) sentences.push(gradient);
  const saturation = saturationSentence(runs, spec.activation);
  if (saturation) sentences.push(saturation);

  return { sentences: sentences.slice(0, MAX_SENTENCES), lessonId: trainLesson(result, stalled > 0) };
}

function trainLesson(result: TrainResult, anyStalled: boolean): LessonId {
  const { spec, runs } = result;
  if (spec.depth === 0)
    return anyStalled && NOT_LINEARLY_SEPARABLE.has(spec.dataset) ? 'lp-one-layer' : 'convex-neuron';
  const verdict = sharedVerdict(runs);
  if (anyStalled || verdict === 'vanished' || verdict === 'all-tiny') return 'vanishing-gradients';
  return fixesApplied(spec).length > 0 ? 'tricks' : 'vanishing-gradients';
}
