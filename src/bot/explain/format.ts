import type { FitSpec } from '../../engine/result.js';
import { noLearning } from '../no-learning.js';

type Loss = FitSpec['loss'];

/*
 * How the explainer writes numbers and lists. What a number shows is judged in src/bot/judge,
 * never here.
 */

/** "ln 2 ≈ 0.693", "ln 3 ≈ 1.099" or "0.25 (the squared error …)", for sentences about stalling. */
export function stallName(loss: Loss, classes: number): string {
  return noLearning(loss, classes).name;
}

/** A loss with three decimals, or in exponent form with two digits when tiny or huge (1.2e-4, 5.4e+20). */
export function formatLoss(value: number): string {
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e4))
    return value.toExponential(1).replace('.0e', 'e');
  return value.toFixed(3);
}

/** A ratio readable at any scale: 3e-6, 0.31, 1.2, 40, 120. */
export function formatRatio(value: number): string {
  if (value === 0) return '0';
  if (value < 0.01) return value.toExponential(0);
  if (value < 100) return String(Number(value.toPrecision(2)));
  return String(Math.round(value));
}

/**
 * "mean accuracy 87%", and with more than two classes its chance level beside it ("mean accuracy
 * 35%, chance 33%"): on eight classes 13% is what guessing scores, not a failure below it.
 */
export function accuracyWords(accuracy: number, classes: number): string {
  const chance =
    classes === 2 ? '' : `, chance ${formatPercent(noLearning('cross-entropy', classes).chance)}`;
  return `mean accuracy ${formatPercent(accuracy)}${chance}`;
}

/** 0.874 → "87%". */
export function formatPercent(fraction: number): string {
  return `${Math.round(100 * fraction)}%`;
}

/** "a", "a and b", "a, b and c". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** "1 step", "300 steps". */
export function stepsWord(steps: number): string {
  return `${steps} step${steps === 1 ? '' : 's'}`;
}

/** First letter upper-cased, for sentences that may start with a computed phrase. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
