import type { Redis } from 'ioredis';
import type { QueueKeys } from './keys.js';
import { luaScript, runScript } from './lua.js';
import type { RemoteRun, ReplicaJob } from './replica-jobs.js';

// KEYS: BullMQ's wait list. ARGV: job ids. New jobs enter at the head and workers take from the
// tail, so a job's place in line counts from the tail. 0 = not in the list (running, or held back).
const PLACES = luaScript(`
local length = redis.call('LLEN', KEYS[1])
local places = {}
for i, id in ipairs(ARGV) do
  local index = redis.call('LPOS', KEYS[1], id)
  places[i] = index and (length - index) or 0
end
return places
`);

/** Each job's place in the waiting line (1 = next), or 0 when it is not waiting in the line. */
export async function placesInLine(
  redis: Redis,
  keys: QueueKeys,
  jobIds: readonly string[],
): Promise<number[]> {
  if (jobIds.length === 0) return [];
  const places = (await runScript(redis, PLACES, [keys.wait], jobIds)) as number[];
  return places.map(Number);
}

/** Updates the places of this replica's waiting runs, calling `moved` for each request whose place changed. */
export async function refreshPlaces(
  redis: Redis,
  keys: QueueKeys,
  runs: Iterable<RemoteRun>,
  moved: (job: ReplicaJob, place: number) => void,
): Promise<void> {
  const waiting = [...runs].filter((run) => run.enqueued && run.state === 'queued');
  if (waiting.length === 0) return;
  const places = await placesInLine(
    redis,
    keys,
    waiting.map((run) => run.id),
  );
  waiting.forEach((run, index) => {
    const place = places[index] ?? 0;
    // 0: not in the line itself (held back for its user's limit, or just taken by a worker).
    if (place === 0 || run.state !== 'queued') return;
    for (const job of run.subscribers) {
      if (job.state !== 'queued' || place === job.position) continue;
      job.position = place;
      moved(job, place);
    }
  });
}
