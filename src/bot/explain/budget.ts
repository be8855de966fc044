import { LIMITS } from '../../engine/limits.js';
import type { FitSpec } from '../../engine/result.js';
import { meanOfFinite, type RunFacts } from '../judge/facts.js';
import { budgetSize, judgeBudget, largestMove, NEGLIGIBLE_MOVE } from '../judge/judge.js';
import { formatLoss, formatPercent, formatRatio, listWords, stepsWord } from './format.js';
import { type Sentence, say } from './types.js';

/*
 * What a run's budget (learning rate × steps) lets it show. A run of a few steps has no
 * trajectory to judge, and one with a tiny budget could not have moved whatever its depth: both
 * are told as what happened, with the run that would tell, and never as a stall or a trend. The
 * opposite case, gradients so small that no budget the tutor accepts would move the weights, is
 * told with that bound, so that "more steps" is not offered where it cannot help.
 */

/** "a budget of 0.03 (learning rate × steps)", in the words of the optimizer. */
function budgetWords(spec: Pick<FitSpec, 'learningRate' | 'steps' | 'optimizer'>): string {
  const size = formatRatio(budgetSize(spec));
  return spec.optimizer === 'momentum'
    ? `a step budget of ${size} (learning rate × steps, with momentum's build-up)`
    : `a budget of ${size} (learning rate × steps)`;
}

/** " (chance 33%)" beside an accuracy on more than two classes; nothing on two. */
const chanceWords = (seeds: readonly RunFacts[]) => {
  const classes = seeds[0]?.classes ?? 2;
  return classes === 2 ? '' : ` (chance ${formatPercent(1 / classes)})`;
};

const startEnd = (seeds: readonly RunFacts[]) =>
  `${formatLoss(meanOfFinite(seeds.map((f) => f.first)))} → ${formatLoss(meanOfFinite(seeds.map((f) => f.final)))}`;

/**
 * The run was too short, or its budget too small, to judge: what the loss did, per depth when
 * there are several, and the run that would tell. Undefined when the budget is enough.
 */
export function shortRunSentence(
  spec: Pick<FitSpec, 'learningRate' | 'steps' | 'optimizer'>,
  depths: readonly { depth: number; seeds: RunFacts[] }[],
  noBudgetHelps = false,
  sweep = depths.length > 1,
  /** When only some depths of a sweep could use a larger budget: those depths. */
  helped?: readonly number[],
): Sentence | undefined {
  const verdict = judgeBudget(spec);
  if (verdict === 'enough' || depths.length === 0) return undefined;
  const seeds = depths.flatMap((d) => d.seeds);
  const several = sweep;
  const what = several
    ? `the mean loss by depth went ${depths.map((d) => `${d.depth}: ${startEnd(d.seeds)}`).join(', ')}`
    : `the loss went from ${startEnd(seeds)}${seeds.length > 1 ? ' (mean over seeds)' : ''}, with a mean accuracy of ${formatPercent(meanOfFinite(seeds.map((f) => f.finalAccuracy)))}${chanceWords(seeds)} at the end`;
  const subject = several ? 'how depth trains' : 'how this net trains';
  const forWhom =
    helped === undefined || helped.length === 0
      ? ''
      : ` at ${helped.length === 1 ? 'depth' : 'depths'} ${listWords(helped.map(String))}`;
  // Where no budget would move the weights, the rerun advice is left to the sentence that says so.
  return say(
    'short-run',
    verdict === 'too-few-steps'
      ? `After only ${stepsWord(spec.steps)} at learning rate ${spec.learningRate}, ${what}: too few steps to judge ${subject}${noBudgetHelps ? '.' : `; rerun with more steps to see where the loss goes${forWhom}.`}`
      : `In ${stepsWord(spec.steps)} at learning rate ${spec.learningRate} (${spec.optimizer}, ${budgetWords(spec)}), ${what}: too small a budget to judge ${subject}${noBudgetHelps ? '.' : `; rerun with a larger learning rate or more steps${forWhom}.`}`,
    80,
  );
}

/**
 * Every layer's gradient stayed tiny on every seed: even the largest learning rate for the most
 * steps the tutor accepts would move the weights by at most the bound given (judge.ts
 * largestMove, Adam's ε included), so more steps or a larger rate cannot help. `depths`, when
 * given, names the depths of a sweep the sentence is about.
 */
export function noBudgetHelpsSentence(
  seeds: readonly RunFacts[],
  optimizer: FitSpec['optimizer'],
  depths?: readonly number[],
): Sentence | undefined {
  const largest = Math.max(...seeds.map((f) => f.largestGradient));
  const move = largestMove(largest, optimizer, {
    learningRate: LIMITS.learningRate.max,
    steps: LIMITS.steps.max,
  });
  if (!(move < NEGLIGIBLE_MOVE)) return undefined;
  const where =
    depths === undefined
      ? 'With'
      : `At ${depths.length === 1 ? 'depth' : 'depths'} ${listWords(depths.map(String))}, with`;
  return say(
    'no-budget-helps',
    `${where} every gradient at most ${formatRatio(largest)}, even learning rate ${LIMITS.learningRate.max} for ${LIMITS.steps.max} steps (the most the tutor accepts) would move a layer's weights by at most ${formatRatio(move)} in all: more steps or a larger learning rate cannot help ${depths === undefined ? 'here' : 'there'}.`,
    60,
  );
}
