import { createJobBook, queueUnavailable, shuttingDown } from '../bot/jobs/shared.js';
import type { JobOutcome } from '../bot/jobs/types.js';
import { createJobLimits, type JobRef } from './admission.js';
import { createCanceller } from './cancellation.js';
import { startJobFeed } from './job-feed.js';
import { queueKeys } from './keys.js';
import { refreshPlaces } from './positions.js';
import { openQueueConnection } from './queue-connection.js';
import { createQueueView } from './queue-view.js';
import { whenReady } from './redis.js';
import type { RemoteRun, ReplicaJob } from './replica-jobs.js';
import { type QueueJobService, type QueueJobServiceOptions, resolveQueueConfig } from './service-config.js';
import { createSharedCache } from './shared-cache.js';
import { type Attempt, createSubmitter } from './submit.js';
import { withTimeout } from './time.js';

export type { QueueJobService, QueueJobServiceOptions } from './service-config.js';

/*
 * The job service of one bot replica when REDIS_URL is set: jobs go onto a BullMQ queue and
 * `npm run worker` processes run them. Limits and the result cache live in Redis, so they hold over
 * every replica. This replica keeps a local view of the requests it took (their hooks, promises and
 * places in line), which is what `position` and `snapshot` answer from without a round trip.
 */

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LINE_REFRESH_MS = 100;

/** Creates the service; it connects in the background (see `ready`). */
export function createQueueJobService(options: QueueJobServiceOptions): QueueJobService {
  const config = resolveQueueConfig(options);
  const now = options.now ?? Date.now;
  const keys = queueKeys(config.queueName);
  const report = (error: unknown, context: string) => {
    try {
      options.onError?.(error, context);
    } catch {
      // The reporter failed; nothing else to tell.
    }
  };
  const { client, queue, connected } = openQueueConnection(
    config.redisUrl,
    keys,
    config.redisTimeoutMs,
    report,
  );
  const limits = createJobLimits(client, keys, now);
  const cache = createSharedCache(client, keys, options.cache, now);
  const book = createJobBook<ReplicaJob>({
    now,
    progressIntervalMs: config.progressIntervalMs,
    onHookError: options.onHookError,
  });
  const runs = new Map<string, RemoteRun>();
  const byKey = new Map<string, RemoteRun>();
  const view = createQueueView(client, keys, limits, cache, now);
  let closed = false;

  const release = (ref: JobRef) => {
    if (connected()) limits.release(ref).catch((error) => report(error, 'release'));
  };
  const canceller = createCanceller(client, queue, keys, limits, config.timeLimitMs + config.liveTtlMs);
  /** Cancels still on their way to Redis: close waits for them before dropping the connection. */
  const cancelling = new Set<Promise<void>>();
  const cancelRemote = (ref: JobRef) => {
    const sent = canceller.cancel(ref);
    cancelling.add(sent);
    void sent.catch(() => undefined).finally(() => cancelling.delete(sent));
    return sent;
  };

  function forgetRun(run: RemoteRun): void {
    run.state = 'finished';
    clearTimeout(run.watchdog);
    runs.delete(run.id);
    if (byKey.get(run.key) === run) byKey.delete(run.key);
  }

  /** Answers one request; a joiner's own slot is freed here (the worker frees the run's). */
  function finishJob(job: ReplicaJob, outcome: JobOutcome): boolean {
    if (!book.finish(job, outcome)) return false;
    job.run.subscribers.delete(job);
    if (job.ref !== job.run.ref) release(job.ref);
    lineChanged();
    return true;
  }

  /** A request leaves its run; the last one to leave takes the run off the queue. */
  function leave(job: ReplicaJob, outcome: JobOutcome): void {
    if (!finishJob(job, outcome)) return;
    const { run } = job;
    if (run.subscribers.size > 0 || run.state === 'finished') return;
    forgetRun(run);
    if (run.enqueued) cancelRemote(run.ref).catch((error) => report(error, 'cancel'));
  }

  let lineTimer: ReturnType<typeof setTimeout> | undefined;
  function lineChanged(): void {
    if (lineTimer || closed) return;
    lineTimer = setTimeout(() => {
      lineTimer = undefined;
      if (!connected()) return;
      const moved = (job: ReplicaJob, place: number) =>
        book.hook(job, 'onQueued', (hooks) => hooks.onQueued?.(place));
      refreshPlaces(client, keys, runs.values(), moved).catch((error) => report(error, 'place in line'));
      view.refresh().catch((error) => report(error, 'queue counts'));
    }, LINE_REFRESH_MS);
    lineTimer.unref?.();
  }

  const feed = startJobFeed({
    runs,
    client,
    queue,
    keys,
    config,
    now,
    finishRun(run, outcomeOf) {
      forgetRun(run);
      for (const job of [...run.subscribers]) finishJob(job, outcomeOf(job));
    },
    started(run) {
      for (const job of run.subscribers) book.markRunning(job);
    },
    hook: book.hook,
    cancelRemote,
    release,
    report,
    lineChanged,
  });

  const ticker = setInterval(() => {
    if (!connected() || closed) return;
    const refs = [...book.live.values()].map((job) => job.ref);
    Promise.all([limits.renew(refs, undefined, config.liveTtlMs), feed.reconcile(), view.refresh()]).catch(
      (error) => report(error, 'reconcile'),
    );
  }, config.reconcileMs);
  ticker.unref?.();

  const enqueue = createSubmitter({
    client,
    queue,
    keys,
    config,
    limits,
    cache,
    view,
    book,
    runs,
    byKey,
    backendHint: options.backendHint,
    leave,
    release,
    cancelRemote,
  });

  return {
    async submit(request, hooks = {}) {
      if (closed) return shuttingDown();
      if (!connected()) return queueUnavailable();
      const attempt: Attempt = { abandoned: false };
      try {
        const answer = await withTimeout(
          enqueue(request, hooks, attempt),
          config.redisTimeoutMs,
          'queueing a job',
        );
        // Only an abandoned attempt has no answer, and this one was not abandoned.
        return answer ?? queueUnavailable();
      } catch (error) {
        attempt.abandoned = true;
        report(error, 'submit');
        return queueUnavailable();
      }
    },

    async cancel(jobId, user) {
      const target = book.cancelTarget(jobId, user);
      if (typeof target === 'string') return target;
      if (target) {
        leave(target.record, { status: 'cancelled' });
        return 'cancelled';
      }
      if (!JOB_ID.test(jobId) || !connected()) return 'not-found';
      try {
        return await withTimeout(
          canceller.cancelElsewhere(jobId, user),
          config.redisTimeoutMs,
          'cancelling a job',
        );
      } catch (error) {
        report(error, 'cancel');
        return 'not-found';
      }
    },

    position: (jobId) => book.live.get(jobId)?.position,

    snapshot: () => view.snapshot(book.view(), config),

    async ready(timeoutMs = 10_000) {
      await withTimeout(
        Promise.all([whenReady(client, timeoutMs), feed.ready()]),
        timeoutMs,
        'connecting to Redis',
      );
      await view.refresh();
    },

    async ping() {
      if (!connected()) return false;
      try {
        return (await withTimeout(client.ping(), config.redisTimeoutMs, 'PING')) === 'PONG';
      } catch {
        return false;
      }
    },

    backend: () => view.describe(),

    drain: (limitMs) => book.drain(limitMs),

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      clearTimeout(lineTimer);
      const enqueued = [...runs.values()].filter((run) => run.enqueued).map((run) => run.ref);
      for (const job of [...book.live.values()]) leave(job, { status: 'cancelled' });
      const quiet = <T>(what: string, promise: Promise<T>) =>
        withTimeout(promise, config.redisTimeoutMs, what).catch(() => undefined);
      if (connected()) {
        enqueued.forEach(cancelRemote);
        await quiet('cancel on close', Promise.allSettled([...cancelling]));
      }
      await Promise.all([feed.close(), quiet('closing queue', queue.close())]);
      // The queue shares this connection; dropping it also ends any reconnection loop of a dead Redis.
      client.disconnect();
    },
  };
}
