import type { FitSpec } from '../../engine/result.js';
import { initialRatio, type RunFacts } from '../judge/facts.js';
import {
  ADAM_EPSILON,
  firstLayerFaded,
  firstLayerStarved,
  type GroupJudgement,
  MOSTLY_SATURATED,
  MOVING_FIRST_LAYER,
  NOTABLE_SATURATION,
  ratioVanishedThroughout,
  TINY_GRADIENT,
} from '../judge/judge.js';
import { formatPercent, formatRatio } from './format.js';
import { type Sentence, say, sayAlways } from './types.js';

/*
 * What the measurements inside a network show, as evidence, never as a cause on their own: the
 * gradient's trip back to the first layer (absolute norms over training and the first/last ratio,
 * one definition of it for every text and chart) and units stuck where their activation is flat.
 * A cause such as "vanishing gradients stop the deep nets" needs a contrast as well, which only a
 * sweep can hold (compare.ts).
 */

/** The largest first-layer norm over every snapshot of every seed. */
export function largestFirstLayer(seeds: readonly RunFacts[]): number {
  return Math.max(...seeds.flatMap((f) => f.firstLayer.filter(Number.isFinite)));
}

/**
 * How long a vanished first-layer gradient lasted, in every seed, as far as the snapshots show:
 * 'ratio' when the ratio stayed below a hundredth at each; 'own-size' when the first layer's own
 * norm stayed too small to move it; 'start' when only step 0 shows it.
 */
function vanishedSpan(seeds: readonly RunFacts[]): 'ratio' | 'own-size' | 'start' {
  if (seeds.length > 0 && seeds.every(ratioVanishedThroughout)) return 'ratio';
  if (seeds.length > 0 && seeds.every(firstLayerStarved)) return 'own-size';
  return 'start';
}

/** The evidence of a vanished first-layer gradient, e.g. ", and below a hundredth of it at every step measured". */
function vanishedEvidence(seeds: readonly RunFacts[]): string {
  switch (vanishedSpan(seeds)) {
    case 'ratio':
      return ', and below a hundredth of it at every step measured during training';
    case 'own-size':
      return `; its own gradient is at most ${formatRatio(Math.max(largestFirstLayer(seeds), 0))} (under ${MOVING_FIRST_LAYER}) at every step measured`;
    case 'start':
      return '';
  }
}

/** ", though by step 40 its first-layer gradient had fallen to at most 2e-9 (under 0.0001)": what step 0 alone hides. */
function faded(group: GroupJudgement): string {
  const fade = firstLayerFaded(group.seeds);
  if (!fade) return '';
  return `, though by step ${fade.step} its first-layer gradient had fallen to at most ${formatRatio(fade.largest)} (under ${TINY_GRADIENT})`;
}

/** One sentence on a group's gradients at the start, when every seed shows the same thing. */
export function gradientSentence(
  depth: number,
  group: GroupJudgement,
  spec: Pick<FitSpec, 'optimizer'>,
): Sentence | undefined {
  const ratio = initialRatio(group.seeds);
  if (ratio === undefined) return undefined;
  const opening = `At the start, depth ${depth}'s first-layer gradient is ${formatRatio(ratio)} times its last layer's`;
  switch (group.gradient) {
    case 'all-tiny': {
      const largest = Math.max(...group.seeds.map((f) => f.largestGradient));
      const snapshots = group.seeds[0]?.gradientSteps.length ?? 0;
      const tiny = `At depth ${depth}, every layer's gradient is tiny, at most ${formatRatio(largest)} at each of the ${snapshots} steps where it was measured`;
      return say(
        'all-gradients-tiny',
        spec.optimizer === 'adam'
          ? largest > 10 * ADAM_EPSILON
            ? `${tiny}; Adam rescales each step by the gradient's own size, so such gradients can still move the weights.`
            : `${tiny}: below Adam's ε of ${ADAM_EPSILON}, so even its rescaled steps stay tiny and no layer gets a usable update.`
          : `${tiny}, so no layer gets a usable update; the first/last ratio of ${formatRatio(ratio)} only says all layers are equally starved.`,
        60,
      );
    }
    case 'vanished':
      return say('gradient-vanished', `${opening}${vanishedEvidence(group.seeds)}.`, 55);
    case 'weak':
      return say(
        'gradient-weak',
        `${opening}: weakened on the way back, though not vanished${faded(group)}.`,
        30,
      );
    case 'healthy':
      return say(
        'gradient-healthy',
        `${opening}, and no layer's gradient is tiny: at the start the gradient reaches the first layer in good health${faded(group)}.`,
        faded(group) ? 45 : 30,
      );
    case 'exploding':
      return say(
        'gradient-exploding',
        `${opening}: it grows on the way back (exploding gradients)${faded(group)}.`,
        45,
      );
    case 'cannot-tell':
      return undefined;
  }
}

/** Mean share of saturated (or, for relu, dead) units at the end over seeds, when measured. */
function meanSaturation(seeds: readonly RunFacts[]): number | undefined {
  const shares = seeds.map((f) => f.saturationAtEnd).filter((s): s is number => s !== undefined);
  return shares.length === 0 ? undefined : shares.reduce((a, b) => a + b, 0) / shares.length;
}

/**
 * A sentence on saturated or dead units when enough of them are; never cut when most are. The
 * engine counts a sigmoid unit as saturated within 0.02 of 0 or 1 (a tanh unit within 0.02 of ±1)
 * on 90% of the points: there the slope is under a tenth of its peak.
 */
export function saturationSentence(
  seeds: readonly RunFacts[],
  activation: FitSpec['activation'],
): Sentence | undefined {
  const share = meanSaturation(seeds);
  if (share === undefined || share < NOTABLE_SATURATION || activation === 'linear') return undefined;
  const speak =
    share >= MOSTLY_SATURATED
      ? sayAlways
      : (rule: 'dead-relu' | 'saturated', text: string) => say(rule, text, 40);
  if (activation === 'relu') {
    return speak(
      'dead-relu',
      `By the end, ${formatPercent(share)} of the relu units were dead (output 0 on every point), passing no gradient back.`,
    );
  }
  const ends = activation === 'sigmoid' ? 'near 0 or 1' : 'near -1 or 1';
  return speak(
    'saturated',
    `By the end, ${formatPercent(share)} of the hidden units were saturated, stuck ${ends} where the ${activation}'s slope, and so the gradient through it, is under a tenth of its peak.`,
  );
}
