import type { FitSpec, RunResult } from '../../engine/result.js';
import { recentFall } from './evidence.js';
import { formatLoss } from './format.js';
import { type Sentence, say } from './types.js';

/*
 * One neuron whose every run classifies every training point: the data are linearly separable,
 * and then the cross-entropy has no minimizer. The loss can be pushed towards 0 forever by
 * growing the weights, so final losses depend on how far each start got, not on a minimum.
 */

/** The sentence for a cross-entropy neuron on separable data, when every run shows it. */
export function separableNeuronSentence(
  runs: readonly RunResult[],
  loss: FitSpec['loss'],
): Sentence | undefined {
  if (loss !== 'cross-entropy' || runs.length === 0 || runs.some((run) => run.finalAccuracy < 1))
    return undefined;
  const finals = runs.map((run) => run.finalLoss);
  const [low, high] = [Math.min(...finals), Math.max(...finals)];
  const falling = runs.every((run) => recentFall(run) > 0);
  const range =
    runs.length === 1
      ? `it ended at ${formatLoss(low)}`
      : `they ended between ${formatLoss(low)} and ${formatLoss(high)}`;
  return say(
    'separable-no-minimizer',
    `${runs.length === 1 ? 'The run classifies' : runs.length === 2 ? 'Both runs classify' : `All ${runs.length} runs classify`} every point correctly, so a straight line separates this data, and then the cross-entropy has no minimizer: the weights can grow forever while the loss only tends to 0 (${range}${falling ? ', still falling' : ''}).`,
  );
}
