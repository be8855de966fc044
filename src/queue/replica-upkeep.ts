import type { Redis } from 'ioredis';
import type { JobBook } from '../bot/jobs/shared.js';
import type { JobLimits } from './admission.js';
import type { QueueKeys } from './keys.js';
import { refreshPlaces } from './positions.js';
import type { QueueView } from './queue-view.js';
import type { RemoteRun, ReplicaJob } from './replica-jobs.js';
import type { Report } from './report.js';

/*
 * The timers that keep a replica's local picture of the queue true. Places in line and counts are
 * refreshed shortly after the line moves (many events arrive in bursts, so one refresh serves a
 * burst). A slower tick keeps this replica's admission slots alive and reconciles its runs with
 * Redis, catching what the event stream missed.
 */

const LINE_REFRESH_MS = 100;

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
