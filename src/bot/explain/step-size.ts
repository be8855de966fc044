import type { ExperimentResult } from '../../engine/result.js';
import { endedAboveNoLearning, largestJump, type RunWithLoss, runsOf, spiked } from './evidence.js';
import { formatLoss, listWords, stallName } from './format.js';
import { type Explanation, type Sentence, say } from './types.js';

/*
 * Steps too large for the surface: the loss jumps up during training, or ends above the loss of
 * answering 50/50 after having been lower. Either says the updates overshoot; neither says
 * anything about depth or vanishing gradients, so when a run shows one, that is the whole story.
 */

function depthsOf(runs: readonly RunWithLoss[]): string {
  const depths = [...new Set(runs.map(({ run }) => run.depth))].sort((a, b) => a - b);
  return `${depths.length === 1 ? 'depth' : 'depths'} ${listWords(depths.map(String))}`;
}

function spikeSentence(all: readonly RunWithLoss[], spikes: readonly RunWithLoss[]): Sentence {
  const jumps = spikes.map(({ run }) => largestJump(run));
  const biggest = jumps.reduce((a, b) => (b.to - b.from > a.to - a.from ? b : a));
  const loss = spikes[0]!.loss;
  return say(
    'loss-spiked',
    `In ${spikes.length === all.length ? `all ${all.length}` : `${spikes.length} of ${all.length}`} runs (${depthsOf(spikes)}) the loss jumped up during training, the largest jump from ${formatLoss(biggest.from)} to ${formatLoss(biggest.to)}, above ${stallName(loss)}.`,
  );
}

function aboveSentence(above: readonly RunWithLoss[]): Sentence {
  const finals = above.map(({ run }) => run.finalLoss);
  const [low, high] = [Math.min(...finals), Math.max(...finals)];
  const range = high - low < 0.001 ? formatLoss(low) : `${formatLoss(low)} to ${formatLoss(high)}`;
  return say(
    'ended-above-no-learning',
    `Runs at ${depthsOf(above)} (${above.length} in all) ended at ${range}, above ${stallName(above[0]!.loss)}: worse than answering 50/50, after having been lower.`,
  );
}

/** The step-size story, when any run spiked or ended above the no-learning loss. */
export function explainStepSize(result: ExperimentResult): Explanation | undefined {
  const all = runsOf(result);
  const spikes = all.filter(({ run, loss }) => spiked(run, loss));
  const above = all.filter(({ run, loss }) => endedAboveNoLearning(run, loss));
  if (spikes.length === 0 && above.length === 0) return undefined;
  const rate = 'learningRate' in result.spec ? ` (learning rate ${result.spec.learningRate})` : '';
  const sentences = [
    ...(spikes.length > 0 ? [spikeSentence(all, spikes)] : []),
    ...(above.length > 0 ? [aboveSentence(above)] : []),
    say(
      'step-size-fix',
      `That is the step size${rate}: the updates overshoot, which is not a sign of vanishing gradients or of depth; try a learning rate ten times smaller.`,
    ),
  ];
  return { sentences, lessonId: 'tricks' };
}
