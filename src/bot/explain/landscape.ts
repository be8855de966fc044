import type { LandscapeResult, LandscapeVariant } from '../../engine/result.js';
import { formatLoss } from './format.js';
import type { Explanation } from './types.js';

/*
 * `landscape`: slices of the loss surface of a shallow, a deep plain and a deep residual net.
 * Sentences compare the random-direction slices (Li et al. 2018) by roughness and extra minima,
 * and check the init-to-final line for a barrier (Goodfellow, Vinyals & Saxe 2015).
 */

/** Roughness must differ by this factor before one slice counts as bumpier than another. */
const ROUGHNESS_FACTOR = 1.2;

/** A rise along the init→final line smaller than this share of the line's range is noise. */
const BARRIER_SHARE = 0.02;

type Bumpiness = 'bumpier' | 'smoother' | 'similar';

function compareBumps(a: LandscapeVariant, b: LandscapeVariant): Bumpiness {
  if (a.extraMinima > b.extraMinima || a.roughness > b.roughness * ROUGHNESS_FACTOR) {
    return a.extraMinima >= b.extraMinima ? 'bumpier' : 'similar';
  }
  if (a.extraMinima < b.extraMinima || b.roughness > a.roughness * ROUGHNESS_FACTOR) return 'smoother';
  return 'similar';
}

const shape = (v: LandscapeVariant) =>
  `roughness ${v.roughness.toFixed(2)}, ${v.extraMinima} extra minim${v.extraMinima === 1 ? 'um' : 'a'}`;

/** Largest rise of the loss between alpha 0 (initial weights) and alpha 1 (trained weights). */
export function largestRiseOnPath(variant: LandscapeVariant): number {
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

function lineSentence(variant: LandscapeVariant): string {
  const { losses } = variant.line;
  const spread = Math.max(...losses) - Math.min(...losses);
  const rise = largestRiseOnPath(variant);
  const net = `the ${variant.label} net`;
  return rise <= BARRIER_SHARE * spread
    ? `On the straight line from its initial to its trained weights, ${net}'s loss falls without a bump, as Goodfellow, Vinyals & Saxe (2015) often saw.`
    : `On the straight line from its initial to its trained weights, ${net}'s loss climbs by ${formatLoss(rise)} before falling: a barrier on the direct path.`;
}

/** Explains landscape slices: deep plain vs shallow, residual vs plain, and the straight path. */
export function explainLandscape(result: LandscapeResult): Explanation {
  const { variants } = result;
  const maxDepth = Math.max(...variants.map((v) => v.depth));
  const shallow = variants.find((v) => v.depth < maxDepth && !v.residual);
  const deepPlain = variants.find((v) => v.depth === maxDepth && !v.residual);
  const deepResidual = variants.find((v) => v.depth === maxDepth && v.residual);
  const sentences: string[] = [];

  if (deepPlain && shallow) {
    const verdict = compareBumps(deepPlain, shallow);
    sentences.push(
      verdict === 'bumpier'
        ? `Along a random filter-normalized direction, the depth-${deepPlain.depth} plain net's slice is bumpier (${shape(deepPlain)}) than the depth-${shallow.depth} net's (${shape(shallow)}).`
        : `Here the depth-${deepPlain.depth} plain net's slice is no bumpier than the depth-${shallow.depth} net's (${shape(deepPlain)}, against ${shape(shallow)}): this run does not show depth roughening the surface.`,
    );
  }
  if (deepResidual && deepPlain) {
    const verdict = compareBumps(deepResidual, deepPlain);
    sentences.push(
      verdict === 'smoother'
        ? `Residual connections smooth it out: the residual net's slice has ${shape(deepResidual)}.`
        : `Residual connections did not smooth this slice (${shape(deepResidual)}, against ${shape(deepPlain)} without them).`,
    );
  }
  const onLine = deepPlain ?? variants[0];
  if (onLine && onLine.line.losses.length > 1) sentences.push(lineSentence(onLine));
  if (sentences.length === 0) sentences.push('This result has no slices to compare.');
  return { sentences: sentences.slice(0, 3), lessonId: 'landscapes' };
}
