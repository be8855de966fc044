import type { ExperimentResult } from '../../engine/result.js';
import { type RunFacts, seedsOf } from '../judge/facts.js';
import {
  ABOVE_LEVEL_MARGIN,
  depthTrend,
  gradientsTinyThroughout,
  learnedMargin,
  overflowedAtInit,
  recoveredFromSpike,
  STEP_KINDS,
  seedKind,
  spiked,
  stableDepths,
} from '../judge/judge.js';
import { noLearning } from '../no-learning.js';
import { noBudgetHelpsSentence } from './budget.js';
import { formatLoss, listWords } from './format.js';
import { saturationSentence } from './signals.js';
import { type Explanation, type Sentence, say, sayAlways } from './types.js';

/*
 * Steps too large for the surface: the loss overflowed, jumped up and stayed up, or ended above
 * the loss of answering 0.5 after having been lower. When that happens at every depth, it is the
 * whole story: nothing about depth can be read. When only the deeper nets overshoot at a rate the
 * shallow ones take, the largest stable step shrinks with depth, and the tutor says exactly that.
 * A spike a run recovered from is different: the run still learned, and the spike gets a note that
 * the sentence cap never drops.
 */

const depthsWord = (depths: readonly number[]) =>
  `${depths.length === 1 ? 'depth' : 'depths'} ${listWords(depths.map(String))}`;

const depthsOf = (facts: readonly RunFacts[]) =>
  [...new Set(facts.map((f) => f.depth))].sort((a, b) => a - b);

const share = (some: number, all: number) =>
  all === 1 ? 'the only' : some === all ? `all ${all}` : `${some} of ${all}`;
const runsWord = (some: number, all: number) => `${share(some, all)} run${all === 1 ? '' : 's'}`;

/** The run with the largest jump among `facts`. */
function biggestJump(facts: readonly RunFacts[]): RunFacts {
  return facts.reduce((a, b) => (b.jump.to - b.jump.from > a.jump.to - a.jump.from ? b : a));
}

const rateOf = (result: ExperimentResult) =>
  'learningRate' in result.spec ? ` (learning rate ${result.spec.learningRate})` : '';

/** What went wrong in the runs whose steps overshot, in one sentence with their numbers. */
function problemSentence(all: readonly RunFacts[], bad: readonly RunFacts[]): Sentence {
  const diverged = bad.filter((f) => seedKind(f) === 'diverged');
  const overshot = bad.filter((f) => seedKind(f) === 'overshot');
  // Restarts mix losses (the squared-error neuron beside cross-entropy nets): name one level only when all share it.
  const losses = new Set(bad.map((f) => f.loss));
  const levelName =
    losses.size === 1 ? noLearning(bad[0]!.loss, bad[0]!.classes).name : 'their no-learning level';
  const parts: string[] = [];
  if (diverged.length > 0) {
    parts.push(
      `in ${runsWord(diverged.length, all.length)} (${depthsWord(depthsOf(diverged))}) the loss overflowed to infinity (NaN)`,
    );
  }
  if (overshot.length > 0) {
    const finals = overshot.map((f) => f.final);
    const [low, high] = [Math.min(...finals), Math.max(...finals)];
    const range =
      formatLoss(low) === formatLoss(high) ? formatLoss(low) : `${formatLoss(low)} to ${formatLoss(high)}`;
    const where = `in ${runsWord(overshot.length, all.length)} (${depthsWord(depthsOf(overshot))})`;
    const margin = formatLoss(Math.min(...overshot.map((f) => learnedMargin(f.level))));
    const worst = biggestJump(overshot);
    const rise = `the largest rise from ${formatLoss(worst.jump.from)} to ${formatLoss(worst.jump.to)} at step ${worst.jump.step}`;
    if (overshot.every((f) => f.final > f.level + ABOVE_LEVEL_MARGIN)) {
      parts.push(
        `${where} the loss ended at ${range}, above ${levelName} by more than ${ABOVE_LEVEL_MARGIN} and more than ${margin} above the lowest value it had reached, ${rise}`,
      );
    } else {
      // Learned, then lost it; or swung up and down; or rose from where it started.
      const learnedFirst = overshot.filter((f) => f.best < f.level - learnedMargin(f.level));
      const lowest = learnedFirst.reduce<RunFacts | undefined>(
        (a, f) => (!a || f.best < a.best ? f : a),
        undefined,
      );
      const learnedWords = lowest
        ? `; ${learnedFirst.length === overshot.length ? (overshot.length === 1 ? 'it' : 'each') : `${learnedFirst.length} of them`} had first got clearly below ${levelName} (lowest ${formatLoss(lowest.best)} at step ${lowest.bestStep})`
        : '';
      parts.push(
        `${where} the loss rose well above the lowest value it had reached and ended more than ${margin} above it (final ${range}), ${rise}${learnedWords}`,
      );
    }
  }
  const text = parts.join('; ');
  return sayAlways('step-overshoot', `${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
}

/**
 * The step-size story, when any run diverged or overshot. Rates that only the deeper nets of a
 * sweep could not take are said to shrink with depth; the initial weights are blamed only when
 * the loss overflowed before the first step.
 */
export function explainStepSize(result: ExperimentResult): Explanation | undefined {
  const all = seedsOf(result).map((s) => s.facts);
  const bad = all.filter((f) => STEP_KINDS.has(seedKind(f)));
  if (bad.length === 0) return undefined;
  const sentences: Sentence[] = [problemSentence(all, bad)];
  const atInit = bad.filter(overflowedAtInit);
  if (atInit.length > 0) {
    const worst = Math.max(
      ...atInit.map((f) => (Number.isFinite(f.first) ? f.first : Number.POSITIVE_INFINITY)),
    );
    sentences.push(
      say(
        'overflow-at-init',
        `The loss was already ${Number.isFinite(worst) ? worst.toExponential(0) : 'infinite'} before the first step: the initial weights make the output overflow, whatever the step size.`,
      ),
    );
    return { sentences, lessonId: 'signal-propagation' };
  }
  // Depths as the runs have them: a sweep's, or restarts' (0 for one neuron, 1 for the 3-node net).
  const depths = [...new Set(all.map((f) => f.depth))];
  const trend =
    depths.length > 1
      ? depthTrend(depths.map((depth) => ({ depth, seeds: all.filter((f) => f.depth === depth) })))
      : undefined;
  const { unstable, stable } = trend ? stableDepths(trend) : { unstable: [], stable: [] };
  // Every depth is one or the other, and the stable ones are all shallower.
  const shallowStable =
    stable.length > 0 &&
    unstable.length > 0 &&
    stable.length + unstable.length === depths.length &&
    Math.max(...stable) < Math.min(...unstable);
  if (shallowStable) {
    sentences.push(
      say(
        'stable-step-shrinks',
        `At this step size${rateOf(result)} ${depthsWord(stable)} neither overflowed nor ended above their no-learning level or well above their lowest loss, while ${depthsWord(unstable)} did: the largest stable step shrinks with depth here. To compare how well the depths learn, try a learning rate ten times smaller.`,
      ),
    );
  } else {
    // Only the runs that overshot are unreadable; in a sweep, name their depths.
    const badDepths = depthsOf(bad);
    const which =
      bad.length === all.length
        ? 'these runs'
        : depths.length > 1
          ? `those runs (${depthsWord(badDepths)})`
          : 'those runs';
    const why = bad.some((f) => seedKind(f) === 'overshot')
      ? `A small enough step never raises a full-batch loss, so a rising one means the updates overshoot: that is the step size${rateOf(result)}`
      : `That is the step size${rateOf(result)}: the updates overshoot`;
    sentences.push(
      say(
        'step-size-fix',
        `${why}, and ${which} cannot show ${result.experiment === 'restarts' ? 'where training stops' : 'what depth does'}; try a learning rate ten times smaller.`,
      ),
    );
  }
  const note = recoveredSpikeNote(result);
  if (note) sentences.push(note);
  // Depths whose every gradient was too small to move them: a smaller step cannot help them either.
  const optimizer = 'optimizer' in result.spec ? result.spec.optimizer : undefined;
  const frozen = depths
    .filter((d) => {
      const at = all.filter((f) => f.depth === d);
      return at.every((f) => !STEP_KINDS.has(seedKind(f))) && gradientsTinyThroughout(at);
    })
    .sort((a, b) => a - b);
  const still =
    optimizer && result.experiment !== 'restarts' && frozen.length > 0
      ? noBudgetHelpsSentence(
          all.filter((f) => frozen.includes(f.depth)),
          optimizer,
          frozen,
        )
      : undefined;
  if (still) sentences.push({ ...still, always: true, rank: 100 });
  // Most units dead or saturated changes how the run reads, whatever the step did.
  // The seeds the other explanations count: every seed of /train, the deepest depth of /compare.
  const deepest = Math.max(...all.map((f) => f.depth));
  const counted =
    result.experiment === 'train'
      ? all
      : result.experiment === 'compare'
        ? all.filter((f) => f.depth === deepest)
        : [];
  const activation = 'activation' in result.spec ? result.spec.activation : undefined;
  const saturation =
    activation === undefined || counted.length === 0 ? undefined : saturationSentence(counted, activation);
  if (saturation?.always) sentences.push(saturation);
  return { sentences, lessonId: 'step-size' };
}

/**
 * A note on spikes the runs came back down from without learning (they settled at or near the
 * no-learning level): never cut, since a jump to many times the loss is a step-size event the
 * outcome sentence alone would hide.
 */
export function settledSpikeNote(result: ExperimentResult): Sentence | undefined {
  const all = seedsOf(result).map((s) => s.facts);
  const settled = all.filter((f) => spiked(f) && !recoveredFromSpike(f) && !STEP_KINDS.has(seedKind(f)));
  if (settled.length === 0) return undefined;
  const worst = biggestJump(settled);
  return sayAlways(
    'loss-spiked-settled',
    `In ${runsWord(settled.length, all.length)} (${depthsWord(depthsOf(settled))}) the loss first jumped, the largest jump from ${formatLoss(worst.jump.from)} to ${formatLoss(worst.jump.to)} at step ${worst.jump.step}, and it ended at ${formatLoss(worst.final)}: steps that large overshoot.`,
  );
}

/** A note on spikes the runs recovered from: never cut, since a jump to many times the level changes the story. */
export function recoveredSpikeNote(result: ExperimentResult): Sentence | undefined {
  const all = seedsOf(result).map((s) => s.facts);
  const recovered = all.filter(recoveredFromSpike);
  if (recovered.length === 0) return undefined;
  const worst = biggestJump(recovered);
  const [from, to, end] = [worst.jump.from, worst.jump.to, worst.final].map(formatLoss);
  const what =
    recovered.length === 1
      ? `the loss jumped from ${from} to ${to} at step ${worst.jump.step} and recovered to ${end}`
      : `the loss jumped up and recovered, the largest jump from ${from} to ${to} at step ${worst.jump.step} in a run that ended at ${end}`;
  return sayAlways(
    'loss-spiked-recovered',
    `In ${runsWord(recovered.length, all.length)} (${depthsWord(depthsOf(recovered))}) ${what}: the step size is near its limit there.`,
  );
}
