import { mean } from '../../engine/measure-summary.js';
import type { FitSpec, RunResult } from '../../engine/result.js';
import { gradientsAtInit, largestGradient, ratiosOverTraining, TINY_GRADIENT } from './evidence.js';
import { formatPercent, formatRatio, gradientHealth } from './format.js';
import { type Sentence, say } from './types.js';
import { MOVING_FIRST_LAYER, vanishedEnding } from './vanished.js';

/*
 * Sentences about what happens inside a network during its runs: the gradient's trip back to the
 * first layer (judged on absolute norms over training as well as the first/last ratio; how long a
 * vanished gradient lasts is judged in vanished.ts), and units stuck where their activation is flat.
 */

/** Below this fraction of saturated (or dead) units, saturation is worth neither a sentence nor a chart. */
export const NOTABLE_SATURATION = 0.25;

/** What one run's gradients say; undefined when they fit no verdict cleanly. */
export type GradientVerdict = 'all-tiny' | 'vanished' | 'weak' | 'healthy' | 'exploding';

/** The verdict on one run's gradients: absolute sizes over training first, then the ratio at init. */
export function gradientVerdict(run: RunResult): GradientVerdict | undefined {
  const atInit = gradientsAtInit(run);
  const first = atInit[0];
  const last = atInit.at(-1);
  if (atInit.length < 2 || first === undefined || !last) return undefined;
  if (largestGradient(run) < TINY_GRADIENT) return 'all-tiny';
  const health = gradientHealth(first / last);
  if (health === 'vanished') return first < MOVING_FIRST_LAYER ? 'vanished' : undefined;
  if (health === 'healthy') return Math.min(...atInit) >= TINY_GRADIENT ? 'healthy' : undefined;
  return health;
}

/** The verdict every run shares, or undefined when the seeds disagree. */
export function sharedVerdict(runs: readonly RunResult[]): GradientVerdict | undefined {
  const verdicts = new Set(runs.map(gradientVerdict));
  const [only] = verdicts;
  return verdicts.size === 1 ? only : undefined;
}

/** Mean over runs of the first/last gradient ratio at initialization. */
export function meanInitialRatio(runs: readonly RunResult[]): number | undefined {
  const ratios = runs.flatMap((run) => ratiosOverTraining(run).slice(0, 1));
  return ratios.length === 0 ? undefined : mean(ratios);
}

/**
 * One sentence on a depth's gradients, when every seed shows the same thing. The optimizer
 * matters for tiny gradients: Adam divides each step by the gradient's own running size, so tiny
 * gradients can still give full-size steps, and "no usable update" is only said without it.
 */
export function gradientSentence(
  depth: number,
  runs: readonly RunResult[],
  spec: Pick<FitSpec, 'optimizer' | 'loss'>,
): Sentence | undefined {
  const { optimizer } = spec;
  const verdict = sharedVerdict(runs);
  const ratio = meanInitialRatio(runs);
  if (verdict === undefined || ratio === undefined) return undefined;
  const opening = `At the start, depth ${depth}'s first-layer gradient is ${formatRatio(ratio)} times its last layer's`;
  switch (verdict) {
    case 'all-tiny': {
      const largest = Math.max(...runs.map(largestGradient));
      const steps = runs[0]?.gradientNorms.length ?? 0;
      const tiny = `At depth ${depth}, every layer's gradient is tiny, at most ${formatRatio(largest)} at each of the ${steps} steps where it was measured`;
      return say(
        'all-gradients-tiny',
        optimizer === 'adam'
          ? `${tiny}; the first/last ratio of ${formatRatio(ratio)} only says all layers' gradients are equally small.`
          : `${tiny}, so no layer gets a usable update; the first/last ratio of ${formatRatio(ratio)} only says all layers are equally starved.`,
      );
    }
    case 'vanished':
      return say('gradient-vanished', `${opening}${vanishedEnding(runs, spec, 'train')}`);
    case 'weak':
      return say('gradient-weak', `${opening}: weakened on the way back, though not vanished.`);
    case 'healthy':
      return say(
        'gradient-healthy',
        `${opening}, and no layer's gradient is tiny: the gradient reaches the first layer in good health.`,
      );
    case 'exploding':
      return say('gradient-exploding', `${opening}: it grows on the way back (exploding gradients).`);
  }
}

/** Mean fraction of saturated (or, for relu, dead) hidden units at the end, over runs and layers. */
export function meanSaturationAtEnd(runs: readonly RunResult[]): number | undefined {
  const fractions = runs.flatMap((run) => run.saturation.atEnd);
  if (fractions.length === 0) return undefined;
  return mean(fractions);
}

/**
 * A sentence on saturated or dead units, when enough of them are. The engine counts a sigmoid unit
 * as saturated when its output is within 0.02 of 0 or 1, a tanh unit within 0.02 of ±1, on 90% of
 * the points: there the slope is under a tenth of its peak.
 */
export function saturationSentence(
  runs: readonly RunResult[],
  activation: RunResult['activation'],
): Sentence | undefined {
  const fraction = meanSaturationAtEnd(runs);
  if (fraction === undefined || fraction < NOTABLE_SATURATION || activation === 'linear') return undefined;
  if (activation === 'relu') {
    return say(
      'dead-relu',
      `By the end, ${formatPercent(fraction)} of the relu units were dead (output 0 on every point), passing no gradient back.`,
    );
  }
  const ends = activation === 'sigmoid' ? 'near 0 or 1' : 'near -1 or 1';
  return say(
    'saturated',
    `By the end, ${formatPercent(fraction)} of the hidden units were saturated, stuck ${ends} where the ${activation}'s slope, and so the gradient through it, is under a tenth of its peak.`,
  );
}
