import { randomBytes } from 'node:crypto';

/*
 * Chart images are served by URL rather than inlined as base64: a reply stays small on the event
 * stream, the browser caches each image, and a lightbox can open the same file. Only recent
 * images are kept, bounded by count and by bytes, so a long class does not grow memory forever.
 */

/** One stored image: a PNG chart or a GIF animation. */
export interface StoredImage {
  data: Buffer;
  contentType: 'image/png' | 'image/gif';
  width?: number;
  height?: number;
}

/** Recent chart images by random id. */
export interface ImageStore {
  /** Stores a PNG or GIF and returns its id (unguessable, so a URL is only known to those shown it). */
  put(data: Buffer): { id: string; width?: number; height?: number };
  get(id: string): StoredImage | undefined;
  readonly size: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, or undefined for anything that is not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (png.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Width and height from a GIF's logical screen descriptor, or undefined for anything else. */
function gifSize(gif: Buffer): { width: number; height: number } | undefined {
  if (gif.length < 10 || gif.toString('latin1', 0, 6) !== 'GIF89a') return undefined;
  return { width: gif.readUInt16LE(6), height: gif.readUInt16LE(8) };
}

/** Creates a store that forgets the oldest images beyond `maxImages` or `maxBytes`. */
export function createImageStore(limits: { maxImages: number; maxBytes: number }): ImageStore {
  // A Map iterates in insertion order, which makes it a ready-made FIFO.
  const images = new Map<string, StoredImage>();
  let bytes = 0;

  function evict(): void {
    for (const [id, image] of images) {
      if (images.size <= limits.maxImages && bytes <= limits.maxBytes) return;
      images.delete(id);
      bytes -= image.data.length;
    }
  }

  return {
    put(data) {
      const id = randomBytes(16).toString('hex');
      const gif = gifSize(data);
      const size = gif ?? pngSize(data);
      const contentType = gif ? 'image/gif' : 'image/png';
      images.set(id, size ? { data, contentType, ...size } : { data, contentType });
      bytes += data.length;
      evict();
      return size ? { id, ...size } : { id };
    },
    get: (id) => images.get(id),
    get size() {
      return images.size;
    },
  };
}
