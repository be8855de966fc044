import type { RunResult } from '../../engine/result.js';
import { formatPercent, formatRatio, gradientHealth } from './format.js';

/*
 * Sentences about what happens inside a network during one run: the gradient's trip back to the
 * first layer, and units stuck where their activation is flat.
 */

/** Below this fraction of saturated (or dead) units, saturation is not worth a sentence. */
const NOTABLE_SATURATION = 0.25;

/** What the first/last layer gradient ratio at initialization says, with the number. */
export function gradientSentence(depth: number, ratio: number): string {
  const opening = `At the start, depth ${depth}'s first-layer gradient is ${formatRatio(ratio)} times its last layer's`;
  switch (gradientHealth(ratio)) {
    case 'vanished':
      return `${opening}: the layers next to the input barely learn (vanishing gradients).`;
    case 'weak':
      return `${opening}: weakened on the way back, though not vanished.`;
    case 'healthy':
      return `${opening}: the gradient reaches the first layer in good health.`;
    case 'exploding':
      return `${opening}: it grows on the way back (exploding gradients).`;
  }
}

/** Mean fraction of saturated (or, for relu, dead) hidden units at the end, over runs and layers. */
export function meanSaturationAtEnd(runs: readonly RunResult[]): number | undefined {
  const fractions = runs.flatMap((run) => run.saturation.atEnd);
  if (fractions.length === 0) return undefined;
  return fractions.reduce((sum, f) => sum + f, 0) / fractions.length;
}

/** A sentence on saturated or dead units, when enough of them are. */
export function saturationSentence(
  runs: readonly RunResult[],
  activation: RunResult['activation'],
): string | undefined {
  const fraction = meanSaturationAtEnd(runs);
  if (fraction === undefined || fraction < NOTABLE_SATURATION || activation === 'linear') return undefined;
  if (activation === 'relu') {
    return `${formatPercent(fraction)} of the relu units ended dead (output 0 on every point), passing no gradient back.`;
  }
  return `${formatPercent(fraction)} of the hidden units ended saturated, on the flat ends of the ${activation} where the slope, and so the gradient, is almost zero.`;
}
