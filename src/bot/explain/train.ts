import type { TrainResult } from '../../engine/result.js';
import { meanOfFinite, type RunFacts, runFacts } from '../judge/facts.js';
import {
  type GroupJudgement,
  gradientsTinyThroughout,
  HIGH_ACCURACY,
  judgeGroup,
  LEARNED_KINDS,
  learnedMargin,
  nothingMoved,
  seedKind,
  stillFalling,
} from '../judge/judge.js';
import type { LessonId } from '../lessons/types.js';
import { classesOf, noLearning } from '../no-learning.js';
import { noBudgetHelpsSentence, shortRunSentence } from './budget.js';
import { depthZeroName, linearWords, shapeNoLineSeparates } from './data.js';
import { setupOpening } from './fixes.js';
import { accuracyWords, capitalize, formatLoss, formatPercent, stepsWord } from './format.js';
import { separableNeuronSentence } from './separable.js';
import { gradientSentence, saturationSentence } from './signals.js';
import { capSentences, type Explanation, type Sentence, say } from './types.js';

/*
 * `train`: one depth, a few seeds. Each seed's trajectory is judged on its own (learned, never
 * learned, overshot, still falling), and the sentences count them. With nothing to
 * compare against, a train run names a cause only when the run itself holds the contrast (a
 * generated shape no straight line separates, for one neuron or a linear net; never a table, whose
 * geometry the run does not show); otherwise it reports what happened and offers the comparison
 * that would tell.
 */

const range = (values: readonly number[]) => {
  const [low, high] = [Math.min(...values), Math.max(...values)].map(formatLoss);
  return low === high ? low : `${low} to ${high}`;
};

/** What the seeds did, counted by kind, with their numbers. */
function outcomeSentence(result: TrainResult, group: GroupJudgement): Sentence {
  const { spec } = result;
  const classes = classesOf(spec);
  const model = spec.depth === 0 ? depthZeroName(classes) : `the depth-${spec.depth} network`;
  const n = group.seeds.length;
  const level = noLearning(spec.loss, classes);
  const learned = group.seeds.filter((f) => LEARNED_KINDS.has(seedKind(f)));
  const never = group.seeds.filter((f) => seedKind(f) === 'never-learned');
  const falling = group.count('still-falling');
  const accuracy = accuracyWords(meanOfFinite(group.seeds.map((f) => f.finalAccuracy)), classes);
  if (learned.length === n) {
    const stillFalling =
      falling === 0
        ? ''
        : `; ${falling === n ? (n === 1 ? 'it was' : 'all were') : `${falling} of ${n} were`} still falling when training stopped`;
    return say(
      'reached',
      `${capitalize(`${setupOpening(spec)}${model} learned on ${n === 1 ? 'its seed' : n === 2 ? 'both seeds' : `all ${n} seeds`}: final loss ${range(learned.map((f) => f.final))} (${accuracy}) after ${stepsWord(spec.steps)}${stillFalling}.`)}`,
      70,
    );
  }
  if (never.length === n) {
    const best = Math.min(...never.map((f) => f.best));
    return say(
      'never-learned',
      `${capitalize(`${setupOpening(spec)}${model} did not learn in ${stepsWord(spec.steps)} on ${n === 1 ? 'its seed' : `any of its ${n} seeds`}`)}: the loss never got clearly below ${level.name} (lowest ${formatLoss(best)}, final ${range(never.map((f) => f.final))}; ${accuracy})${fallingNote(never)}${confidentNote(never)}.`,
      70,
    );
  }
  const unmoved = group.seeds.filter((f) => seedKind(f) === 'did-not-move');
  if (unmoved.length === n) {
    return say(
      'never-learned',
      `${capitalize(`${setupOpening(spec)}${model} barely moved on ${n === 1 ? 'its seed' : `any of its ${n} seeds`}`)}: the loss fell by less than ${formatLoss(learnedMargin(level.level))} from where it started (start ${range(unmoved.map((f) => f.first))}, final ${range(unmoved.map((f) => f.final))}; ${accuracy}), so nothing was learned in ${stepsWord(spec.steps)}.`,
      70,
    );
  }
  const parts = [];
  if (learned.length > 0)
    parts.push(`learned on ${learned.length} of ${n} seeds (final ${range(learned.map((f) => f.final))})`);
  if (never.length > 0) parts.push(`never got clearly below ${level.name} on ${never.length}`);
  if (unmoved.length > 0) parts.push(`barely moved from where it started on ${unmoved.length}`);
  return say('some-learned', `${capitalize(`${setupOpening(spec)}${model} ${parts.join('; ')}`)}.`, 70);
}

/**
 * "; yet it already classified 94% of the points correctly …": a loss near the no-learning level
 * with a high accuracy means outputs on the right side of 0.5 but close to it, which a count of
 * seeds that "did not learn" would hide.
 */
export function confidentNote(seeds: readonly RunFacts[]): string {
  const accuracy = meanOfFinite(seeds.map((f) => f.finalAccuracy));
  if (!(accuracy >= HIGH_ACCURACY)) return '';
  return `; yet ${seeds.length === 1 ? 'it' : 'they'} already classified ${formatPercent(accuracy)} of the points correctly: the outputs lean the right way but stay far from confident`;
}

/** "; 2 of them were still falling when training stopped, so more steps may get them lower": a stall is not told of a slow start. */
function fallingNote(seeds: readonly RunFacts[]): string {
  const falling = seeds.filter(stillFalling).length;
  if (falling === 0) return '';
  return `; ${falling} of them ${falling === 1 ? 'was' : 'were'} still falling when training stopped, so more steps may get ${falling === 1 ? 'it' : 'them'} lower`;
}

/**
 * Why a net can draw no more than one straight line, or undefined when it can draw more: one
 * neuron; linear units at any depth; or one unit per layer without skips, where every layer
 * passes on one number, so the output is a monotone function of one projection of the input
 * (whatever the activation or normalization).
 */
export function oneLineOnly(
  spec: Pick<TrainResult['spec'], 'activation' | 'width' | 'residual'>,
  depth: number,
): 'neuron' | 'linear' | 'width-one' | undefined {
  if (depth === 0) return 'neuron';
  if (spec.activation === 'linear') return 'linear';
  return spec.width === 1 && !spec.residual ? 'width-one' : undefined;
}

/** A net that can draw only one straight line, on a shape no line separates, did not learn: capacity. */
function capacitySentence(result: TrainResult, group: GroupJudgement, still: boolean): Sentence | undefined {
  const { spec } = result;
  const kind = oneLineOnly(spec, spec.depth);
  const shape = shapeNoLineSeparates(spec);
  if (!kind || shape === undefined || group.count(LEARNED_KINDS) === n(group)) return undefined;
  const what = {
    neuron: 'One neuron draws one straight line',
    linear: `With linear units the depth-${spec.depth} network still computes one linear function, one straight line like a single neuron`,
    'width-one': `At width 1 each layer of the depth-${spec.depth} network passes on one number, so its output is a monotone function of one straight-line projection of the input: no more than one straight line`,
  }[kind];
  const takes =
    kind === 'width-one'
      ? 'it takes more than one unit per layer'
      : 'it takes a hidden layer with a nonlinear activation';
  return say(
    'capacity',
    still
      ? `${what}, and no straight line separates ${shape}, so a longer run could not fit it either: that is capacity; ${takes}.`
      : `${what}, and no straight line separates ${shape}: that is capacity, not a failure of training; ${takes}.`,
    80,
  );
}

const n = (group: GroupJudgement) => group.seeds.length;

/** Explains one configuration's runs: the outcome, then what the data or the gradients say about it. */
export function explainTrain(result: TrainResult): Explanation {
  const { spec, runs } = result;
  if (runs.length === 0)
    return { sentences: [say('no-runs', 'No run finished.')], lessonId: 'vanishing-gradients' };
  const group = judgeGroup(runs.map((run) => runFacts(run, spec.loss, classesOf(spec))));
  const still = nothingMoved(group.seeds);
  // Too few steps or too small a budget: what the loss did and the run that would tell, no verdict.
  const noBudget =
    group.noneLearned && gradientsTinyThroughout(group.seeds)
      ? noBudgetHelpsSentence(group.seeds, spec.optimizer)
      : undefined;
  const short = group.allLearned
    ? undefined
    : shortRunSentence(spec, [{ depth: spec.depth, seeds: group.seeds }], noBudget !== undefined);
  if (short) {
    const capacity = capacitySentence(result, group, true);
    return {
      sentences: [short, capacity, noBudget].filter((x) => x !== undefined),
      lessonId: capacity ? 'capacity' : 'step-size',
    };
  }
  // A net that stayed at the no-learning level is told as such; one that stayed wherever it started
  // (below or above that level) is told as not having moved.
  const atLevelAll = group.count('never-learned') === n(group);
  const sentences: Sentence[] = [
    still && !atLevelAll ? noMovementSentence(result, group) : outcomeSentence(result, group),
  ];
  const capacity = capacitySentence(result, group, still);
  if (capacity) sentences.push(capacity);
  const separable = spec.depth === 0 ? separableNeuronSentence(group.seeds, spec) : undefined;
  if (separable) sentences.push(separable);
  if (spec.activation === 'linear' && spec.depth > 0 && !capacity) {
    const linear = linearWords(spec);
    sentences.push(
      say(
        'linear-is-one-line',
        `With linear units the depth-${spec.depth} network still computes a linear function of its input: ${linear.draws}, like ${linear.like}, whatever its depth.`,
        55,
      ),
    );
  }
  const gradient = gradientSentence(spec.depth, group, spec);
  if (gradient) sentences.push(gradient);
  if (noBudget) sentences.push(noBudget);
  // A loss still on its way down was not stopped by anything yet: more steps come before a contrast.
  const fallingCount = group.seeds.filter(stillFalling).length;
  const falling = fallingCount > 0;
  const offer =
    !capacity && !falling && spec.depth >= 2 && group.count(LEARNED_KINDS) < n(group)
      ? contrastOffer(spec.depth)
      : undefined;
  if (offer) sentences.push(offer);
  else if ((still || falling) && !capacity && !group.allLearned && !noBudget)
    sentences.push(
      say(
        'offer-more-steps',
        falling
          ? `${fallingCount === n(group) ? 'The loss was' : `On ${fallingCount} of ${n(group)} seeds the loss was`} still falling when training stopped, so nothing has stopped it yet: rerun with more steps to see where it ends.`
          : 'Whether more steps or a larger learning rate would move it, this run cannot tell: rerun with more steps to see.',
        50,
      ),
    );
  const saturation = saturationSentence(group.seeds, spec.activation);
  if (saturation) sentences.push(saturation);
  return { sentences: capSentences(sentences), lessonId: trainLesson(result, group, capacity !== undefined) };
}

/**
 * No seed's loss moved clearly from where it started. Whether depth or too small a budget stopped
 * it, the run alone cannot tell, so it says only what happened; the sentences after it offer the
 * comparison that would tell (or, for a linear model on data no line separates, say why no budget
 * would help).
 */
function noMovementSentence(result: TrainResult, group: GroupJudgement): Sentence {
  const { spec } = result;
  const starts = group.seeds.map((f) => f.first);
  const finals = group.seeds.map((f) => f.final);
  return say(
    'did-not-move',
    `In ${stepsWord(spec.steps)} at learning rate ${spec.learningRate} no seed's loss moved clearly from where it started (start ${range(starts)}, final ${range(finals)}).`,
    75,
  );
}

/** Without a shallower net in the run, the cause is not named: the run that would tell is offered. */
function contrastOffer(depth: number): Sentence {
  return say(
    'offer-contrast',
    `Whether depth is what stopped it shows only next to a shallower net with the same steps and learning rate: compare depths 1 and ${depth} (the button below).`,
    50,
  );
}

function trainLesson(result: TrainResult, group: GroupJudgement, capacity: boolean): LessonId {
  const { spec } = result;
  if (capacity) return 'capacity';
  if (spec.depth === 0) return 'convex-neuron';
  if (group.allLearned)
    return spec.activation === 'sigmoid' && spec.optimizer === 'sgd' && !spec.residual
      ? 'vanishing-gradients'
      : 'tricks';
  return 'vanishing-gradients';
}
