import { randomUUID } from 'node:crypto';
import type { UserError } from '../bot/errors.js';
import { createHookCaller } from '../bot/jobs/hook-caller.js';
import { queueFull, shuttingDown, tooManyJobs } from '../bot/jobs/refusals.js';
import { specKey } from '../bot/jobs/spec-key.js';
import type { JobHooks, JobOutcome, JobRequest, JobTicket } from '../bot/jobs/types.js';
import type { ExperimentResult } from '../engine/result.js';
import { createJobLimits, type JobRef } from './admission.js';
import { createCanceller } from './cancellation.js';
import { startJobFeed } from './job-feed.js';
import { queueKeys } from './keys.js';
import { createFinishedOwners, type LocalJob, newLocalJob } from './local-jobs.js';
import { placesInLine, refreshPlaces } from './positions.js';
import { JOB_NAME, type QueueJobData } from './protocol.js';
import { openQueueConnection } from './queue-connection.js';
import { createQueueView } from './queue-view.js';
import { whenReady } from './redis.js';
import { queueUnavailable } from './refusals.js';
import { type QueueJobService, type QueueJobServiceOptions, resolveQueueConfig } from './service-config.js';

export type { QueueJobService, QueueJobServiceOptions } from './service-config.js';

import { createSharedCache } from './shared-cache.js';
import { settledWithin, withTimeout } from './time.js';

/*
 * The job service of one bot replica when REDIS_URL is set: jobs go onto a BullMQ queue and
 * `npm run worker` processes run them. Limits and the result cache live in Redis, so they hold over
 * every replica. This replica keeps a local view of the jobs it submitted (their hooks, promises and
 * places in line), which is what `position` and `snapshot` answer from without a round trip.
 */

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BACKENDS = ['tensorflow', 'wasm', 'cpu'];
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
  const emit = createHookCaller(options.onHookError);
  const jobs = new Map<string, LocalJob>();
  const finished = createFinishedOwners();
  const view = createQueueView(client, keys, limits, cache, now);
  let closed = false;
  const refOf = (job: LocalJob): JobRef => ({ jobId: job.id, user: job.request.user });

  function finish(job: LocalJob, outcome: JobOutcome): void {
    if (job.state === 'finished') return;
    job.state = 'finished';
    clearTimeout(job.watchdog);
    jobs.delete(job.id);
    finished.remember(job.id, job.request.user);
    job.openGate();
    job.resolve(outcome);
    lineChanged();
  }

  const hook = (job: LocalJob, name: keyof JobHooks, call: (hooks: JobHooks) => unknown) => {
    void job.gate.then(() => emit(job, name, call));
  };
  const release = (ref: JobRef) => {
    if (connected()) limits.release(ref).catch((error) => report(error, 'release'));
  };

  const canceller = createCanceller(client, queue, keys, limits, config.timeLimitMs + config.liveTtlMs);
  const cancelRemote = canceller.cancel;

  let lineTimer: ReturnType<typeof setTimeout> | undefined;
  function lineChanged(): void {
    if (lineTimer || closed) return;
    lineTimer = setTimeout(() => {
      lineTimer = undefined;
      if (!connected()) return;
      const moved = (job: LocalJob, place: number) =>
        hook(job, 'onQueued', (hooks) => hooks.onQueued?.(place));
      refreshPlaces(client, keys, jobs.values(), moved).catch((error) => report(error, 'place in line'));
      view.refresh().catch((error) => report(error, 'queue counts'));
    }, LINE_REFRESH_MS);
    lineTimer.unref?.();
  }

  const feed = startJobFeed({
    jobs,
    client,
    queue,
    keys,
    config,
    now,
    finish,
    hook,
    cancelRemote,
    release,
    report,
    lineChanged,
  });

  const ticker = setInterval(() => {
    if (!connected() || closed) return;
    const local = [...jobs.values()];
    Promise.all([
      limits.renew(local.map(refOf), undefined, config.liveTtlMs),
      feed.reconcile(),
      view.refresh(),
    ]).catch((error) => report(error, 'reconcile'));
  }, config.reconcileMs);
  ticker.unref?.();

  function lookupKeys(request: JobRequest): string[] {
    const preferred = [options.backendHint, ...view.backends(), ...BACKENDS];
    const backends = [...new Set(preferred)].filter((b): b is string => !!b && BACKENDS.includes(b));
    return backends.map((backend) => specKey(request.spec, backend));
  }

  async function enqueue(
    request: JobRequest,
    hooks: JobHooks,
    attempt: { abandoned: boolean },
  ): Promise<UserError | JobTicket> {
    const cachedJson = await cache.lookup(lookupKeys(request));
    if (cachedJson !== undefined) {
      const id = randomUUID();
      finished.remember(id, request.user);
      const result = JSON.parse(cachedJson) as ExperimentResult;
      const outcome: JobOutcome = { status: 'done', result, cached: true, queuedMs: 0, runMs: 0 };
      return { id, position: 0, cached: true, done: Promise.resolve(outcome) };
    }
    const ref: JobRef = { jobId: randomUUID(), user: request.user };
    const admission = await limits.admit(ref, config, config.liveTtlMs, view.capacity());
    if (!admission.ok) {
      return admission.code === 'queue-full'
        ? queueFull(config.maxQueued)
        : tooManyJobs(admission.running, admission.queued);
    }
    const job = newLocalJob(ref.jobId, request, hooks, now(), config.progressIntervalMs, now);
    // Registered before the job exists in Redis, so that no early event about it goes unheard.
    jobs.set(job.id, job);
    const data: QueueJobData = {
      user: request.user,
      conversation: request.conversation,
      spec: request.spec,
      timeLimitMs: config.timeLimitMs,
      maxRunningPerUser: config.maxRunningPerUser,
      ...(request.label !== undefined && { label: request.label }),
    };
    try {
      await queue.add(JOB_NAME, data, {
        jobId: job.id,
        attempts: config.attempts,
        removeOnComplete: { age: 3600, count: 1000 },
        removeOnFail: { age: 24 * 3600, count: 1000 },
      });
    } catch (error) {
      jobs.delete(job.id);
      release(ref);
      throw error;
    }
    job.enqueued = true;
    const [place] = await placesInLine(client, keys, [job.id]).catch(() => [0]);
    if (job.state === 'queued' && place) job.position = place;
    if (attempt.abandoned) {
      // The caller was already told the queue is unavailable: take the job back.
      finish(job, { status: 'cancelled' });
      await cancelRemote(ref);
    }
    setImmediate(job.openGate);
    return {
      id: job.id,
      position: job.state === 'running' ? 0 : job.position,
      cached: false,
      done: job.done,
    };
  }

  return {
    async submit(request, hooks = {}) {
      if (closed) return shuttingDown();
      if (!connected()) return queueUnavailable();
      const attempt = { abandoned: false };
      try {
        return await withTimeout(enqueue(request, hooks, attempt), config.redisTimeoutMs, 'queueing a job');
      } catch (error) {
        attempt.abandoned = true;
        report(error, 'submit');
        return queueUnavailable();
      }
    },

    async cancel(jobId, user) {
      const job = jobs.get(jobId);
      if (job) {
        if (job.request.user !== user) return 'not-yours';
        finish(job, { status: 'cancelled' });
        if (job.enqueued) cancelRemote(refOf(job)).catch((error) => report(error, 'cancel'));
        return 'cancelled';
      }
      const owner = finished.ownerOf(jobId);
      if (owner !== undefined) return owner === user ? 'already-finished' : 'not-yours';
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

    position: (jobId) => jobs.get(jobId)?.position,

    snapshot: () => view.snapshot(jobs.values(), config),

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

    async drain(limitMs) {
      await settledWithin(Promise.allSettled([...jobs.values()].map((job) => job.done)), limitMs);
    },

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      clearTimeout(lineTimer);
      const local = [...jobs.values()];
      for (const job of local) finish(job, { status: 'cancelled' });
      const enqueued = local.filter((job) => job.enqueued).map(refOf);
      const quiet = <T>(what: string, promise: Promise<T>) =>
        withTimeout(promise, config.redisTimeoutMs, what).catch(() => undefined);
      if (connected()) await quiet('cancel on close', Promise.allSettled(enqueued.map(cancelRemote)));
      await Promise.all([feed.close(), quiet('closing queue', queue.close())]);
      // A dead Redis leaves the queue's close waiting on reconnection: cut it, or the process stays.
      await queue.disconnect().catch(() => undefined);
      client.disconnect();
    },
  };
}
