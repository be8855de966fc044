import { createRequire } from 'node:module';
import type { Gifenc } from 'gifenc';

// gifenc ships CommonJS for Node and ESM for bundlers; require picks the same build everywhere.
const gifenc = createRequire(import.meta.url)('gifenc') as Gifenc;

/** Lets other work run between frames: an animation takes a few hundred ms on the bot's thread. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One frame to encode: RGBA pixels and how long it stays up. */
export interface GifFrame {
  rgba: Uint8Array | Uint8ClampedArray;
  delayMs: number;
}

/**
 * Maps RGBA pixels to palette indices. Like gifenc's applyPalette, it looks colours up by their
 * 16-bit (5-6-5) key, but keeps one cache for the whole animation: frames share almost all their
 * colours, so the nearest-colour search runs once per colour instead of once per colour per frame.
 */
function paletteIndexer(palette: number[][]) {
  const cache = new Int16Array(1 << 16).fill(-1);
  return (rgba: Uint8Array | Uint8ClampedArray): Uint8Array => {
    const index = new Uint8Array(rgba.length / 4);
    for (let i = 0, at = 0; i < index.length; i++, at += 4) {
      const r = rgba[at]!;
      const g = rgba[at + 1]!;
      const b = rgba[at + 2]!;
      const key = ((r << 8) & 0xf800) | ((g << 3) & 0x07e0) | (b >> 3);
      let found = cache[key]!;
      if (found < 0) {
        found = gifenc.nearestColorIndex(palette, [r, g, b]);
        cache[key] = found;
      }
      index[i] = found;
    }
    return index;
  };
}

/**
 * Encodes same-sized RGBA frames as a looping GIF with one global palette. The palette is built
 * from the first and the last frame together: between them they hold every colour the animation
 * uses (the unsure start and the confident end), and one palette keeps every later frame free of
 * a local colour table, which would cost 768 bytes each.
 */
export async function encodeGif(frames: readonly GifFrame[], width: number, height: number): Promise<Buffer> {
  const first = frames[0];
  const last = frames.at(-1);
  if (!first || !last) throw new Error('an animation needs at least one frame');
  const sample = new Uint8Array(first.rgba.length + last.rgba.length);
  sample.set(first.rgba, 0);
  sample.set(last.rgba, first.rgba.length);
  const palette = gifenc.quantize(sample, 256);
  const toIndices = paletteIndexer(palette);
  const encoder = gifenc.GIFEncoder({ initialCapacity: 1 << 20 });
  for (const [i, frame] of frames.entries()) {
    encoder.writeFrame(toIndices(frame.rgba), width, height, {
      delay: frame.delayMs,
      ...(i === 0 ? { palette, repeat: 0 } : {}),
    });
    await yieldToEventLoop();
  }
  encoder.finish();
  return Buffer.from(encoder.bytes());
}
