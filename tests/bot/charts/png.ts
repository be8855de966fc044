import { createCanvas, loadImage } from '@napi-rs/canvas';

/*
 * Reading PNGs back in tests: the size from the IHDR chunk, and pixel counts through
 * @napi-rs/canvas (decode, draw, getImageData).
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes start with the PNG signature. */
export function isPng(bytes: Buffer): boolean {
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Width and height from the IHDR chunk, which a valid PNG has first, right after the signature. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('no IHDR chunk first');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A rectangle in image pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Counts pixels in `region` (the whole image by default) that `test` accepts. */
export async function countPixels(
  bytes: Buffer,
  test: (r: number, g: number, b: number, a: number) => boolean,
  region?: Region,
): Promise<number> {
  const image = await loadImage(bytes);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { x, y, width, height } = region ?? { x: 0, y: 0, width: image.width, height: image.height };
  const { data } = ctx.getImageData(x, y, width, height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (test(data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!)) count++;
  }
  return count;
}

/** Opaque pixels that are not (near) white. */
export const notWhite = (r: number, g: number, b: number, a: number): boolean =>
  a > 0 && (r < 240 || g < 240 || b < 240);

/** Dark pixels, as text is drawn. */
export const dark = (r: number, g: number, b: number, a: number): boolean =>
  a > 128 && r < 110 && g < 110 && b < 110;
