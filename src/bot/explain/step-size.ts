import type { ExperimentResult } from '../../engine/result.js';
import {
  endedAboveNoLearning,
  largestJump,
  type RunWithLoss,
  recoveredFromSpike,
  runsOf,
  spikedForGood,
} from './evidence.js';
import { formatLoss, listWords, stallName } from './format.js';
import { type Explanation, type Sentence, say } from './types.js';

/*
 * Steps too large for the surface: the loss jumps up during training, or ends above the loss of
 * answering 50/50 after having been lower. Either says the updates overshoot; neither says
 * anything about depth or vanishing gradients, so when a run shows one, that is the whole story.
 * A spike the run recovered from is different: the run still learned, so the experiment's own
 * story stands and the spike gets a short note after it.
 */

function depthsOf(runs: readonly RunWithLoss[]): string {
  const depths = [...new Set(runs.map(({ run }) => run.depth))].sort((a, b) => a - b);
  return `${depths.length === 1 ? 'depth' : 'depths'} ${listWords(depths.map(String))}`;
}

function share(all: readonly RunWithLoss[], some: readonly RunWithLoss[]): string {
  return some.length === all.length ? `all ${all.length}` : `${some.length} of ${all.length}`;
}

/** The spiked run with the largest jump, and that jump. */
function biggestSpike(spikes: readonly RunWithLoss[]) {
  return spikes
    .map(({ run }) => ({ run, jump: largestJump(run) }))
    .reduce((a, b) => (b.jump.to - b.jump.from > a.jump.to - a.jump.from ? b : a));
}

/**
 * The runs whose loss jumped up and stayed up, counted as such: runs that jumped and came back are
 * named apart, so the count does not read as "only these jumped".
 */
function spikeSentence(
  all: readonly RunWithLoss[],
  spikes: readonly RunWithLoss[],
  recovered: readonly RunWithLoss[],
): Sentence {
  const { jump } = biggestSpike(spikes);
  const loss = spikes[0]!.loss;
  const cameBack =
    recovered.length > 0
      ? `; in ${recovered.length} more (${depthsOf(recovered)}) it jumped and came back down`
      : '';
  return say(
    'loss-spiked',
    `In ${share(all, spikes)} runs (${depthsOf(spikes)}) the loss jumped up during training and did not come back down, the largest such jump from ${formatLoss(jump.from)} to ${formatLoss(jump.to)}, above ${stallName(loss)}${cameBack}.`,
  );
}

/** A note on the spikes runs recovered from (asked only once no run overshot for good). */
export function recoveredSpikeNote(result: ExperimentResult): Sentence | undefined {
  const all = runsOf(result);
  const recovered = all.filter(({ run, loss }) => recoveredFromSpike(run, loss));
  if (recovered.length === 0) return undefined;
  const { run, jump } = biggestSpike(recovered);
  const [from, to, end] = [jump.from, jump.to, run.finalLoss].map(formatLoss);
  const what =
    recovered.length === 1
      ? `the loss jumped from ${from} to ${to} and recovered to ${end}`
      : `the loss jumped up and recovered, the largest jump from ${from} to ${to} in a run that ended at ${end}`;
  return say(
    'loss-spiked-recovered',
    `At ${depthsOf(recovered)} (${share(all, recovered)} runs) ${what}: the step size is near its limit there.`,
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

/** The step-size story, when any run spiked without recovering or ended above the no-learning loss. */
export function explainStepSize(result: ExperimentResult): Explanation | undefined {
  const all = runsOf(result);
  const spikes = all.filter(({ run, loss }) => spikedForGood(run, loss));
  const recovered = all.filter(({ run, loss }) => recoveredFromSpike(run, loss));
  const above = all.filter(({ run, loss }) => endedAboveNoLearning(run, loss));
  if (spikes.length === 0 && above.length === 0) return undefined;
  const rate = 'learningRate' in result.spec ? ` (learning rate ${result.spec.learningRate})` : '';
  const sentences = [
    ...(spikes.length > 0 ? [spikeSentence(all, spikes, recovered)] : []),
    ...(above.length > 0 ? [aboveSentence(above)] : []),
    say(
      'step-size-fix',
      `That is the step size${rate}: the updates overshoot, which is not a sign of vanishing gradients or of depth; try a learning rate ten times smaller.`,
    ),
  ];
  return { sentences, lessonId: 'tricks' };
}
