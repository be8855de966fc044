import type { LessonId } from '../lessons/types.js';

/**
 * Every kind of sentence the explainer can say. Each id names one rule: a claim and the
 * precondition, computed from the run's own numbers, that must hold before it is said
 * (docs/explanations.md lists them).
 */
export type RuleId =
  | 'no-runs'
  | 'diverged'
  | 'diverged-fix'
  | 'diverged-at-init'
  | 'loss-spiked'
  | 'loss-spiked-recovered'
  | 'ended-above-no-learning'
  | 'step-size-fix'
  | 'all-stalled'
  | 'some-stalled'
  | 'reached'
  | 'needs-hidden-layer'
  | 'separable-no-minimizer'
  | 'linear-is-one-line'
  | 'all-gradients-tiny'
  | 'gradient-vanished'
  | 'gradient-weak'
  | 'gradient-healthy'
  | 'gradient-exploding'
  | 'gradient-ratio-falls'
  | 'saturated'
  | 'dead-relu'
  | 'sweep-all-stalled'
  | 'deeper-worse'
  | 'depth-flat'
  | 'deeper-better'
  | 'linear-depth-is-speed'
  | 'stalled-depths'
  | 'deep-still-falling'
  | 'degradation'
  | 'neuron-one-minimum'
  | 'neuron-not-settled'
  | 'restarts-agree'
  | 'restarts-all-stalled'
  | 'several-stopping-places'
  | 'plateaus-left-at-different-times'
  | 'slice-bumpier'
  | 'slice-not-bumpier'
  | 'residual-smoother'
  | 'residual-not-smoother'
  | 'path-no-barrier'
  | 'path-barrier'
  | 'lp-feasible'
  | 'lp-gradient-descent'
  | 'lp-infeasible-shape'
  | 'lp-infeasible-overlap'
  | 'lp-gradient-descent-stalled'
  | 'hardness-limit-at-start'
  | 'hardness-grew'
  | 'hardness-flat'
  | 'hardness-verdicts'
  | 'hardness-lp'
  | 'hardness-dimension'
  | 'hardness-descent'
  | 'hardness-descent-missed'
  | 'hardness-not-a-proof'
  | 'map-deepest'
  | 'map-steps'
  | 'map-diverged'
  | 'map-all-learned'
  | 'map-none-learned'
  | 'map-theory-prediction'
  | 'map-theory-score'
  | 'map-theory-untested';

/** One sentence of an explanation and the rule whose precondition it passed. */
export interface Sentence {
  rule: RuleId;
  text: string;
}

/**
 * Most sentences in the explanation of a train, compare, restarts or landscape run, a recovered
 * spike's note included: an explanation stays short. /hardness and /map are not cut to it: they
 * report several measured quantities, up to six sentences.
 */
export const MAX_SENTENCES = 3;

/** What a result shows, in a few sentences with its numbers, and the lesson that explains it. */
export interface Explanation {
  sentences: Sentence[];
  lessonId: LessonId;
}

/** A sentence under its rule. */
export function say(rule: RuleId, text: string): Sentence {
  return { rule, text };
}

/** The explanation as one paragraph, for replies and quizzes. */
export function explanationText(explanation: { sentences: readonly { text: string }[] }): string {
  return explanation.sentences.map((sentence) => sentence.text).join(' ');
}
