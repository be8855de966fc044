import type { LandscapeResult, LandscapeVariant } from '../../engine/result.js';
import { BARRIER_SHARE, compareBumps, FLAT_SLICE, flatSlice, learnedMargin } from '../judge/judge.js';
import { classesOf, noLearning } from '../no-learning.js';
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

/** Explains landscape slices: deep plain vs shallow, residual vs plain, and the straight path. */
export function explainLandscape(result: LandscapeResult): Explanation {
  const { variants } = result;
  const blown = variants.filter((v) => !Number.isFinite(v.finalLoss as number | null));
  if (blown.length > 0) {
    return {
      sentences: [
        sayAlways(
          'step-overshoot',
          `Training overflowed to infinity (NaN) for ${blown.length === variants.length ? 'every net' : `the ${listWordsOf(blown.map((v) => v.label))} net${blown.length === 1 ? '' : 's'}`}, so ${blown.length === 1 ? 'its slices say' : 'their slices say'} nothing about the surface.`,
        ),
        say(
          'step-size-fix',
          `That is the step size (learning rate ${result.spec.learningRate}): try a learning rate ten times smaller.`,
        ),
      ],
      lessonId: 'step-size',
    };
  }
  const maxDepth = Math.max(...variants.map((v) => v.depth));
  const shallow = variants.find((v) => v.depth < maxDepth && !v.residual);
  const deepPlain = variants.find((v) => v.depth === maxDepth && !v.residual);
  const deepResidual = variants.find((v) => v.depth === maxDepth && v.residual);
  const sentences: Sentence[] = [];
  const noLearningLevel = noLearning('cross-entropy', classesOf(result.spec));
  const level = noLearningLevel.level;
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
