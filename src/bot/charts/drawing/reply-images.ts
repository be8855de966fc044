import type { ExperimentResult } from '../../../engine/result.js';
import { specKey } from '../../jobs/spec-key.js';
import type { ReplyImage } from '../../types.js';
import { animationPart } from '../animation/animation.js';
import { attachAnimation, needsStill } from '../animation/attach.js';
import { chartDraftsFor } from '../drafts.js';
import type { ChartView } from '../layer-charts.js';
import type { ChartRenderer } from '../render/renderer.js';
import { DEFAULT_SIZE } from '../render/renderer.js';
import type { DrawPool } from './pool.js';

/*
 * A reply's images: every chart and the animation drawn at once on the drawing threads (pool.ts),
 * and drawn once per result. A result is reproducible from its spec on one backend and compute
 * path, so equal keys mean equal pictures: the thirty students who press the same button (one run,
 * or the result cache) get one drawing, and a drawing in progress is joined, not repeated.
 */

/** Limits of the drawn-image cache. */
export interface ReplyImageCacheOptions {
  /** Results whose images are kept, the least recently used going first; 0 turns the cache off. Default 16. */
  maxEntries?: number;
  /** Most bytes of PNG and GIF kept in all. Default 64 MB (a default /train reply is about 1.5 MB). */
  maxBytes?: number;
}

/** Draws replies' images. */
export interface ReplyImages {
  /** The images of a result's reply; rejects when a drawing failed (nothing failed is cached). */
  draw(result: ExperimentResult, view?: ChartView): Promise<ReplyImage[]>;
  stats(): { entries: number; hits: number; misses: number };
}

const DEFAULT_ENTRIES = 16;
const DEFAULT_BYTES = 64 * 1024 * 1024;

/** The key of a result's images in one view. */
function imagesKey(result: ExperimentResult, view: ChartView): string {
  return `${view}|${JSON.stringify(result.paths ?? {})}|${specKey(result.spec, result.backend)}`;
}

const bytesOf = (images: readonly ReplyImage[]) =>
  images.reduce((sum, image) => sum + image.png.length + (image.animation?.gif.length ?? 0), 0);

/**
 * Draws every chart of the reply at once through `renderer` (the pool's, or QuickChart with the
 * pool's as its fallback) and the animation on the pool, then puts them together in order.
 */
async function drawReply(
  result: ExperimentResult,
  view: ChartView,
  renderer: ChartRenderer,
  pool: Pick<DrawPool, 'animate'>,
): Promise<ReplyImage[]> {
  const drafts = chartDraftsFor(result, view);
  // The layers view is a follow-up about the layers alone: no animation there.
  const animated = view === 'layers' ? undefined : animationPart(result);
  const withStill = needsStill(drafts.map((draft) => `${draft.name}.png`));
  const [images, animation] = await Promise.all([
    Promise.all(
      drafts.map(async (draft): Promise<ReplyImage> => {
        const [png, url] = await Promise.all([
          renderer.render(draft.config, DEFAULT_SIZE),
          renderer.link?.(draft.config, DEFAULT_SIZE),
        ]);
        return {
          png,
          alt: draft.alt,
          name: `${draft.name}.png`,
          chart: draft.config,
          ...(url ? { url } : {}),
        };
      }),
    ),
    animated ? pool.animate(animated, withStill) : undefined,
  ]);
  return attachAnimation(images, animation);
}

/** Creates the drawer with an empty cache. */
export function createReplyImages(
  renderer: ChartRenderer,
  pool: Pick<DrawPool, 'animate'>,
  options: ReplyImageCacheOptions = {},
): ReplyImages {
  const maxEntries = options.maxEntries ?? DEFAULT_ENTRIES;
  const maxBytes = options.maxBytes ?? DEFAULT_BYTES;
  // Insertion order is use order (a hit re-inserts); a drawing in progress counts no bytes yet.
  const entries = new Map<string, { images: Promise<ReplyImage[]>; bytes: number }>();
  let hits = 0;
  let misses = 0;

  const evict = () => {
    let total = 0;
    for (const entry of entries.values()) total += entry.bytes;
    for (const [key, entry] of entries) {
      if (entries.size <= maxEntries && total <= maxBytes) break;
      entries.delete(key);
      total -= entry.bytes;
    }
  };

  return {
    draw(result, view = 'main') {
      if (maxEntries <= 0) return drawReply(result, view, renderer, pool);
      const key = imagesKey(result, view);
      const found = entries.get(key);
      if (found) {
        hits += 1;
        entries.delete(key);
        entries.set(key, found);
        return found.images.then((images) => [...images]);
      }
      misses += 1;
      const entry = { images: drawReply(result, view, renderer, pool), bytes: 0 };
      entries.set(key, entry);
      entry.images.then(
        (images) => {
          entry.bytes = bytesOf(images);
          evict();
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      evict();
      return entry.images.then((images) => [...images]);
    },
    stats: () => ({ entries: entries.size, hits, misses }),
  };
}
