import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobHooks, JobOutcome } from '../bot/jobs/types.js';
import type { ExperimentResult } from '../engine/result.js';
import type { JobRef } from './admission.js';
import { doneFor, readProgress } from './feed-messages.js';
import type { QueueKeys } from './keys.js';
import { decodeFailure, type QueueJobData, type QueueJobReturn } from './protocol.js';
import type { RemoteRun, ReplicaJob } from './replica-jobs.js';
import type { ResolvedQueueConfig } from './service-config.js';

/*
 * What each queue event means for a replica's run. The same ending may arrive twice (an event and
 * the reconciliation that looks for missed ones), so every handler reads the run's current state,
 * and `finishRun` keeps only the first ending.
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

/** The same outcome for every request of a run. */
export const ended = (outcome: JobOutcome) => () => outcome;

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
export function backInLine(context: FeedContext, runId: string): void {
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
export function onProgress(context: FeedContext, runId: string, data: unknown): void {
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
export async function onCompleted(context: FeedContext, runId: string, returned: unknown): Promise<void> {
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
export function onFailed(context: FeedContext, runId: string, reason: string | undefined): void {
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
export function onRemoved(context: FeedContext, runId: string): void {
  const run = context.runs.get(runId);
  if (run) context.finishRun(run, ended({ status: 'cancelled' }));
}
