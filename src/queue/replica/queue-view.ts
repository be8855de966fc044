import type { Redis } from 'ioredis';
import type { JobBook } from '../../bot/jobs/shared.js';
import type { JobSnapshot } from '../../bot/jobs/types.js';
import { luaScript, type Report, runScript } from '../redis/client.js';
import type { QueueKeys } from '../redis/keys.js';
import type { JobLimits } from '../redis/limits.js';
import type { SharedCache } from '../redis/result-cache.js';
import { describeWorkers, liveWorkers, type WorkerInfo } from '../redis/worker-registry.js';
import type { ResolvedQueueConfig } from './config.js';
import type { RemoteRun, ReplicaJob } from './ledger.js';

/*
 * What a bot replica knows of the whole queue without asking, and the timers that keep it true.
 * `snapshot` and `position` are synchronous in the job contract, so they answer from this picture:
 * counts, workers and cache figures as of the last refresh, and each request's place in line.
 * Places and counts are refreshed shortly after the line moves (events arrive in bursts, so one
 * refresh serves a burst). A slower tick keeps this replica's admission slots alive and reconciles
 * its runs with Redis, catching what the event stream missed.
 */

const LINE_REFRESH_MS = 100;

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
async function refreshPlaces(
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

/** The queue-wide figures, refreshed from Redis. */
export interface QueueView {
  refresh(): Promise<void>;
  /** Jobs the live workers run at once. */
  capacity(): number;
  /** Backends of the live workers, most useful first for cache lookups. */
  backends(): string[];
  /** "wasm (2 workers)", for /status. */
  describe(): string;
  /** The snapshot: queue-wide counts, this replica's own jobs. */
  snapshot(local: Pick<JobSnapshot, 'perUser' | 'jobs'>, config: ResolvedQueueConfig): JobSnapshot;
}

/** A view over the queue's keys; empty until the first refresh. */
export function createQueueView(
  client: Redis,
  keys: QueueKeys,
  limits: JobLimits,
  cache: SharedCache,
  now: () => number,
): QueueView {
  let live = 0;
  let running = 0;
  let workers: WorkerInfo[] = [];
  let cacheStats = { entries: 0, hits: 0, misses: 0 };
  const capacity = () => workers.reduce((sum, worker) => sum + worker.concurrency, 0);

  return {
    async refresh() {
      const [counts, seen, stats] = await Promise.all([
        limits.counts(),
        liveWorkers(client, keys, now()),
        cache.stats(),
      ]);
      ({ live, running } = counts);
      workers = seen;
      cacheStats = stats;
    },
    capacity,
    backends: () => workers.map((worker) => worker.backend),
    describe: () => describeWorkers(workers),
    snapshot(local, config) {
      return {
        running,
        queued: Math.max(0, live - running),
        capacity: {
          concurrency: capacity(),
          maxQueued: config.maxQueued,
          maxQueuedPerUser: config.maxQueuedPerUser,
          maxRunningPerUser: config.maxRunningPerUser,
          timeLimitMs: config.timeLimitMs,
        },
        ...local,
        cache: { ...cacheStats },
      };
    },
  };
}

/** What the timers read and refresh. */
export interface UpkeepContext {
  readonly client: Redis;
  readonly keys: QueueKeys;
  readonly runs: ReadonlyMap<string, RemoteRun>;
  readonly book: JobBook<ReplicaJob>;
  readonly view: QueueView;
  readonly limits: JobLimits;
  connected(): boolean;
  readonly report: Report;
}

/** A refresh of places in line, coalesced over a burst of changes. */
export interface LineRefresh {
  /** Something moved the line: refresh soon (once for all changes until then). */
  changed(): void;
  /** No refresh from now on (the service is closing). */
  stop(): void;
}

/** Tells requests their new places, and refreshes the queue-wide counts, after the line moves. */
export function createLineRefresh(context: UpkeepContext): LineRefresh {
  const { client, keys, runs, book, view, report } = context;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const moved = (job: ReplicaJob, place: number) =>
    book.hook(job, 'onQueued', (hooks) => hooks.onQueued?.(place));
  return {
    changed() {
      if (timer || stopped) return;
      timer = setTimeout(() => {
        timer = undefined;
        if (!context.connected()) return;
        refreshPlaces(client, keys, runs.values(), moved).catch((error) => report(error, 'place in line'));
        view.refresh().catch((error) => report(error, 'queue counts'));
      }, LINE_REFRESH_MS);
      timer.unref?.();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** Every `reconcileMs`: renews the live slots of this replica's requests, reconciles, refreshes counts. */
export function startReconcileTicker(
  context: UpkeepContext,
  reconcile: () => Promise<void>,
  timing: { readonly reconcileMs: number; readonly liveTtlMs: number },
): () => void {
  const { book, limits, view, report } = context;
  const ticker = setInterval(() => {
    if (!context.connected()) return;
    const refs = [...book.live.values()].map((job) => job.ref);
    Promise.all([limits.renew(refs, undefined, timing.liveTtlMs), reconcile(), view.refresh()]).catch(
      (error) => report(error, 'reconcile'),
    );
  }, timing.reconcileMs);
  ticker.unref?.();
  return () => clearInterval(ticker);
}
