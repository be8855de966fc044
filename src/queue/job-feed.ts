import { Job, type Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobHooks, JobOutcome } from '../bot/jobs/types.js';
import type { ExperimentResult } from '../engine/result.js';
import type { JobRef } from './admission.js';
import type { QueueKeys } from './keys.js';
import type { LocalJob } from './local-jobs.js';
import { decodeFailure, type QueueJobData, type QueueJobReturn } from './protocol.js';
import { oncePerOutage, redisOptions } from './redis.js';
import type { ResolvedQueueConfig } from './service-config.js';

/*
 * Turns what the queue says about a replica's jobs into hook calls and outcomes. Two sources feed
 * it: BullMQ's event stream (prompt, but an event can be missed while Redis is away) and a periodic
 * reconciliation that asks Redis for the state of every job still waiting for an answer (slow, but
 * it catches missed events and jobs lost with a Redis restart). Both may report the same ending;
 * `finish` keeps only the first, so every job still gets exactly one outcome.
 */

/** What the feed needs from the job service. */
export interface FeedContext {
  readonly jobs: ReadonlyMap<string, LocalJob>;
  readonly client: Redis;
  readonly queue: Queue<QueueJobData, QueueJobReturn>;
  readonly keys: QueueKeys;
  readonly config: ResolvedQueueConfig;
  readonly now: () => number;
  finish(job: LocalJob, outcome: JobOutcome): void;
  hook(job: LocalJob, name: keyof JobHooks, call: (hooks: JobHooks) => unknown): void;
  cancelRemote(job: JobRef): Promise<void>;
  release(job: JobRef): void;
  report(error: unknown, context: string): void;
  lineChanged(): void;
}

/** The feed of one job service. */
export interface JobFeed {
  /** Resolves once the event stream is being read. */
  ready(): Promise<void>;
  /** Settles every job whose ending the events did not bring. */
  reconcile(): Promise<void>;
  /**
   * Stops reading at once. A graceful close would wait for the blocking read in flight (up to
   * BullMQ's 10 s block), and an event reader has nothing to flush.
   */
  close(): Promise<void>;
}

const refOf = (job: LocalJob): JobRef => ({ jobId: job.id, user: job.request.user });

/** Reads a progress payload from a worker: `{ started: true }` or `{ percent, loss? }`. */
function readProgress(data: unknown): { started: true } | { percent: number; loss?: number } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { started, percent, loss } = data as Record<string, unknown>;
  if (started === true) return { started: true };
  if (typeof percent !== 'number' || !Number.isFinite(percent)) return undefined;
  const whole = Math.min(100, Math.max(0, Math.floor(percent)));
  return typeof loss === 'number' && Number.isFinite(loss) ? { percent: whole, loss } : { percent: whole };
}

/** Starts reading the queue's events for the jobs in `context.jobs`. */
export function startJobFeed(context: FeedContext): JobFeed {
  const { jobs, client, queue, keys, config, now } = context;
  const events = new QueueEvents(config.queueName, {
    connection: redisOptions(config.redisUrl, 'blocking', config.redisTimeoutMs),
    prefix: keys.prefix,
  });
  const outage = oncePerOutage((error) => context.report(error, 'queue events'));
  events.on('error', outage.error);
  events
    .waitUntilReady()
    .then((connection) => connection.on('ready', outage.recovered))
    .catch(() => undefined);

  function markStarted(job: LocalJob): void {
    if (job.state !== 'queued') return;
    job.state = 'running';
    job.position = 0;
    job.startedAt = now();
    clearTimeout(job.watchdog);
    // The worker stops the run at the time limit; this only covers a worker that vanished with it.
    job.watchdog = setTimeout(() => {
      context.finish(job, { status: 'timeout', limitMs: config.timeLimitMs });
      void context.cancelRemote(refOf(job)).catch((error) => context.report(error, 'cancel after timeout'));
    }, config.timeLimitMs + config.graceMs);
    job.watchdog.unref?.();
    if (!job.startAnnounced) {
      job.startAnnounced = true;
      context.hook(job, 'onStart', (hooks) => hooks.onStart?.());
    }
  }

  function backInLine(jobId: string): void {
    const job = jobs.get(jobId);
    if (job?.state === 'running') {
      // Its worker died or handed it back: it waits for another worker.
      job.state = 'queued';
      clearTimeout(job.watchdog);
    }
    context.lineChanged();
  }

  function onProgress(jobId: string, data: unknown): void {
    const job = jobs.get(jobId);
    const progress = readProgress(data);
    if (!job || !progress || job.state === 'finished') return;
    markStarted(job);
    if ('started' in progress || !job.hooks.onProgress || !job.mayReportProgress()) return;
    context.hook(job, 'onProgress', (hooks) => hooks.onProgress?.(progress));
  }

  async function onCompleted(jobId: string, returned: unknown): Promise<void> {
    const job = jobs.get(jobId);
    if (!job) return;
    const json = await client.get(keys.result(jobId));
    if (job.state === 'finished') return;
    if (json === null) {
      context.finish(job, {
        status: 'failed',
        error: { name: 'QueueError', message: 'the finished result expired before it could be read' },
      });
      return;
    }
    const result = JSON.parse(json) as ExperimentResult;
    const end = now();
    const startedAt = job.startedAt ?? end;
    const workerRunMs = (returned as Partial<QueueJobReturn> | undefined)?.runMs;
    context.finish(job, {
      status: 'done',
      result,
      cached: (returned as Partial<QueueJobReturn> | undefined)?.cached === true,
      queuedMs: Math.max(0, startedAt - job.submittedAt),
      runMs: job.startedAt === undefined && typeof workerRunMs === 'number' ? workerRunMs : end - startedAt,
    });
    void client.del(keys.result(jobId)).catch(() => {});
  }

  function onFailed(jobId: string, reason: string | undefined): void {
    const job = jobs.get(jobId);
    if (!job) return;
    // A job failed by BullMQ itself (stalled too often) never reached a worker that could release it.
    context.release(refOf(job));
    const error = decodeFailure(reason);
    if (error.name === 'AbortError') context.finish(job, { status: 'cancelled' });
    else if (error.name === 'TimeoutError')
      context.finish(job, { status: 'timeout', limitMs: config.timeLimitMs });
    else context.finish(job, { status: 'failed', error });
  }

  const guarded = (what: string, run: () => Promise<void>) => {
    run().catch((error) => context.report(error, what));
  };
  events.on('progress', ({ jobId, data }) => onProgress(jobId, data));
  events.on('active', () => context.lineChanged());
  events.on('waiting', ({ jobId }) => backInLine(jobId));
  events.on('delayed', ({ jobId }) => backInLine(jobId));
  events.on('stalled', ({ jobId }) => backInLine(jobId));
  events.on('completed', ({ jobId, returnvalue }) =>
    guarded('completed event', () => onCompleted(jobId, returnvalue)),
  );
  events.on('failed', ({ jobId, failedReason }) => onFailed(jobId, failedReason));
  events.on('removed', ({ jobId }) => {
    const job = jobs.get(jobId);
    if (job) context.finish(job, { status: 'cancelled' });
  });

  return {
    ready: async () => {
      await events.waitUntilReady();
    },
    async reconcile() {
      for (const job of [...jobs.values()]) {
        if (!job.enqueued || job.state === 'finished') continue;
        const state = await queue.getJobState(job.id);
        if (state === 'completed') {
          const remote = await Job.fromId<QueueJobData, QueueJobReturn>(queue, job.id);
          await onCompleted(job.id, remote?.returnvalue);
        } else if (state === 'failed') {
          const remote = await Job.fromId(queue, job.id);
          onFailed(job.id, remote?.failedReason);
        } else if (state === 'unknown') {
          context.release(refOf(job));
          context.finish(job, {
            status: 'failed',
            error: {
              name: 'QueueError',
              message:
                'the training queue lost this job (its Redis was restarted or emptied); please try again',
            },
          });
        }
      }
    },
    close: () => events.disconnect().catch(() => undefined),
  };
}
