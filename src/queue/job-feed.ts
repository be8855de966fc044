import { Job, type Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobHooks, JobOutcome } from '../bot/jobs/types.js';
import type { ExperimentResult } from '../engine/result.js';
import type { JobRef } from './admission.js';
import { doneFor, readProgress } from './feed-messages.js';
import type { QueueKeys } from './keys.js';
import { decodeFailure, type QueueJobData, type QueueJobReturn } from './protocol.js';
import { oncePerOutage, redisOptions } from './redis.js';
import type { RemoteRun, ReplicaJob } from './replica-jobs.js';
import type { ResolvedQueueConfig } from './service-config.js';

/*
 * Turns what the queue says about a replica's runs into hook calls and outcomes. Two sources feed
 * it: BullMQ's event stream (prompt, but an event can be missed while Redis is away) and a periodic
 * reconciliation that asks Redis for the state of every run still waiting for an answer (slow, but
 * it catches missed events and runs lost with a Redis restart). Both may report the same ending;
 * `finishRun` keeps only the first, so every request still gets exactly one outcome.
 */

/** What the feed needs from the job service. */
export interface FeedContext {
  readonly runs: ReadonlyMap<string, RemoteRun>;
  readonly client: Redis;
  readonly queue: Queue<QueueJobData, QueueJobReturn>;
  readonly keys: QueueKeys;
  readonly config: ResolvedQueueConfig;
  readonly now: () => number;
  /** Ends the run and answers each of its requests with the outcome made for it. */
  finishRun(run: RemoteRun, outcomeOf: (job: ReplicaJob) => JobOutcome): void;
  /** Marks the run's requests as running (each hears onStart once). */
  started(run: RemoteRun): void;
  hook(job: ReplicaJob, name: keyof JobHooks, call: (hooks: JobHooks) => unknown): void;
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

/** Starts reading the queue's events for the runs in `context.runs`, once Redis is connected. */
export function startJobFeed(context: FeedContext): JobFeed {
  const { runs, client, queue, keys, config, now } = context;
  const ended = (outcome: JobOutcome) => () => outcome;

  function markStarted(run: RemoteRun): void {
    if (run.state !== 'queued') return;
    run.state = 'running';
    clearTimeout(run.watchdog);
    // The worker stops the run at the time limit; this only covers a worker that vanished with it.
    run.watchdog = setTimeout(() => {
      context.finishRun(run, ended({ status: 'timeout', limitMs: config.timeLimitMs }));
      void context.cancelRemote(run.ref).catch((error) => context.report(error, 'cancel after timeout'));
    }, config.timeLimitMs + config.graceMs);
    run.watchdog.unref?.();
    context.started(run);
  }

  function backInLine(runId: string): void {
    const run = runs.get(runId);
    if (run?.state === 'running') {
      // Its worker died or handed it back: it waits for another worker.
      run.state = 'queued';
      clearTimeout(run.watchdog);
      for (const job of run.subscribers) job.state = 'queued';
    }
    context.lineChanged();
  }

  function onProgress(runId: string, data: unknown): void {
    const run = runs.get(runId);
    const progress = readProgress(data);
    if (!run || !progress || run.state === 'finished') return;
    markStarted(run);
    if ('started' in progress) return;
    for (const job of run.subscribers) {
      if (!job.hooks.onProgress || !job.mayReportProgress()) continue;
      context.hook(job, 'onProgress', (hooks) => hooks.onProgress?.(progress));
    }
  }

  async function onCompleted(runId: string, returned: unknown): Promise<void> {
    const run = runs.get(runId);
    if (!run) return;
    const json = await client.get(keys.result(runId));
    if (run.state === 'finished') return;
    if (json === null) {
      const message = 'the finished result expired before it could be read';
      context.finishRun(run, ended({ status: 'failed', error: { name: 'QueueError', message } }));
      return;
    }
    const result = JSON.parse(json) as ExperimentResult;
    const end = now();
    context.finishRun(run, (job) => doneFor(job, result, returned, end));
    void client.del(keys.result(runId)).catch(() => {});
  }

  function onFailed(runId: string, reason: string | undefined): void {
    const run = runs.get(runId);
    if (!run) return;
    // A job failed by BullMQ itself (stalled too often) never reached a worker that could release it.
    context.release(run.ref);
    const error = decodeFailure(reason);
    if (error.name === 'AbortError') context.finishRun(run, ended({ status: 'cancelled' }));
    else if (error.name === 'TimeoutError')
      context.finishRun(run, ended({ status: 'timeout', limitMs: config.timeLimitMs }));
    else context.finishRun(run, ended({ status: 'failed', error }));
  }

  const guarded = (what: string, work: () => Promise<void>) => {
    work().catch((error) => context.report(error, what));
  };
  const outage = oncePerOutage((error) => context.report(error, 'queue events'));
  let events: QueueEvents | undefined;
  /** Created once the command connection is up: a reader made while Redis is down could not be closed. */
  function listen(): QueueEvents {
    events ??= new QueueEvents(config.queueName, {
      connection: redisOptions(config.redisUrl, 'blocking', config.redisTimeoutMs),
      prefix: keys.prefix,
    });
    events.on('error', outage.error);
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
      const run = runs.get(jobId);
      if (run) context.finishRun(run, ended({ status: 'cancelled' }));
    });
    void events
      .waitUntilReady()
      .then((connection) => connection.on('ready', outage.recovered))
      .catch(() => undefined);
    return events;
  }
  const connected = new Promise<QueueEvents>((resolve) => {
    if (client.status === 'ready') resolve(listen());
    else client.once('ready', () => resolve(listen()));
  });

  return {
    ready: async () => {
      await (await connected).waitUntilReady();
    },
    async reconcile() {
      for (const run of [...runs.values()]) {
        if (!run.enqueued || run.state === 'finished') continue;
        const state = await queue.getJobState(run.id);
        if (state === 'completed') {
          const remote = await Job.fromId<QueueJobData, QueueJobReturn>(queue, run.id);
          await onCompleted(run.id, remote?.returnvalue);
        } else if (state === 'failed') {
          const remote = await Job.fromId(queue, run.id);
          onFailed(run.id, remote?.failedReason);
        } else if (state === 'unknown') {
          // Redis came back empty (restarted without persistence, or flushed): nothing ran to the end.
          context.release(run.ref);
          context.finishRun(run, ended({ status: 'lost' }));
        }
      }
    },
    close: async () => {
      await events?.disconnect().catch(() => undefined);
    },
  };
}
