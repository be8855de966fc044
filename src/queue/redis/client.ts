import { createHash } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';

/*
 * How both sides talk to Redis without hanging on it or flooding the log. The bot side must never
 * hang on a dead Redis: its command connection fails a command at once while disconnected (no
 * offline queue) and gives up on a slow one after `commandTimeout`; every wait it does on Redis is
 * bounded (`withTimeout`). Blocking connections (BullMQ workers and event readers) must retry
 * forever instead, as BullMQ requires. Every role reconnects quickly once Redis returns, and an
 * outage is reported once, not once per reconnection attempt.
 */

/** Where the queue's Redis and BullMQ errors go, with a word on what was being done. */
export type Report = (error: unknown, context: string) => void;

/**
 * Wraps an optional `onError` so that a reporter that throws cannot break the work it reports on:
 * the queue carries on after an error whether or not anyone heard of it.
 */
export function guardedReporter(onError: Report | undefined): Report {
  return (error, context) => {
    try {
      onError?.(error, context);
    } catch {
      // The reporter failed; nothing else to tell.
    }
  };
}

/** Rejects with a TimeoutError-named error when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`${what} took longer than ${ms} ms`);
      error.name = 'TimeoutError';
      reject(error);
    }, ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** What a connection is for. */
export type RedisRole = 'command' | 'blocking';

const RECONNECT_CAP_MS = 2000;

/** The connection fields of a redis:// or rediss:// URL. */
export function parseRedisUrl(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('REDIS_URL is not a URL (expected redis://[user:password@]host:port[/db])');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss:// (got ${parsed.protocol}//)`);
  }
  const db = parsed.pathname.replace(/^\//, '');
  const options: RedisOptions = {
    host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
  };
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  if (db) options.db = Number(db);
  if (parsed.protocol === 'rediss:') options.tls = {};
  return options;
}

/** The URL with its password replaced, for log lines. */
export function maskRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid REDIS_URL)';
  }
}

/** ioredis options for one role, from the URL. */
export function redisOptions(url: string, role: RedisRole, commandTimeoutMs = 2000): RedisOptions {
  const base: RedisOptions = {
    ...parseRedisUrl(url),
    connectTimeout: commandTimeoutMs,
    retryStrategy: (times: number) => Math.min(times * 200, RECONNECT_CAP_MS),
  };
  if (role === 'blocking') return { ...base, maxRetriesPerRequest: null };
  return { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: commandTimeoutMs };
}

/**
 * Reports the first error of each outage only: a dead Redis raises one on every reconnection
 * attempt, which would flood the log. `recovered` starts a new outage's count.
 */
export function oncePerOutage(report: (error: Error) => void): {
  error(error: Error): void;
  recovered(): void;
} {
  let outage = false;
  return {
    error(error) {
      if (!outage) report(error);
      outage = true;
    },
    recovered() {
      outage = false;
    },
  };
}

/**
 * Opens a connection; the first error of each outage goes to `onError` (an unhandled 'error' event
 * would end the process).
 */
export function connectRedis(
  url: string,
  role: RedisRole,
  onError: (error: Error) => void,
  commandTimeoutMs?: number,
): Redis {
  const client = new Redis(redisOptions(url, role, commandTimeoutMs));
  const outage = oncePerOutage(onError);
  client.on('error', outage.error);
  client.on('ready', outage.recovered);
  return client;
}

/** Resolves once the client is connected, or rejects after `timeoutMs`. */
export function whenReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(new Error(`Redis did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}

/** True when Redis answers a PING within `timeoutMs`; false at once while disconnected. */
export async function pingWithin(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status !== 'ready') return false;
  try {
    return (await withTimeout(client.ping(), timeoutMs, 'PING')) === 'PONG';
  } catch {
    return false;
  }
}

/**
 * Closes a connection without waiting on a dead Redis: a ready one quits (its commands in flight
 * are answered first); any other is disconnected at once, since a QUIT sent while reconnecting is
 * queued until Redis answers, which may be never.
 */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  await client.quit().catch(() => client.disconnect());
}

/** A Lua script with its SHA-1, run by hash so that its text crosses the network once. */
export interface LuaScript {
  readonly lua: string;
  readonly sha: string;
}

/** Prepares a script. */
export function luaScript(lua: string): LuaScript {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/**
 * Runs a script by hash, sending its text only when Redis does not know it (the first call, or after
 * Redis restarted, which empties its script cache).
 */
export async function runScript(
  redis: Redis,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script.lua, keys.length, ...keys, ...args);
  }
}
