import type { ExperimentResult } from '../../../engine/result.js';
import type { ReplyImage } from '../../types.js';
import { type DrawnAnimation, drawAnimation } from './animation.js';

/**
 * The largest animation a reply carries: Discord's smallest attachment limit (8 MB; boosted
 * servers allow more), far under Slack's upload limit. A larger one would fail to upload, so the
 * reply keeps its still instead.
 */
export const ANIMATION_MAX_BYTES = 8 * 1024 * 1024;

/** The still chart an animation of training stands in for. */
const BOUNDARY_NAME = 'decision-boundary.png';

/** Draws a result's animation, on this thread or elsewhere (the reply's drawing threads). */
export type AnimationDrawer = (
  result: ExperimentResult,
  withStill: boolean,
) => Promise<DrawnAnimation | undefined>;

/** True when a reply with these images needs the animation's last frame as its still. */
export function needsStill(imageNames: readonly string[]): boolean {
  return !imageNames.includes(BOUNDARY_NAME);
}

/**
 * Adds a drawn training animation to the images: on the decision-boundary chart (shown in its
 * place by clients that play GIFs) or, when there is none (compare, gridSize 0), as one more image
 * whose still is the animation's last frame. Unchanged when there is no animation or the GIF is
 * over the limit.
 */
export function attachAnimation(
  images: readonly ReplyImage[],
  drawn: DrawnAnimation | undefined,
  maxBytes: number = ANIMATION_MAX_BYTES,
): ReplyImage[] {
  if (!drawn || drawn.gif.length > maxBytes) return [...images];
  const animation = { name: drawn.name, gif: drawn.gif, alt: drawn.alt };
  if (images.some((image) => image.name === BOUNDARY_NAME)) {
    return images.map((image) => (image.name === BOUNDARY_NAME ? { ...image, animation } : image));
  }
  if (!drawn.still) return [...images];
  return [...images, { name: 'training.png', png: drawn.still, alt: drawn.alt, animation }];
}

/** Draws the result's training animation (on this thread unless `draw` says otherwise) and attaches it. */
export async function withAnimation(
  images: readonly ReplyImage[],
  result: ExperimentResult,
  maxBytes: number = ANIMATION_MAX_BYTES,
  draw: AnimationDrawer = drawAnimation,
): Promise<ReplyImage[]> {
  const drawn = await draw(result, needsStill(images.map((image) => image.name)));
  return attachAnimation(images, drawn, maxBytes);
}
