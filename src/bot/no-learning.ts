import type { Loss } from '../engine/limits.js';
import { classCountOf, type Table } from '../engine/tables/table.js';

/*
 * The no-learning level: the loss of a net that still answers the same for every point, giving
 * each of the K classes the same probability (0.5 each on the generated two-class shapes). Charts
 * draw it, explanations and quizzes name it, and chance accuracy (1/K) goes with it, so the level,
 * its names and chance live only here; what counts as "learned" against it is judged in
 * src/bot/judge. K is the data's class count (src/engine/tables/table.ts classCountOf): 2 for the
 * generated shapes, a table's own count for a table.
 */

/** Squared error of always answering 0.5 on 0/1 labels. */
const MSE_OF_HALF = 0.25;

/** A loss's no-learning level, every name charts, explanations and quizzes give it, and chance. */
export interface NoLearningLevel {
  level: number;
  /** The level as a number, e.g. "ln 2 ≈ 0.693", "ln 3 ≈ 1.099". */
  value: string;
  /** The level in a sentence, e.g. "ln 2 ≈ 0.693", or "0.25 (the squared error of always answering 0.5)". */
  name: string;
  /** Legend and line label, e.g. "no learning (ln 2)". */
  label: string;
  /** A clause for alt text, e.g. "ln 2 ≈ 0.693 means no learning". */
  words: string;
  /** The data's class count K. */
  classes: number;
  /** Chance accuracy, 1/K: the share a net that learned nothing classifies right on balanced classes. */
  chance: number;
  /** What a net at the level answers, e.g. "answering 0.5 everywhere". */
  guess: string;
}

/**
 * The no-learning level of a loss on data with `classes` classes, and how it is named. Cross-entropy
 * of answering 1/K for every class is ln K (ln 2 ≈ 0.693 for two). Squared error exists only for two
 * classes (validateSpec refuses loss:mse on a table of more), so asking for it with more is a bug.
 */
export function noLearning(loss: Loss, classes: number): NoLearningLevel {
  if (!Number.isInteger(classes) || classes < 2)
    throw new Error(`a no-learning level needs 2 or more classes, not ${classes}`);
  const guess =
    classes === 2
      ? 'answering 0.5 everywhere'
      : `giving each of the ${classes} classes 1/${classes} everywhere`;
  const chance = 1 / classes;
  if (loss === 'mse') {
    if (classes !== 2) throw new Error(`squared error is for two classes only, not ${classes}`);
    return {
      level: MSE_OF_HALF,
      value: '0.25',
      name: '0.25 (the squared error of always answering 0.5)',
      label: 'no learning (0.25)',
      words: '0.25 means no learning',
      classes,
      chance,
      guess,
    };
  }
  const level = Math.log(classes);
  const value = `ln ${classes} ≈ ${level.toFixed(3)}`;
  return {
    level,
    value,
    name: value,
    label: `no learning (ln ${classes})`,
    words: `${value} means no learning`,
    classes,
    chance,
    guess,
  };
}

/**
 * The class count K of any experiment's data (classCountOf): a table's own count, 2 for the
 * generated shapes. Takes any spec, so a caller never has to know which experiments carry a table.
 */
export function classesOf(spec: object): number {
  return classCountOf(spec as { table?: Table });
}

/** The no-learning level of a spec's run: its loss, on its data's classes. */
export function levelOfSpec(spec: { loss: Loss }): NoLearningLevel {
  return noLearning(spec.loss, classesOf(spec));
}
