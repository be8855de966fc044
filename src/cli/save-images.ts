import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReplyImage } from '../bot/types.js';

/** Writes a reply's charts into `outDir` (created if need be) and returns the files written. */
export async function saveImages(images: ReplyImage[], outDir: string | undefined): Promise<string[]> {
  if (!outDir || images.length === 0) return [];
  await mkdir(outDir, { recursive: true });
  const files = images.map((image) => ({ file: path.join(outDir, image.name), data: image.png }));
  // The animation of training, when the reply has one, next to the stills it animates.
  const animation = images.find((image) => image.animation)?.animation;
  if (animation) files.push({ file: path.join(outDir, 'animation.gif'), data: animation.gif });
  return Promise.all(
    files.map(async ({ file, data }) => {
      await writeFile(file, data);
      return file;
    }),
  );
}
