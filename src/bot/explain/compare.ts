import type { CompareResult } from '../../engine/result.js';
import { initialRatio, meanOfFinite, runFacts } from '../judge/facts.js';
import {
  atLevel,
  type DepthJudgement,
  type DepthTrend,
  depthTrend,
  firstLayerStarved,
  gradientsTinyThroughout,
  stillFalling as isStillFalling,
  LEARNED_KINDS,
  nothingMoved,
  ratioHealthyThroughout,
  ratioVanishedThroughout,
  spiked,
  stepBudget,
} from '../judge/judge.js';
import type { LessonId } from '../lessons/types.js';
import { classesOf, levelOfSpec } from '../no-learning.js';
import { noBudgetHelpsSentence, shortRunSentence } from './budget.js';
import { linearWords, shapeNoLineSeparates } from './data.js';
import { setupOpening } from './fixes.js';
import { capitalize, formatLoss, formatRatio, listWords, stepsWord } from './format.js';
import { gradientSentence, largestFirstLayer, saturationSentence } from './signals.js';
import { confidentNote, oneLineOnly } from './train.js';
import { capSentences, type Explanation, type Sentence, say } from './types.js';

/*
 * `compare`: a depth sweep. The trend is judged over every depth and every seed (judge.ts), the
 * final losses of all depths are quoted, and a cause is named only with its contrast in the same
 * sweep: "vanishing gradients" needs the deep nets never to have learned with a starved first
 * layer *and* a shallower net that learned with the same steps and learning rate.
 */

const depthsWord = (depths: readonly number[]) =>
  `${depths.length === 1 ? 'depth' : 'depths'} ${listWords(depths.map(String))}`;

/** "depth 1: 0.31, depth 4: 0.693 (1 of 2 seeds learned)", every depth of the sweep. */
function finalsByDepth(trend: DepthTrend): string {
  return trend.depths
    .map((d) => {
      const n = d.seeds.length;
      const learned = d.count(LEARNED_KINDS);
      const split = learned > 0 && learned < n ? ` (${learned} of ${n} seeds learned)` : '';
      return `${d.depth}: ${Number.isFinite(d.meanFinal) ? formatLoss(d.meanFinal) : 'NaN'}${split}`;
    })
    .join(', ');
}

function trendSentence(result: CompareResult, trend: DepthTrend): Sentence {
  const { spec } = result;
  const level = levelOfSpec(spec);
  const opening = setupOpening(spec);
  const finals = `mean final loss by depth: ${finalsByDepth(trend)}`;
  const never = trend.depths.filter((d) => d.count('never-learned') === d.seeds.length).map((d) => d.depth);
  const neverSeeds = trend.depths.filter((d) => never.includes(d.depth)).flatMap((d) => d.seeds);
  const failed =
    never.length > 0
      ? `; ${depthsWord(never)} never got clearly below ${level.name}${confidentNote(neverSeeds)}`
      : '';
  if (spec.activation === 'linear' && trend.direction !== 'none-learned') {
    const why =
      trend.direction === 'flat'
        ? 'depth adds nothing they can express'
        : 'a difference between depths is the speed of gradient descent (optimization), not what the nets can express';
    return say(
      'linear-depth-is-speed',
      `${capitalize(`${opening}${finals}${failed}`)}. With linear units every depth computes a linear function (${linearWords(spec).draws}, like ${linearWords(spec).like}), so ${why}.`,
      70,
    );
  }
  switch (trend.direction) {
    case 'none-learned':
      return say(
        'sweep-none-learned',
        `${capitalize(`${opening}no depth ended having learned`)}: no seed ended clearly below both ${level.name} and where it started (${finals}${confidentNote(trend.depths.flatMap((d) => d.seeds))}), not even at depth ${trend.shallowest.depth}, so this sweep says nothing about depth. ${budgetAdvice(spec, trend)}`,
        80,
      );
    case 'worse': {
      const partly = trend.partly ? ' (partly: the seeds of the deepest net disagree)' : '';
      const steady = trend.monotone ? '' : ', though not steadily from one depth to the next';
      return say(
        'deeper-worse',
        `${capitalize(`${opening}${finals}${failed}`)}. With the same ${stepsWord(spec.steps)}, depth ${trend.deepest.depth} ${startedApart(trend) ?? 'trained worse'} than depth ${trend.best.depth}${partly}${steady}${soFar(trend)}.`,
        70,
      );
    }
    case 'flat': {
      const worse = trend.depths
        .filter((d) => d.meanFinal > trend.best.meanFinal + trend.margin)
        .map((d) => d.depth);
      const split = trend.partly ? `, though not every seed learned at ${depthsWord(trend.splitDepths)}` : '';
      return say(
        'depth-flat',
        worse.length === 0
          ? `${capitalize(`${opening}${finals}`)}: every depth ended within ${formatLoss(trend.margin)} of the best, so depth made no clear difference here${split}.`
          : `${capitalize(`${opening}${finals}`)}: the shallowest and the deepest nets ended within ${formatLoss(trend.margin)} of the best, though ${depthsWord(worse)} did worse${split}.`,
        70,
      );
    }
    case 'better':
      return say(
        'deeper-better',
        `${capitalize(`${opening}${finals}`)}: depth ${trend.deepest.depth} ended within ${formatLoss(trend.margin)} of the best and depth ${trend.shallowest.depth} did worse${trend.partly ? `, though not every seed learned at ${depthsWord(trend.splitDepths)}` : ', so this sweep does not show depth hurting training'}.`,
        70,
      );
  }
}

/**
 * When the deepest net started clearly higher than the best depth and fell at least about as far,
 * it ended worse because of where it started: say so instead of "trained worse".
 */
function startedApart(trend: DepthTrend): string | undefined {
  const start = (d: DepthJudgement) => meanOfFinite(d.seeds.map((f) => f.first));
  const fall = (d: DepthJudgement) => start(d) - d.meanFinal;
  const [deep, best] = [trend.deepest, trend.best];
  if (!(start(deep) > start(best) + trend.margin) || !(fall(deep) >= fall(best) - trend.margin))
    return undefined;
  const far = fall(deep) > fall(best) + trend.margin ? 'fell further' : 'fell about as far';
  return `ended worse only because it started higher (mean start ${formatLoss(start(deep))} against ${formatLoss(start(best))}) and ${far} (${formatLoss(fall(deep))} against ${formatLoss(fall(best))})`;
}

/** "; every seed of both was still falling …": a gap between two descents still under way is their pace so far. */
function soFar(trend: DepthTrend): string {
  const falling = (d: DepthJudgement) => d.seeds.length > 0 && d.seeds.every((f) => isStillFalling(f));
  return falling(trend.deepest) && falling(trend.best)
    ? `; every seed of both was still falling when training stopped, so this is their pace so far`
    : '';
}

/** What to change when no depth moved: the budget, in the words of the optimizer used. */
function budgetAdvice(spec: CompareResult['spec'], trend: DepthTrend): string {
  // A seed that got down and came back up (or jumped) had steps too large, not too few.
  const seeds = trend.depths.flatMap((d) => d.seeds);
  if (seeds.every((f) => f.gradientSteps.length > 0 && f.largestGradient === 0))
    return 'Every gradient was exactly 0 from the start (units dead or saturated at initialization), so no number of steps or learning rate can move these nets: change the initialization or the activation.';
  const tiny = gradientsTinyThroughout(seeds) ? noBudgetHelpsSentence(seeds, spec.optimizer) : undefined;
  if (tiny) return tiny.text;
  // Depths no budget could move get their own bound; the advice below is for the others.
  const frozen = trend.depths.filter(
    (d) => gradientsTinyThroughout(d.seeds) && noBudgetHelpsSentence(d.seeds, spec.optimizer) !== undefined,
  );
  const others = trend.depths.filter((d) => !frozen.includes(d)).map((d) => d.depth);
  const forOthers = frozen.length === 0 ? '' : ` at ${depthsWord(others)}`;
  const frozenNote =
    frozen.length === 0
      ? ''
      : ` ${
          noBudgetHelpsSentence(
            frozen.flatMap((d) => d.seeds),
            spec.optimizer,
            frozen.map((d) => d.depth),
          )?.text
        }`;
  // Settled at the no-learning level: the budget is not what is missing.
  if (seeds.every((f) => atLevel(f.final, f.level) && !isStillFalling(f)))
    return `Every seed had settled at ${levelOfSpec(spec).name} and stopped falling, so more steps at this rate are unlikely to move it: another learning rate, init or activation is the run that would tell.${frozenNote}`;
  const unsteady = seeds.some(spiked);
  if (unsteady)
    return `Some seeds got lower and came back up, so the steps are too large rather than too few: try a learning rate ten times smaller than ${spec.learningRate}.${frozenNote}`;
  const budget = stepBudget(spec);
  if (budget === undefined)
    return `Try more steps than ${spec.steps}, or another learning rate than ${spec.learningRate}${forOthers}.${frozenNote}`;
  return `With ${stepsWord(spec.steps)} at learning rate ${spec.learningRate} (${spec.optimizer}) the weights can move by at most ${formatRatio(budget)} per unit of a steady gradient in all: try more steps or a larger learning rate${forOthers}.${frozenNote}`;
}

/** The shallower depths whose every seed learned: the contrast a cause at a deeper depth needs. */
function learnedShallower(trend: DepthTrend, depth: number): DepthJudgement[] {
  return trend.depths.filter((d) => d.depth < depth && d.allLearned);
}

/**
 * Vanishing gradients, named as the cause only with evidence and contrast: every seed of the
 * failed deep depth never learned, its first layer's gradient stayed too small to move it at
 * every snapshot (not under Adam, whose steps do not scale with the gradient), and a shallower
 * depth learned with the same budget.
 */
function vanishingCause(result: CompareResult, trend: DepthTrend): Sentence | undefined {
  const { spec } = result;
  if (spec.optimizer === 'adam' || spec.activation === 'linear' || trend.direction !== 'worse')
    return undefined;
  const failed = trend.depths.filter((d) => d.noneLearned && d.count('never-learned') === d.seeds.length);
  const deep = failed.at(-1);
  if (!deep) return undefined;
  const contrast = learnedShallower(trend, deep.depth).at(-1);
  const starved = deep.seeds.every((f) => firstLayerStarved(f) || ratioVanishedThroughout(f));
  if (!contrast || !starved) return undefined;
  const ratio = initialRatio(deep.seeds);
  const ratioWords =
    ratio === undefined ? '' : ` (${formatRatio(ratio)} times the last layer's at the start)`;
  return say(
    'vanishing-cause',
    `At depth ${deep.depth} the first layer's gradient stayed at most ${formatRatio(largestFirstLayer(deep.seeds))} at every step measured${ratioWords}, while depth ${contrast.depth} learned with the same ${stepsWord(spec.steps)} at learning rate ${spec.learningRate}: the gradient fades on its way back, so the layers next to the input of the deep net barely learn (vanishing gradients).`,
    65,
  );
}

/**
 * Degradation: the deepest plain net trained worse although every seed learned, settled, and kept
 * a healthy gradient ratio at every snapshot. Not for linear units (a trend there is speed).
 */
function degradation(result: CompareResult, trend: DepthTrend): Sentence | undefined {
  const { spec } = result;
  const deep = trend.deepest;
  if (trend.direction !== 'worse' || spec.activation === 'linear' || spec.residual) return undefined;
  if (!deep.allLearned || deep.count('still-falling') > 0 || deep.gradient !== 'healthy') return undefined;
  if (!deep.seeds.every(ratioHealthyThroughout)) return undefined;
  const ratio = initialRatio(deep.seeds);
  const healthy = `Yet depth ${deep.depth}'s gradient stayed healthy (first layer ${formatRatio(ratio ?? Number.NaN)} times the last at the start, and within a factor of ten at every step measured) and its loss had stopped falling: not vanishing gradients, but a deeper plain net training worse`;
  const heSetting = spec.activation === 'relu' && spec.normalization === 'batch';
  return say(
    'degradation',
    heSetting
      ? `${healthy}, the degradation He et al. (2016) reported, and remedied with residual connections (residual:true).`
      : `${healthy}. He et al. (2016) reported such degradation for plain relu nets with batch normalization, and remedied it with residual connections (residual:true).`,
    65,
  );
}

/** The deepest net trained worse but was still improving on every seed: slower so far. */
function stillFalling(trend: DepthTrend): Sentence | undefined {
  const deep = trend.deepest;
  if (trend.direction !== 'worse' || deep.count('still-falling') !== deep.seeds.length) return undefined;
  const fall = Math.min(...deep.seeds.map((f) => f.recentFall));
  return say(
    'deep-still-falling',
    `Depth ${deep.depth} was still improving when training stopped (every seed at least ${Math.round((100 * fall) / (1 + fall))}% lower over the last tenth of the steps): it is slower so far, and more steps may close the gap.`,
    65,
  );
}

/** Linear nets on data no line separates: every depth fails for want of capacity, not of training. */
function capacity(result: CompareResult, trend: DepthTrend, short = false): Sentence | undefined {
  const { spec } = result;
  const linearDepths = trend.depths.filter((d) => oneLineOnly(spec, d.depth) !== undefined);
  const shape = shapeNoLineSeparates(spec);
  if (shape === undefined || linearDepths.length === 0) return undefined;
  if (linearDepths.every((d) => d.allLearned)) return undefined;
  const everyDepth = linearDepths.length === trend.depths.length && trend.depths.some((d) => d.depth > 0);
  const what =
    spec.activation === 'linear'
      ? 'With linear units every depth here computes one straight line'
      : everyDepth
        ? 'At width 1 with no skips, every depth here passes on one number per layer, a monotone function of one straight-line projection of the input: no more than one straight line'
        : 'Depth 0 is one neuron, which draws one straight line';
  return say(
    'capacity',
    // After a run too short to judge, the nets barely trained: the bound is what a longer run would
    // meet, not what this one shows.
    short
      ? `${what}, and no straight line separates ${shape}, so a longer run could not fit it all either.`
      : `${what}, and no straight line separates ${shape}: that is capacity, not a failure of training.`,
    75,
  );
}

/** Explains a depth sweep: the trend over every depth and seed, then a cause only with its contrast. */
export function explainCompare(result: CompareResult): Explanation {
  const { spec } = result;
  const byDepth = [...new Set(result.runs.map((r) => r.depth))].map((depth) => ({
    depth,
    seeds: result.runs.filter((r) => r.depth === depth).map((r) => runFacts(r, spec.loss, classesOf(spec))),
  }));
  const trend = depthTrend(byDepth);
  if (!trend)
    return {
      sentences: [say('no-runs', 'This sweep has no finished runs.')],
      lessonId: 'vanishing-gradients',
    };
  // Too few steps or too small a budget: what the loss did at each depth, never a trend.
  // Depths whose every gradient is too small for any budget to move: rerun advice is not for them.
  const frozen = trend.depths.filter(
    (d) =>
      d.noneLearned &&
      gradientsTinyThroughout(d.seeds) &&
      noBudgetHelpsSentence(d.seeds, spec.optimizer) !== undefined,
  );
  const frozenSeeds = frozen.flatMap((d) => d.seeds);
  const everyDepthFrozen = frozen.length === trend.depths.length;
  const noBudget =
    frozen.length === 0
      ? undefined
      : noBudgetHelpsSentence(
          frozenSeeds,
          spec.optimizer,
          everyDepthFrozen ? undefined : frozen.map((d) => d.depth),
        );
  const short = trend.depths.every((d) => d.allLearned)
    ? undefined
    : shortRunSentence(
        spec,
        trend.depths,
        noBudget !== undefined && everyDepthFrozen,
        true,
        noBudget === undefined
          ? undefined
          : trend.depths.filter((d) => !frozen.includes(d)).map((d) => d.depth),
      );
  if (short) {
    const capacitySaid = capacity(result, trend, true);
    return {
      sentences: [short, capacitySaid, noBudget].filter((x) => x !== undefined),
      lessonId: capacitySaid ? 'capacity' : 'step-size',
    };
  }
  if (trend.depths.length === 1) {
    const only = trend.deepest;
    const learned = only.count(LEARNED_KINDS);
    return {
      sentences: [
        say(
          'single-depth',
          `Only depth ${only.depth} ran (mean final loss ${formatLoss(only.meanFinal)}, ${learned} of ${only.seeds.length} seeds learned), so this sweep has nothing to compare it with: give two or more depths.`,
        ),
      ],
      lessonId: 'vanishing-gradients',
    };
  }
  const sentences: Sentence[] = [trendSentence(result, trend)];
  const capacitySaid = nothingMoved(trend.depths.flatMap((d) => d.seeds))
    ? undefined
    : capacity(result, trend);
  if (capacitySaid) sentences.push(capacitySaid);
  const cause =
    capacitySaid ?? degradation(result, trend) ?? stillFalling(trend) ?? vanishingCause(result, trend);
  if (cause && cause !== capacitySaid) sentences.push(cause);
  if (!cause && trend.direction !== 'none-learned') {
    const gradient = gradientSentence(trend.deepest.depth, trend.deepest, spec);
    if (gradient) sentences.push(gradient);
    if (
      trend.direction === 'worse' &&
      trend.failedDepths.length > 0 &&
      learnedShallower(trend, Math.max(...trend.failedDepths)).length === 0
    )
      sentences.push(
        say(
          'offer-contrast',
          `No shallower depth learned on every seed either, so this sweep cannot tell depth from the budget: try depth 1 next to ${trend.deepest.depth} with more steps.`,
          45,
        ),
      );
  }
  const saturation = saturationSentence(trend.deepest.seeds, spec.activation);
  if (saturation) sentences.push(saturation);
  return { sentences: capSentences(sentences), lessonId: compareLesson(sentences) };
}

function compareLesson(sentences: readonly Sentence[]): LessonId {
  const rules = new Set(sentences.map((s) => s.rule));
  if (rules.has('capacity')) return 'capacity';
  if (rules.has('degradation')) return 'degradation';
  if (rules.has('vanishing-cause') || rules.has('deeper-worse') || rules.has('sweep-none-learned'))
    return 'vanishing-gradients';
  if (rules.has('linear-depth-is-speed')) return 'signal-propagation';
  return 'tricks';
}
