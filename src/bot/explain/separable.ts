import type { RunFacts } from '../judge/facts.js';
import { tableOf } from './data.js';
import { formatLoss } from './format.js';
import { type Sentence, say } from './types.js';

/*
 * One neuron (on K > 2 classes, one layer of K output units) whose every run classifies every
 * training point: the data are linearly separable, and then the cross-entropy has no minimizer.
 * The run itself is the evidence, so this is said of a table too, in a table's words. The loss can be pushed towards 0 forever by
 * growing the weights, so final losses depend on how far each start got, not on a minimum.
 */

/** The sentence for a cross-entropy neuron on separable data, when every run shows it. */
export function separableNeuronSentence(seeds: readonly RunFacts[], spec: object): Sentence | undefined {
  if (seeds.length === 0 || seeds.some((f) => f.loss !== 'cross-entropy' || f.finalAccuracy < 1))
    return undefined;
  const finals = seeds.map((f) => f.final);
  const [low, high] = [Math.min(...finals), Math.max(...finals)];
  const falling = seeds.every((f) => f.recentFall > 0);
  const range =
    seeds.length === 1
      ? `it ended at ${formatLoss(low)}`
      : `they ended between ${formatLoss(low)} and ${formatLoss(high)}`;
  const who =
    seeds.length === 1
      ? 'The run classifies'
      : seeds.length === 2
        ? 'Both runs classify'
        : `All ${seeds.length} runs classify`;
  const table = tableOf(spec);
  const separates =
    table === undefined
      ? 'a straight line separates this data'
      : table.classes.length === 2
        ? 'one linear boundary separates the two classes of this table'
        : `linear boundaries separate the ${table.classes.length} classes of this table`;
  return say(
    'separable-no-minimizer',
    `${who} every point correctly, so ${separates}, and then the cross-entropy has no minimizer: the weights can grow forever while the loss only tends to 0 (${range}${falling ? ', still falling' : ''}).`,
    75,
  );
}
