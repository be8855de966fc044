import type { LessonId } from '../lessons/types.js';

/**
 * Every kind of sentence the explainer can say. Each id names one rule: a claim rendered from the
 * judgements of src/bot/judge, said only when its evidence (and, for a cause, its contrast) holds
 * (docs/explanations.md lists them).
 */
export type RuleId =
  | 'all-gradients-tiny'
  | 'did-not-move'
  | 'capacity'
  | 'dead-relu'
  | 'deep-still-falling'
  | 'deeper-better'
  | 'deeper-worse'
  | 'degradation'
  | 'depth-flat'
  | 'gradient-exploding'
  | 'gradient-healthy'
  | 'gradient-vanished'
  | 'gradient-weak'
  | 'hardness-descent'
  | 'hardness-descent-missed'
  | 'hardness-dimension'
  | 'hardness-flat'
  | 'hardness-grew'
  | 'hardness-limit-at-start'
  | 'hardness-limit-cut'
  | 'hardness-lp'
  | 'hardness-not-a-proof'
  | 'hardness-time-only'
  | 'hardness-trivial'
  | 'hardness-verdicts'
  | 'landscape-not-learned'
  | 'linear-depth-is-speed'
  | 'linear-is-one-line'
  | 'loss-spiked-recovered'
  | 'loss-spiked-settled'
  | 'lp-feasible'
  | 'lp-gradient-descent'
  | 'lp-gradient-descent-stalled'
  | 'lp-infeasible-overlap'
  | 'lp-infeasible-shape'
  | 'lp-infeasible-table'
  | 'map-all-learned'
  | 'map-capacity'
  | 'map-deepest'
  | 'map-diverged'
  | 'map-none-learned'
  | 'map-overshot'
  | 'map-steps'
  | 'map-theory-prediction'
  | 'map-theory-score'
  | 'map-theory-untested'
  | 'map-threshold-too-high'
  | 'map-trend'
  | 'neuron-not-settled'
  | 'neuron-one-minimum'
  | 'never-learned'
  | 'no-budget-helps'
  | 'no-runs'
  | 'offer-contrast'
  | 'offer-more-steps'
  | 'overflow-at-init'
  | 'path-barrier'
  | 'path-no-barrier'
  | 'plateaus-left-at-different-times'
  | 'reached'
  | 'residual-not-smoother'
  | 'residual-smoother'
  | 'restarts-agree'
  | 'restarts-all-stalled'
  | 'restarts-not-moved'
  | 'saturated'
  | 'separable-no-minimizer'
  | 'several-stopping-places'
  | 'short-run'
  | 'single-depth'
  | 'slice-bumpier'
  | 'slice-not-bumpier'
  | 'some-learned'
  | 'stable-step-shrinks'
  | 'step-overshoot'
  | 'step-size-fix'
  | 'sweep-none-learned'
  | 'vanishing-cause';

/** One sentence of an explanation and the rule whose precondition it passed. */
export interface Sentence {
  rule: RuleId;
  text: string;
  /**
   * How much the sentence changes the story, for the sentence cap: a divergence, an overshoot or a
   * share of dead units outranks a gradient ratio. Sentences marked `always` are never cut.
   */
  rank?: number;
  always?: boolean;
}

/**
 * Most sentences in the explanation of a train, compare, restarts or landscape run, a recovered
 * spike's note included: an explanation stays short. /hardness and /map are not cut to it: they
 * report several measured quantities: up to six sentences for /map, seven for /hardness.
 */
export const MAX_SENTENCES = 3;

/** What a result shows, in a few sentences with its numbers, and the lesson that explains it. */
export interface Explanation {
  sentences: Sentence[];
  lessonId: LessonId;
}

/** A sentence under its rule. */
export function say(rule: RuleId, text: string, rank = 50): Sentence {
  return { rule, text, rank };
}

/** A sentence that changes the story too much to be cut: a divergence, an overshoot, most units dead. */
export function sayAlways(rule: RuleId, text: string): Sentence {
  return { rule, text, rank: 100, always: true };
}

/**
 * The sentences kept under the cap, in the order they were written (which is the order they read
 * best in): every `always` sentence, then the highest ranked others until `cap` is reached.
 */
export function capSentences(sentences: readonly Sentence[], cap = MAX_SENTENCES): Sentence[] {
  const indexed = sentences.map((sentence, index) => ({ sentence, index }));
  const always = indexed.filter(({ sentence }) => sentence.always);
  const others = indexed
    .filter(({ sentence }) => !sentence.always)
    .sort((a, b) => (b.sentence.rank ?? 50) - (a.sentence.rank ?? 50) || a.index - b.index)
    .slice(0, Math.max(0, cap - always.length));
  return [...always, ...others].sort((a, b) => a.index - b.index).map(({ sentence }) => sentence);
}

/** The explanation as one paragraph, for replies and quizzes. */
export function explanationText(explanation: { sentences: readonly { text: string }[] }): string {
  return explanation.sentences.map((sentence) => sentence.text).join(' ');
}
