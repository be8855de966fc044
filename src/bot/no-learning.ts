import type { Loss } from '../engine/limits.js';

/*
 * The no-learning level: the loss of a net that still answers 0.5 for every point of a balanced
 * 0/1 data set. Charts draw it, explanations name it, and both decide "learned nothing" and
 * "learned" against it, so the level, its names and the cut-offs live only here.
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

/** Within this of the no-learning level (inclusive), a final loss reads as "learned nothing". */
const NO_LEARNING_TOLERANCE = 0.01;

/** True when a final loss sits at the no-learning level of its loss: nothing was learned. */
export function atNoLearning(finalLoss: number, loss: Loss): boolean {
  return Math.abs(finalLoss - noLearning(loss).level) <= NO_LEARNING_TOLERANCE;
}

/** True when a final loss is not below the no-learning level: at it, or worse (a bad step size). */
export function noBetterThanNoLearning(finalLoss: number, loss: Loss): boolean {
  return finalLoss >= noLearning(loss).level - NO_LEARNING_TOLERANCE;
}

/** A loss below this share of the no-learning level counts as learned (the map's cells and key). */
export const LEARNED_SHARE = 0.3;
