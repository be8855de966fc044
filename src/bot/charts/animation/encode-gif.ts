import { createRequire } from 'node:module';
import type { Gifenc } from 'gifenc';

// gifenc ships CommonJS for Node and ESM for bundlers; require picks the same build everywhere.
const gifenc = createRequire(import.meta.url)('gifenc') as Gifenc;

/** One frame to encode: RGBA pixels and how long it stays up. */
export interface GifFrame {
  rgba: Uint8Array | Uint8ClampedArray;
  delayMs: number;
}

/**
 * Encodes same-sized RGBA frames as a looping GIF with one global palette. The palette is built
 * from the first and the last frame together: between them they hold every colour the animation
 * uses (the unsure start and the confident end), and one palette keeps every later frame free of
 * a local colour table, which would cost 768 bytes each.
 */
export function encodeGif(frames: readonly GifFrame[], width: number, height: number): Buffer {
  const first = frames[0];
  const last = frames.at(-1);
  if (!first || !last) throw new Error('an animation needs at least one frame');
  const sample = new Uint8Array(first.rgba.length + last.rgba.length);
  sample.set(first.rgba, 0);
  sample.set(last.rgba, first.rgba.length);
  const palette = gifenc.quantize(sample, 256);
  const encoder = gifenc.GIFEncoder({ initialCapacity: 1 << 20 });
  frames.forEach((frame, i) => {
    const index = gifenc.applyPalette(frame.rgba, palette);
    encoder.writeFrame(index, width, height, {
      delay: frame.delayMs,
      ...(i === 0 ? { palette, repeat: 0 } : {}),
    });
  });
  encoder.finish();
  return Buffer.from(encoder.bytes());
}
