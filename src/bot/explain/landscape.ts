import type { LandscapeResult, LandscapeVariant } from '../../engine/result.js';
import {
  ABOVE_LEVEL_MARGIN,
  BARRIER_SHARE,
  compareBumps,
  FLAT_SLICE,
  flatSlice,
  learnedMargin,
} from '../judge/judge.js';
import { classesOf, type NoLearningLevel, noLearning } from '../no-learning.js';
import { capitalize as capitalizeFirst, formatLoss, listWords as listWordsOf } from './format.js';
import { capSentences, type Explanation, type Sentence, say, sayAlways } from './types.js';

/*
 * `landscape`: slices of the loss surface of a shallow, a deep plain and a deep residual net.
 * Sentences compare the random-direction slices (Li et al. 2018) by roughness and extra minima,
 * and check the init-to-final line for a barrier (Goodfellow, Vinyals & Saxe 2015).
 */

const shape = (v: LandscapeVariant) =>
  `roughness ${v.roughness.toFixed(2)}, ${v.extraMinima} extra minim${v.extraMinima === 1 ? 'um' : 'a'}`;

/** Largest rise of the loss between alpha 0 (initial weights) and alpha 1 (trained weights). */
function largestRiseOnPath(variant: LandscapeVariant): number {
  const { positions, losses } = variant.line;
  const onPath = losses.filter((_, i) => (positions[i] ?? -1) >= 0 && (positions[i] ?? 2) <= 1);
  let rise = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (const loss of onPath) {
    lowest = Math.min(lowest, loss);
    rise = Math.max(rise, loss - lowest);
  }
  return rise;
}

/** The loss at the initial (alpha 0) and trained (alpha 1) weights, from the line slice. */
function endsOfPath(variant: LandscapeVariant): { start: number | undefined; end: number | undefined } {
  const { positions, losses } = variant.line;
  const at = (alpha: number) => losses[positions.findIndex((p) => Math.abs(p - alpha) < 1e-6)];
  return { start: at(0), end: at(1) };
}

function lineSentence(variant: LandscapeVariant, level: number): Sentence | undefined {
  const { losses } = variant.line;
  const spread = Math.max(...losses) - Math.min(...losses);
  const rise = largestRiseOnPath(variant);
  const { start, end } = endsOfPath(variant);
  const net = `the ${variant.label} net`;
  // A net that barely moved has no path worth reading: its two ends are nearly the same weights.
  if (start === undefined || end === undefined || !(start - end > learnedMargin(level))) return undefined;
  const fromTo = `from ${formatLoss(start)} to ${formatLoss(end)}`;
  return rise <= BARRIER_SHARE * spread
    ? say(
        'path-no-barrier',
        `On the straight line from its initial to its trained weights, ${net}'s loss falls ${fromTo} without a bump, as Goodfellow, Vinyals & Saxe (2015) often saw.`,
      )
    : say(
        'path-barrier',
        `On the straight line from its initial to its trained weights, ${net}'s loss (${fromTo}) climbs by ${formatLoss(rise)} on the way: a barrier on the direct path.`,
      );
}

/**
 * Training blew the net up: its loss overflowed, or it ended above the no-learning level and
 * above where it started on the path. Every net here is trained on the full batch, whose loss a
 * small enough step never raises, so that is a step too large for this net.
 */
function blewUp(v: LandscapeVariant, level: number): boolean {
  if (!Number.isFinite(v.finalLoss as number | null)) return true;
  const { start } = endsOfPath(v);
  return (
    start !== undefined &&
    v.finalLoss > level + ABOVE_LEVEL_MARGIN &&
    v.finalLoss > start + learnedMargin(level)
  );
}

/** "the deep plain net (0.715 → 9.7e+5)" or "the deep residual net (overflowed)". */
function blownWords(v: LandscapeVariant): string {
  const { start } = endsOfPath(v);
  if (!Number.isFinite(v.finalLoss as number | null)) return `the ${v.label} net (overflowed to NaN)`;
  return `the ${v.label} net (${start === undefined ? '' : `${formatLoss(start)} → `}${formatLoss(v.finalLoss)})`;
}

/**
 * Nets that blew up have slices that say nothing about the surface. When a shallower net took the
 * same step without blowing up, the contrast is depth's: the largest stable step shrinks with it.
 */
function blownUpExplanation(
  result: LandscapeResult,
  blown: LandscapeVariant[],
  noLearningLevel: NoLearningLevel,
): Explanation {
  const level = noLearningLevel.level;
  const { variants } = result;
  const rate = result.spec.learningRate;
  const overflowOnly = blown.every((v) => !Number.isFinite(v.finalLoss as number | null));
  const who =
    blown.length === variants.length
      ? 'every net'
      : `the ${listWordsOf(blown.map((v) => v.label))} net${blown.length === 1 ? '' : 's'}`;
  const first = overflowOnly
    ? `Training overflowed to infinity (NaN) for ${who}, so ${blown.length === 1 ? 'its slices say' : 'their slices say'} nothing about the surface.`
    : `Training blew up ${listWordsOf(blown.map(blownWords))}: ${blown.some((v) => !Number.isFinite(v.finalLoss as number | null)) ? 'each overflowed or ended' : blown.length === 1 ? 'it ended' : 'each ended'} above ${noLearningLevel.name} and above where it started, and a full-batch loss rises only when a step overshoots, so ${blown.length === 1 ? 'its slices say' : 'their slices say'} nothing about the surface.`;
  const shallowest = Math.min(...blown.map((v) => v.depth));
  // A contrast only from a net that surely took the step: it ended below the level or its start.
  const steady = variants.filter((v) => {
    const { start } = endsOfPath(v);
    const tookIt = v.finalLoss <= level || (start !== undefined && v.finalLoss <= start);
    return !blown.includes(v) && v.depth < shallowest && tookIt;
  });
  const contrast =
    steady.length > 0
      ? say(
          'stable-step-shrinks',
          `At the same learning rate (${rate}) ${listWordsOf(steady.map((v) => `the depth-${v.depth} ${v.label} net`))} did not blow up (${listWordsOf(steady.map((v) => formatLoss(v.finalLoss)))}): the largest stable step shrinks with depth here. To compare the surfaces, try a learning rate ten times smaller.`,
        )
      : say(
          'step-size-fix',
          `That is the step size (learning rate ${rate}): try a learning rate ten times smaller.`,
        );
  return { sentences: [sayAlways('step-overshoot', first), contrast], lessonId: 'step-size' };
}

/** Explains landscape slices: deep plain vs shallow, residual vs plain, and the straight path. */
export function explainLandscape(result: LandscapeResult): Explanation {
  const { variants } = result;
  const noLearningLevel = noLearning('cross-entropy', classesOf(result.spec));
  const level = noLearningLevel.level;
  const blown = variants.filter((v) => blewUp(v, level));
  if (blown.length > 0) return blownUpExplanation(result, blown, noLearningLevel);
  const maxDepth = Math.max(...variants.map((v) => v.depth));
  const shallow = variants.find((v) => v.depth < maxDepth && !v.residual);
  const deepPlain = variants.find((v) => v.depth === maxDepth && !v.residual);
  const deepResidual = variants.find((v) => v.depth === maxDepth && v.residual);
  const sentences: Sentence[] = [];
  const untrained = variants.filter((v) => !(v.finalLoss < level - learnedMargin(level)));
  if (untrained.length > 0) {
    const trained = variants.filter((v) => !untrained.includes(v));
    const names = untrained.map((v) => `the ${v.label} net (${formatLoss(v.finalLoss)})`);
    // "Reached" only for a net that got there by training; one that started there stayed.
    const others = trained.map((v) => {
      const { start } = endsOfPath(v);
      if (start === undefined) return `the ${v.label} net ended at ${formatLoss(v.finalLoss)}`;
      return start - v.finalLoss > learnedMargin(level)
        ? `the ${v.label} net reached ${formatLoss(v.finalLoss)}`
        : `the ${v.label} net stayed near where it started (${formatLoss(v.finalLoss)})`;
    });
    sentences.push(
      sayAlways(
        'landscape-not-learned',
        `${capitalizeFirst(listWordsOf(names))} never got clearly below ${noLearningLevel.name}, so ${untrained.length === 1 ? 'its slice is' : 'their slices are'} taken around weights that fit nothing${others.length > 0 ? `, while ${listWordsOf(others)}` : ''}.`,
      ),
    );
  }

  if (deepPlain && shallow) {
    const verdict = compareBumps(deepPlain, shallow);
    sentences.push(
      verdict === 'bumpier'
        ? say(
            'slice-bumpier',
            `Along a random filter-normalized direction, the depth-${deepPlain.depth} plain net's slice is bumpier (${shape(deepPlain)}) than the depth-${shallow.depth} net's (${shape(shallow)}).`,
          )
        : say(
            'slice-not-bumpier',
            flatSlice(deepPlain)
              ? `Here the depth-${deepPlain.depth} plain net's slice is flat (its loss varies by less than ${FLAT_SLICE} along it), so its counted roughness and minima are rounding noise: this run does not show depth roughening the surface.`
              : `Here the depth-${deepPlain.depth} plain net's slice is not clearly bumpier than the depth-${shallow.depth} net's (${shape(deepPlain)}, against ${shape(shallow)}): this run does not show depth roughening the surface.`,
          ),
    );
  }
  // At depth 1 a residual net has no block to skip (one hidden layer): it is the plain net.
  if (deepResidual && deepPlain && deepResidual.depth >= 2) {
    const verdict = compareBumps(deepResidual, deepPlain);
    sentences.push(
      verdict === 'smoother'
        ? say(
            'residual-smoother',
            `Residual connections smooth it out: the residual net's slice has ${shape(deepResidual)}, against ${shape(deepPlain)} without them.`,
          )
        : say(
            'residual-not-smoother',
            flatSlice(deepPlain)
              ? `With the plain net's slice flat, this run cannot show residual connections smoothing it.`
              : `Residual connections did not clearly smooth this slice (${shape(deepResidual)}, against ${shape(deepPlain)} without them).`,
          ),
    );
  }
  const onLine = deepPlain ?? variants[0];
  const line = onLine && onLine.line.losses.length > 1 ? lineSentence(onLine, level) : undefined;
  if (line) sentences.push(line);
  if (sentences.length === 0) sentences.push(say('no-runs', 'This result has no slices to compare.'));
  return { sentences: capSentences(sentences), lessonId: 'landscapes' };
}
