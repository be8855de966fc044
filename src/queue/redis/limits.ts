import type { Redis } from 'ioredis';
import { luaScript, runScript } from './client.js';
import type { QueueKeys } from './keys.js';

/*
 * Job limits shared by every bot replica and worker, kept in Redis as sorted sets of job ids scored
 * by an expiry time: `live` holds admitted jobs that have not finished, `running` the jobs a worker
 * is running now (each under a lease the worker renews). A set, unlike a counter, makes release
 * idempotent (finishing twice removes one id once), and the expiry scores free the slots of a
 * replica or worker that died without saying so. Each script runs atomically in Redis, so two
 * replicas admitting at once cannot both take the last slot.
 */

// Sets a key to expire with its latest entry, so that a set no one touches again does not linger.
const EXPIRE_AT_LATEST = `
local function expireAtLatest(key)
  local top = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  if top[2] then redis.call('PEXPIREAT', key, math.ceil(tonumber(top[2]))) end
end
`;

// Admits a job, or says which limit it hits.
// KEYS: live, running, userLive, userRunning. ARGV: now, jobId, liveExpiry, maxQueued,
// maxQueuedPerUser, maxRunningPerUser, capacity. Jobs that free workers can start at once do not
// count as waiting, so the queue holds maxQueued jobs beyond max(running, capacity).
const ADMIT = luaScript(`${EXPIRE_AT_LATEST}
local now = tonumber(ARGV[1])
for i = 1, 4 do redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now) end
local userLive = redis.call('ZCARD', KEYS[3])
local userRunning = redis.call('ZCARD', KEYS[4])
if userLive >= tonumber(ARGV[6]) + tonumber(ARGV[5]) then
  return {'too-many-jobs', userRunning, userLive - userRunning}
end
local busy = math.max(redis.call('ZCARD', KEYS[2]), tonumber(ARGV[7]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) + busy then return {'queue-full', 0, 0} end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
expireAtLatest(KEYS[3])
return {'ok', 0, 0}
`);

// Starts a job under a lease, unless its user already runs as many as allowed (so no worker
// starts a user's job past the running limit).
// KEYS: running, userRunning, live, userLive. ARGV: now, jobId, leaseExpiry, maxRunningPerUser,
// liveExpiry. A job already holding a lease (a retry after its worker died) may start again.
const TRY_START = luaScript(`${EXPIRE_AT_LATEST}
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if not redis.call('ZSCORE', KEYS[2], ARGV[2]) and redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
expireAtLatest(KEYS[2])
redis.call('ZADD', KEYS[3], 'XX', ARGV[5], ARGV[2])
redis.call('ZADD', KEYS[4], 'XX', ARGV[5], ARGV[2])
return 1
`);

/** Why a job was not admitted. */
export type Admission =
  | { ok: true }
  | { ok: false; code: 'too-many-jobs'; running: number; queued: number }
  | { ok: false; code: 'queue-full' };

/** The limits a submitting replica enforces. */
export interface AdmissionLimits {
  maxQueued: number;
  maxQueuedPerUser: number;
  maxRunningPerUser: number;
}

/** One job's identity in the limit sets. */
export interface JobRef {
  jobId: string;
  user: string;
}

/** The limit operations, on one connection. */
export interface JobLimits {
  /**
   * Takes a slot for a new job, or says which limit it hits. A user may hold
   * maxRunningPerUser + maxQueuedPerUser live jobs: a job about to start counts as one that runs.
   * `capacity` is how many jobs the workers run at once (as last seen).
   */
  admit(job: JobRef, limits: AdmissionLimits, liveTtlMs: number, capacity: number): Promise<Admission>;
  /** Starts a job under a lease, or returns false when its user already runs as many as allowed. */
  tryStart(job: JobRef, maxRunningPerUser: number, leaseMs: number, liveTtlMs: number): Promise<boolean>;
  /** Extends the leases of running jobs (worker heartbeat) and the live entries of waiting ones. */
  renew(jobs: readonly JobRef[], leaseMs: number | undefined, liveTtlMs: number): Promise<void>;
  /** Ends a job's lease (it stopped running; it may still be retried). */
  stopRunning(job: JobRef): Promise<void>;
  /** Frees every slot of a finished job; harmless to repeat. */
  release(job: JobRef): Promise<void>;
  /** Live and running jobs over all replicas. */
  counts(): Promise<{ live: number; running: number }>;
}

/** The operations that must check a limit and take a slot in one step: Lua scripts. */
function scriptedLimits(
  redis: Redis,
  keys: QueueKeys,
  now: () => number,
): Pick<JobLimits, 'admit' | 'tryStart'> {
  return {
    async admit({ jobId, user }, limits, liveTtlMs, capacity) {
      const time = now();
      const answer = (await runScript(
        redis,
        ADMIT,
        [keys.live, keys.running, keys.userLive(user), keys.userRunning(user)],
        [
          time,
          jobId,
          time + liveTtlMs,
          limits.maxQueued,
          limits.maxQueuedPerUser,
          limits.maxRunningPerUser,
          capacity,
        ],
      )) as [string, number, number];
      const [code, running, queued] = answer;
      if (code === 'too-many-jobs') return { ok: false, code, running, queued };
      if (code === 'queue-full') return { ok: false, code };
      return { ok: true };
    },

    async tryStart({ jobId, user }, maxRunningPerUser, leaseMs, liveTtlMs) {
      const time = now();
      const started = await runScript(
        redis,
        TRY_START,
        [keys.running, keys.userRunning(user), keys.live, keys.userLive(user)],
        [time, jobId, time + leaseMs, maxRunningPerUser, time + liveTtlMs],
      );
      return started === 1;
    },
  };
}

/** The operations that only extend or remove entries: plain commands in one MULTI each. */
function entryLimits(
  redis: Redis,
  keys: QueueKeys,
  now: () => number,
): Pick<JobLimits, 'renew' | 'stopRunning' | 'release' | 'counts'> {
  return {
    async renew(jobs, leaseMs, liveTtlMs) {
      if (jobs.length === 0) return;
      const time = now();
      const batch = redis.multi();
      for (const { jobId, user } of jobs) {
        // XX: only extend what is still there, never bring back a job that was released meanwhile.
        batch.zadd(keys.live, 'XX', time + liveTtlMs, jobId);
        batch.zadd(keys.userLive(user), 'XX', time + liveTtlMs, jobId);
        if (leaseMs !== undefined) {
          batch.zadd(keys.running, 'XX', time + leaseMs, jobId);
          batch.zadd(keys.userRunning(user), 'XX', time + leaseMs, jobId);
        }
      }
      await batch.exec();
    },

    async stopRunning({ jobId, user }) {
      await redis.multi().zrem(keys.running, jobId).zrem(keys.userRunning(user), jobId).exec();
    },

    async release({ jobId, user }) {
      await redis
        .multi()
        .zrem(keys.live, jobId)
        .zrem(keys.running, jobId)
        .zrem(keys.userLive(user), jobId)
        .zrem(keys.userRunning(user), jobId)
        .exec();
    },

    async counts() {
      const time = now();
      const replies = await redis
        .multi()
        .zcount(keys.live, time, '+inf')
        .zcount(keys.running, time, '+inf')
        .exec();
      const live = Number(replies?.[0]?.[1] ?? 0);
      const running = Number(replies?.[1]?.[1] ?? 0);
      return { live, running };
    },
  };
}

/** Limit operations on the queue's keys. */
export function createJobLimits(redis: Redis, keys: QueueKeys, now: () => number = Date.now): JobLimits {
  return { ...scriptedLimits(redis, keys, now), ...entryLimits(redis, keys, now) };
}
