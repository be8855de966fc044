import { luaScript } from './lua.js';

/*
 * The admission scripts. Each runs atomically in Redis, so two replicas admitting at once cannot
 * both take the last slot, and a worker cannot start a user's job past the running limit.
 */

// Sets a key to expire with its latest entry, so that a set no one touches again does not linger.
const EXPIRE_AT_LATEST = `
local function expireAtLatest(key)
  local top = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  if top[2] then redis.call('PEXPIREAT', key, math.ceil(tonumber(top[2]))) end
end
`;

/** Admits a job, or says which limit it hits. */
// KEYS: live, running, userLive, userRunning. ARGV: now, jobId, liveExpiry, maxQueued,
// maxQueuedPerUser, maxRunningPerUser, capacity. Jobs that free workers can start at once do not
// count as waiting, so the queue holds maxQueued jobs beyond max(running, capacity).
export const ADMIT = luaScript(`${EXPIRE_AT_LATEST}
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

/** Starts a job under a lease, unless its user already runs as many as allowed. */
// KEYS: running, userRunning, live, userLive. ARGV: now, jobId, leaseExpiry, maxRunningPerUser,
// liveExpiry. A job already holding a lease (a retry after its worker died) may start again.
export const TRY_START = luaScript(`${EXPIRE_AT_LATEST}
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
