import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaScript, runScript } from './client.js';
import type { QueueKeys } from './keys.js';

/*
 * The result cache every replica and worker shares, in Redis. Keys are the bot core's spec keys
 * (canonical spec + backend), hashed to a fixed length. Bounded three ways: each entry expires, an
 * entry larger than maxChars is not kept, and beyond maxEntries the least recently used go first.
 * Results are stored as the JSON text workers produce, so a hit costs no re-encoding on the way.
 */

/** Limits of the shared cache. */
export interface SharedCacheOptions {
  /** How long an entry lives after it was stored; default 24 h. */
  ttlMs?: number;
  /** Most entries kept; default 200. 0 turns the cache off. */
  maxEntries?: number;
  /** Largest entry kept, in characters of JSON; default 4 million. */
  maxChars?: number;
}

const DEFAULTS = { ttlMs: 24 * 3600_000, maxEntries: 200, maxChars: 4_000_000 };

// KEYS: entry, index, stats. ARGV: json, ttlMs, now, maxEntries, hash, entry key prefix.
// Evicted entries' keys are built inside the script: fine on one Redis server (not a cluster).
const STORE = luaScript(`
local now = tonumber(ARGV[3])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], now, ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[2]))
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if excess > 0 then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  for _, hash in ipairs(oldest) do
    redis.call('DEL', ARGV[6] .. hash)
    redis.call('ZREM', KEYS[2], hash)
  end
end
return 1
`);

/** The shared result cache. */
export interface SharedCache {
  /** The first cached result JSON among `specKeys` (tried in order), counting a hit or a miss. */
  lookup(specKeys: readonly string[]): Promise<string | undefined>;
  /** Keeps a result's JSON under its spec key, if it fits. */
  store(specKey: string, json: string): Promise<void>;
  stats(): Promise<{ entries: number; hits: number; misses: number }>;
}

function hashOf(specKey: string): string {
  return createHash('sha256').update(specKey).digest('hex');
}

/** The cache on one connection. */
export function createSharedCache(
  redis: Redis,
  keys: QueueKeys,
  options: SharedCacheOptions = {},
  now: () => number = Date.now,
): SharedCache {
  const { ttlMs, maxEntries, maxChars } = { ...DEFAULTS, ...options };
  const entryPrefix = keys.cacheEntry('');
  return {
    async lookup(specKeys) {
      if (maxEntries <= 0 || specKeys.length === 0) return undefined;
      const hashes = specKeys.map(hashOf);
      const found = await redis.mget(...hashes.map((hash) => keys.cacheEntry(hash)));
      const index = found.findIndex((json) => json !== null);
      const json = index >= 0 ? found[index] : undefined;
      const bump = redis.multi().hincrby(keys.cacheStats, json ? 'hits' : 'misses', 1);
      if (json) {
        // A hit renews the entry's life, so that the index order and the expiry agree.
        bump.zadd(keys.cacheIndex, 'XX', now(), hashes[index]!);
        bump.pexpire(keys.cacheEntry(hashes[index]!), ttlMs);
      }
      await bump.exec();
      return json ?? undefined;
    },

    async store(specKey, json) {
      if (maxEntries <= 0 || json.length > maxChars) return;
      const hash = hashOf(specKey);
      await runScript(
        redis,
        STORE,
        [keys.cacheEntry(hash), keys.cacheIndex, keys.cacheStats],
        [json, ttlMs, now(), maxEntries, hash, entryPrefix],
      );
    },

    async stats() {
      const replies = await redis
        .multi()
        .zcard(keys.cacheIndex)
        .hmget(keys.cacheStats, 'hits', 'misses')
        .exec();
      const entries = Number(replies?.[0]?.[1] ?? 0);
      const [hits, misses] = (replies?.[1]?.[1] as (string | null)[] | undefined) ?? [];
      return { entries, hits: Number(hits ?? 0), misses: Number(misses ?? 0) };
    },
  };
}
