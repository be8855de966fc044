import type { Redis } from 'ioredis';
import type { JobLimits, JobRef } from './admission.js';
import type { Report } from './report.js';
import { WORKER_HEARTBEAT_MS } from './worker-registry.js';

/*
 * A worker's heartbeat keeps two things alive in Redis: the leases of the jobs it runs (so that the
 * per-user running limit counts them) and its entry in the worker registry. A worker that dies
 * stops beating, and both lapse on their own.
 */

/** How long a running job's live slot lasts without a heartbeat. */
export const LIVE_TTL_MS = 10 * 60_000;

/** The worker's lock, heartbeat and lease periods. */
export interface LeaseTiming {
  /** BullMQ's job lock: a dead worker's job is retried after about this. */
  readonly lockDuration: number;
  readonly heartbeatMs: number;
  /** A running job's lease: three missed heartbeats (and a second to spare) free its running slot. */
  readonly leaseMs: number;
}

/** Beats at least three times per lock period, so that one late beat never lets a lease lapse. */
export function leaseTiming(lockDuration: number): LeaseTiming {
  const heartbeatMs = Math.min(WORKER_HEARTBEAT_MS, Math.floor(lockDuration / 3));
  return { lockDuration, heartbeatMs, leaseMs: 3 * heartbeatMs + 1000 };
}

/** What the heartbeat renews. */
export interface HeartbeatContext {
  readonly client: Redis;
  readonly limits: JobLimits;
  /** Jobs this worker is running now. */
  readonly running: ReadonlyMap<string, JobRef>;
  /** Refreshes this worker's registry entry. */
  announce(): Promise<void>;
  readonly report: Report;
}

/** Starts beating (skipped while Redis is away); returns the stop. */
export function startHeartbeat(context: HeartbeatContext, timing: LeaseTiming): () => void {
  const { client, limits, running, report } = context;
  const heartbeat = setInterval(() => {
    if (client.status !== 'ready') return;
    Promise.all([limits.renew([...running.values()], timing.leaseMs, LIVE_TTL_MS), context.announce()]).catch(
      (error) => report(error, 'heartbeat'),
    );
  }, timing.heartbeatMs);
  heartbeat.unref?.();
  return () => clearInterval(heartbeat);
}
