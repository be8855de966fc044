import type { ReplyImage } from '../types.js';

/** The file a client uploads or shows for one reply image. */
export interface ImageFile {
  name: string;
  data: Buffer;
  contentType: 'image/png' | 'image/gif';
  alt: string;
}

/**
 * What a client that plays GIFs shows for an image: its animation when it has one (in place of
 * the still, never next to it), else the still PNG.
 */
export function shownImageFile(image: ReplyImage): ImageFile {
  return image.animation
    ? {
        name: image.animation.name,
        data: image.animation.gif,
        contentType: 'image/gif',
        alt: image.animation.alt,
      }
    : { name: image.name, data: image.png, contentType: 'image/png', alt: image.alt };
}
