import { Job, type Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { readJobProgress } from '../../bot/jobs/shared.js';
import type { JobHooks, JobOutcome, JobProgress } from '../../bot/jobs/types.js';
import type { ExperimentResult } from '../../engine/result.js';
import { oncePerOutage, redisOptions, withTimeout } from '../redis/client.js';
import type { QueueKeys } from '../redis/keys.js';
import type { JobRef } from '../redis/limits.js';
import { decodeFailure, type QueueJobData, type QueueJobReturn } from '../redis/protocol.js';
import type { ResolvedQueueConfig } from './config.js';
import type { RemoteRun, ReplicaJob } from './ledger.js';

/**
 * How long closing waits for the event reader's disconnect. BullMQ's disconnect waits for the
 * client's 'end', which a client between two reconnection attempts to a dead Redis never emits: the
 * disconnect itself (no more reconnecting) is done at once, and only the wait is cut short.
 */
const DISCONNECT_WAIT_MS = 250;

/*
 * Following a replica's runs: what the queue says about them becomes hook calls and outcomes. Two
 * sources feed it: BullMQ's event stream (prompt, but an event can be missed while Redis is away)
 * and a periodic reconciliation that asks Redis for the state of every run still waiting for an
 * answer (slow, but it catches missed events and runs lost with a Redis restart). Both may report
 * the same ending, so every handler reads the run's current state, and `finishRun` keeps only the
 * first ending: every request still gets exactly one outcome.
 */

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

/** The same outcome for every request of a run. */
const ended = (outcome: JobOutcome) => () => outcome;

/** Reads a progress payload from a worker: `{ started: true }` or a JobProgress (checked). */
function readProgress(data: unknown): { started: true } | JobProgress | undefined {
  if (typeof data === 'object' && data !== null && (data as { started?: unknown }).started === true)
    return { started: true };
  return readJobProgress(data);
}

/** A request's outcome when its run completed with `result`. */
function doneFor(job: ReplicaJob, result: ExperimentResult, returned: unknown, end: number): JobOutcome {
  const { cached, runMs } = (returned ?? {}) as Partial<QueueJobReturn>;
  const startedAt = job.startedAt ?? end;
  return {
    status: 'done',
    result,
    cached: cached === true,
    queuedMs: Math.max(0, startedAt - job.submittedAt),
    // A run whose start this replica never saw (events missed): the worker's own measure.
    runMs: job.startedAt === undefined && typeof runMs === 'number' ? runMs : end - startedAt,
  };
}

/** The run's first sign of life: its requests hear onStart, and a watchdog covers a vanished worker. */
function markStarted(context: FeedContext, run: RemoteRun): void {
  const { config } = context;
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

/** The run went back to waiting (its worker died, or it was handed back or held back). */
function backInLine(context: FeedContext, runId: string): void {
  const run = context.runs.get(runId);
  if (run?.state === 'running') {
    // Its worker died or handed it back: it waits for another worker.
    run.state = 'queued';
    clearTimeout(run.watchdog);
    for (const job of run.subscribers) job.state = 'queued';
  }
  context.lineChanged();
}

/** A worker's progress report: the run has started, and requests that want progress hear it. */
function onProgress(context: FeedContext, runId: string, data: unknown): void {
  const run = context.runs.get(runId);
  const progress = readProgress(data);
  if (!run || !progress || run.state === 'finished') return;
  markStarted(context, run);
  if ('started' in progress) return;
  for (const job of run.subscribers) {
    if (!job.hooks.onProgress || !job.mayReportProgress()) continue;
    context.hook(job, 'onProgress', (hooks) => hooks.onProgress?.(progress));
  }
}

/** The run completed: every request is answered from the result the worker left in Redis. */
async function onCompleted(context: FeedContext, runId: string, returned: unknown): Promise<void> {
  const { client, keys } = context;
  const run = context.runs.get(runId);
  if (!run) return;
  const json = await client.get(keys.result(runId));
  if (run.state === 'finished') return;
  if (json === null) {
    const message = 'the finished result expired before it could be read';
    context.finishRun(run, ended({ status: 'failed', error: { name: 'QueueError', message } }));
    return;
  }
  const result = JSON.parse(json) as ExperimentResult;
  const end = context.now();
  context.finishRun(run, (job) => doneFor(job, result, returned, end));
  void client.del(keys.result(runId)).catch(() => {});
}

/** The run failed for good: the error the worker encoded says how to answer. */
function onFailed(context: FeedContext, runId: string, reason: string | undefined): void {
  const run = context.runs.get(runId);
  if (!run) return;
  // A job failed by BullMQ itself (stalled too often) never reached a worker that could release it.
  context.release(run.ref);
  const error = decodeFailure(reason);
  if (error.name === 'AbortError') context.finishRun(run, ended({ status: 'cancelled' }));
  else if (error.name === 'TimeoutError')
    context.finishRun(run, ended({ status: 'timeout', limitMs: context.config.timeLimitMs }));
  else context.finishRun(run, ended({ status: 'failed', error }));
}

/** The run was removed from the queue (cancelled through another replica, or by hand). */
function onRemoved(context: FeedContext, runId: string): void {
  const run = context.runs.get(runId);
  if (run) context.finishRun(run, ended({ status: 'cancelled' }));
}

/** Reads the queue's event stream into the run event handlers. */
function readQueueEvents(context: FeedContext): QueueEvents {
  const { config, keys } = context;
  const events = new QueueEvents(config.queueName, {
    connection: redisOptions(config.redisUrl, 'blocking', config.redisTimeoutMs),
    prefix: keys.prefix,
  });
  const outage = oncePerOutage((error) => context.report(error, 'queue events'));
  events.on('error', outage.error);
  events.on('progress', ({ jobId, data }) => onProgress(context, jobId, data));
  events.on('active', () => context.lineChanged());
  events.on('waiting', ({ jobId }) => backInLine(context, jobId));
  events.on('delayed', ({ jobId }) => backInLine(context, jobId));
  events.on('stalled', ({ jobId }) => backInLine(context, jobId));
  events.on('completed', ({ jobId, returnvalue }) => {
    onCompleted(context, jobId, returnvalue).catch((error) => context.report(error, 'completed event'));
  });
  events.on('failed', ({ jobId, failedReason }) => onFailed(context, jobId, failedReason));
  events.on('removed', ({ jobId }) => onRemoved(context, jobId));
  void events
    .waitUntilReady()
    .then((connection) => connection.on('ready', outage.recovered))
    .catch(() => undefined);
  return events;
}

/** Asks Redis how each run still waiting for an answer stands, and settles those that ended. */
async function reconcileRuns(context: FeedContext): Promise<void> {
  const { queue } = context;
  for (const run of [...context.runs.values()]) {
    if (!run.enqueued || run.state === 'finished') continue;
    const state = await queue.getJobState(run.id);
    if (state === 'completed') {
      const remote = await Job.fromId<QueueJobData, QueueJobReturn>(queue, run.id);
      await onCompleted(context, run.id, remote?.returnvalue);
    } else if (state === 'failed') {
      const remote = await Job.fromId(queue, run.id);
      onFailed(context, run.id, remote?.failedReason);
    } else if (state === 'unknown') {
      // Redis came back empty (restarted without persistence, or flushed): nothing ran to the end.
      context.release(run.ref);
      context.finishRun(run, ended({ status: 'lost' }));
    }
  }
}

/** Starts reading the queue's events for the runs in `context.runs`, once Redis is connected. */
export function startJobFeed(context: FeedContext): JobFeed {
  const { client } = context;
  let events: QueueEvents | undefined;
  // Created once the command connection is up: a reader made while Redis is down could not be closed.
  const connected = new Promise<QueueEvents>((resolve) => {
    const listen = () => {
      events ??= readQueueEvents(context);
      resolve(events);
    };
    if (client.status === 'ready') listen();
    else client.once('ready', listen);
  });
  return {
    ready: async () => {
      await (await connected).waitUntilReady();
    },
    reconcile: () => reconcileRuns(context),
    close: async () => {
      if (!events) return;
      await withTimeout(events.disconnect(), DISCONNECT_WAIT_MS, 'closing the event reader').catch(
        () => undefined,
      );
    },
  };
}
