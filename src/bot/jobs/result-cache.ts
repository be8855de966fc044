import type { ExperimentResult } from '../../engine/result.js';

/** Limits of the result cache. */
export interface ResultCacheOptions {
  /** Most results kept; the least recently used goes first. 0 turns the cache off. Default 32. */
  maxEntries?: number;
  /**
   * Most characters of JSON kept in all, default 64 million. A train result with a 100x100
   * boundary grid and 8 seeds is about 1.5 MB of JSON, so a count alone does not bound memory.
   */
  maxChars?: number;
}

/** A least-recently-used map from spec keys to finished results. */
export interface ResultCache {
  /** Looks a result up and counts a hit or a miss; a hit becomes the most recently used. */
  get(key: string): ExperimentResult | undefined;
  /** True when the key is cached; counts nothing and changes no order. */
  has(key: string): boolean;
  /** Stores a result (deep-frozen, since every later hit shares the same object). */
  set(key: string, result: ExperimentResult): void;
  stats(): { entries: number; hits: number; misses: number };
}

/** Default number of cached results. */
export const DEFAULT_CACHE_ENTRIES = 32;
const DEFAULT_CACHE_CHARS = 64_000_000;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Creates an empty cache. */
export function createResultCache(options: ResultCacheOptions = {}): ResultCache {
  const maxEntries = options.maxEntries ?? DEFAULT_CACHE_ENTRIES;
  const maxChars = options.maxChars ?? DEFAULT_CACHE_CHARS;
  // A Map iterates in insertion order, so re-inserting on every hit keeps the oldest use first.
  const entries = new Map<string, { result: ExperimentResult; chars: number }>();
  let totalChars = 0;
  let hits = 0;
  let misses = 0;

  function remove(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    totalChars -= entry.chars;
  }

  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) {
        misses += 1;
        return undefined;
      }
      hits += 1;
      entries.delete(key);
      entries.set(key, entry);
      return entry.result;
    },
    has: (key) => entries.has(key),
    set(key, result) {
      if (maxEntries <= 0) return;
      const chars = JSON.stringify(result).length;
      if (chars > maxChars) return;
      remove(key);
      entries.set(key, { result: deepFreeze(result), chars });
      totalChars += chars;
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && totalChars <= maxChars) break;
        remove(oldest);
      }
    },
    stats: () => ({ entries: entries.size, hits, misses }),
  };
}
