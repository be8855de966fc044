import type { ExperimentResult } from '../../../engine/result.js';
import type { ReplyImage } from '../../types.js';
import { lastFramePng, renderAnimation } from './animation.js';

/**
 * The largest animation a reply carries: Discord's smallest attachment limit (8 MB; boosted
 * servers allow more), far under Slack's upload limit. A larger one would fail to upload, so the
 * reply keeps its still instead.
 */
export const ANIMATION_MAX_BYTES = 8 * 1024 * 1024;

/** The still chart an animation of training stands in for. */
const BOUNDARY_NAME = 'decision-boundary.png';

/**
 * Adds the result's training animation to its images: on the decision-boundary chart (shown in its
 * place by clients that play GIFs) or, when there is none (compare, gridSize 0), as one more image
 * whose still is the animation's last frame. Unchanged when the run recorded no frames or the GIF is
 * over the limit.
 */
export async function withAnimation(
  images: readonly ReplyImage[],
  result: ExperimentResult,
  maxBytes: number = ANIMATION_MAX_BYTES,
): Promise<ReplyImage[]> {
  const rendered = await renderAnimation(result);
  if (!rendered || rendered.gif.length > maxBytes) return [...images];
  const animation = { name: rendered.name, gif: rendered.gif, alt: rendered.alt };
  if (images.some((image) => image.name === BOUNDARY_NAME)) {
    return images.map((image) => (image.name === BOUNDARY_NAME ? { ...image, animation } : image));
  }
  const still = lastFramePng(result);
  if (!still) return [...images];
  return [...images, { name: 'training.png', png: still, alt: rendered.alt, animation }];
}
