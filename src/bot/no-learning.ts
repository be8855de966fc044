import type { Loss } from '../engine/limits.js';

/*
 * The no-learning level: the loss of a net that still answers 0.5 for every point of a balanced
 * 0/1 data set. Charts draw it and explanations name it, so the level and its names live only
 * here; what counts as "learned" against it is judged in src/bot/judge.
 */

/** Cross-entropy of always answering 0.5: ln 2 ≈ 0.693. */
const CROSS_ENTROPY_OF_HALF = Math.LN2;

/** Squared error of always answering 0.5 on 0/1 labels. */
const MSE_OF_HALF = 0.25;

/** A loss's no-learning level and every name charts, explanations and quizzes give it. */
export interface NoLearningLevel {
  level: number;
  /** The level as a number, e.g. "ln 2 ≈ 0.693". */
  value: string;
  /** The level in a sentence, e.g. "ln 2 ≈ 0.693", or "0.25 (the squared error of always answering 0.5)". */
  name: string;
  /** Legend and line label, e.g. "no learning (ln 2)". */
  label: string;
  /** A clause for alt text, e.g. "ln 2 ≈ 0.693 means no learning". */
  words: string;
}

/** The no-learning level of a loss, and how it is named. */
export function noLearning(loss: Loss): NoLearningLevel {
  return loss === 'mse'
    ? {
        level: MSE_OF_HALF,
        value: '0.25',
        name: '0.25 (the squared error of always answering 0.5)',
        label: 'no learning (0.25)',
        words: '0.25 means no learning',
      }
    : {
        level: CROSS_ENTROPY_OF_HALF,
        value: 'ln 2 ≈ 0.693',
        name: 'ln 2 ≈ 0.693',
        label: 'no learning (ln 2)',
        words: 'ln 2 ≈ 0.693 means no learning',
      };
}
