import { randomUUID } from 'node:crypto';
import type { ExperimentResult } from '../../engine/result.js';
import { createHookCaller } from './hook-caller.js';
import { type JobServiceOptions, resolveJobConfig } from './job-config.js';
import { type Job, newJob, type Run } from './job-state.js';
import { createProgressThrottle, toJobProgress } from './progress.js';
import { queueFull, shuttingDown, tooManyJobs } from './refusals.js';
import { createResultCache } from './result-cache.js';
import { specKey } from './spec-key.js';
import type { JobHooks, JobOutcome, JobRequest, JobService, JobTicket } from './types.js';
import { describeError, snapshotOf } from './view.js';

/*
 * The in-process job service. A *job* is one user's request; a *run* is one engine execution.
 * Usually they pair up, but a request identical to a run already in progress joins that run
 * instead of starting its own (a class typing the same demo costs one run), and a request whose
 * spec is cached gets the cached result without a run at all.
 */

/** Finished job ids remembered so that a late cancel can say 'already-finished'. */
const FINISHED_MEMORY = 1000;

/** Creates the in-process job service (see JobService for the contract). */
export function createJobService(options: JobServiceOptions): JobService {
  const config = resolveJobConfig(options);
  const { engine } = options;
  const now = options.now ?? Date.now;
  const cache = createResultCache(options.cache);
  const emit = createHookCaller(options.onHookError);
  const jobs = new Map<string, Job>();
  const queue: Job[] = [];
  /** Runs holding an engine slot, until the engine settles (an aborted run still holds one). */
  const runs = new Map<Run, Promise<void>>();
  const liveRuns = new Map<string, Run>();
  const finishedOwners = new Map<string, string>();
  let closed = false;

  const userLoad = (user: string) => {
    let running = 0;
    let queued = 0;
    for (const job of jobs.values()) {
      if (job.request.user !== user) continue;
      if (job.state === 'running') running += 1;
      else if (job.state === 'queued') queued += 1;
    }
    return { running, queued };
  };

  const removeFromQueue = (job: Job) => {
    const index = queue.indexOf(job);
    if (index >= 0) queue.splice(index, 1);
  };

  const doneOutcome = (job: Job, result: ExperimentResult, cached: boolean): JobOutcome => ({
    status: 'done',
    result,
    cached,
    queuedMs: job.startedAt - job.submittedAt,
    runMs: now() - job.startedAt,
  });

  function finish(job: Job, outcome: JobOutcome): void {
    if (job.state === 'finished') return;
    removeFromQueue(job);
    job.state = 'finished';
    jobs.delete(job.id);
    finishedOwners.set(job.id, job.request.user);
    for (const id of finishedOwners.keys()) {
      if (finishedOwners.size <= FINISHED_MEMORY) break;
      finishedOwners.delete(id);
    }
    const run = job.run;
    if (run) {
      run.subscribers.delete(job);
      if (run.live && run.subscribers.size === 0) abortRun(run, 'every requester cancelled');
    }
    job.resolve(outcome);
  }

  function abortRun(run: Run, why: string): void {
    run.live = false;
    if (liveRuns.get(run.key) === run) liveRuns.delete(run.key);
    clearTimeout(run.timer);
    const reason = new Error(`job ${why}`);
    reason.name = 'AbortError';
    run.controller.abort(reason);
  }

  function attach(job: Job, run: Run): void {
    removeFromQueue(job);
    job.state = 'running';
    job.startedAt = now();
    job.position = 0;
    job.run = run;
    run.subscribers.add(job);
    emit(job, 'onStart', (hooks) => hooks.onStart?.());
  }

  function startRun(job: Job): void {
    const run: Run = {
      key: job.key,
      controller: new AbortController(),
      subscribers: new Set(),
      live: true,
      timer: undefined,
    };
    liveRuns.set(run.key, run);
    attach(job, run);
    run.timer = setTimeout(() => timeOut(run), config.timeLimitMs);
    let running: Promise<ExperimentResult>;
    try {
      running = Promise.resolve(
        engine.run(job.request.spec, {
          onProgress: (progress) => {
            const shown = toJobProgress(progress);
            if (!shown) return;
            for (const subscriber of run.subscribers) {
              if (!subscriber.hooks.onProgress || !subscriber.mayReportProgress()) continue;
              emit(subscriber, 'onProgress', (hooks) => hooks.onProgress?.(shown));
            }
          },
          signal: run.controller.signal,
        }),
      );
    } catch (error) {
      running = Promise.reject(error);
    }
    runs.set(
      run,
      running.then(
        (result) => settle(run, { result }),
        (error: unknown) => settle(run, { error }),
      ),
    );
  }

  function timeOut(run: Run): void {
    if (!run.live) return;
    const subscribers = [...run.subscribers];
    abortRun(run, `exceeded the time limit of ${config.timeLimitMs} ms`);
    for (const job of subscribers) finish(job, { status: 'timeout', limitMs: config.timeLimitMs });
    pump();
  }

  function settle(run: Run, ended: { result: ExperimentResult } | { error: unknown }): void {
    runs.delete(run);
    if (liveRuns.get(run.key) === run) liveRuns.delete(run.key);
    run.live = false;
    clearTimeout(run.timer);
    // A run that finished despite an abort is still a correct result: keep it for the next asker.
    if ('result' in ended) cache.set(run.key, ended.result);
    for (const job of [...run.subscribers]) {
      finish(
        job,
        'result' in ended
          ? doneOutcome(job, ended.result, false)
          : { status: 'failed', error: describeError(ended.error) },
      );
    }
    pump();
  }

  /**
   * Starts what can start, in order of arrival, skipping users who already have a job running,
   * then tells every waiting job whose place in line changed.
   */
  function pump(): void {
    for (const job of [...queue]) {
      if (job.state !== 'queued') continue;
      const cached = cache.has(job.key) ? cache.get(job.key) : undefined;
      if (cached) {
        job.startedAt = now();
        finish(job, doneOutcome(job, cached, true));
        continue;
      }
      if (userLoad(job.request.user).running >= config.maxRunningPerUser) continue;
      const live = liveRuns.get(job.key);
      if (live) attach(job, live);
      else if (runs.size < config.concurrency) startRun(job);
    }
    queue.forEach((job, index) => {
      if (job.position === index + 1) return;
      job.position = index + 1;
      emit(job, 'onQueued', (hooks) => hooks.onQueued?.(index + 1));
    });
  }

  function createJob(request: JobRequest, key: string, hooks: JobHooks): Job {
    const job = newJob(request, key, hooks, now(), createProgressThrottle(config.progressIntervalMs, now));
    jobs.set(job.id, job);
    return job;
  }

  const ticketOf = (job: Job): JobTicket => ({
    id: job.id,
    position: job.position,
    cached: false,
    done: job.done,
  });

  return {
    submit(request, hooks = {}) {
      if (closed) return shuttingDown();
      const key = specKey(request.spec, engine.backend);
      const cached = cache.get(key);
      if (cached) {
        const id = randomUUID();
        finishedOwners.set(id, request.user);
        const outcome: JobOutcome = { status: 'done', result: cached, cached: true, queuedMs: 0, runMs: 0 };
        return { id, position: 0, cached: true, done: Promise.resolve(outcome) };
      }
      const load = userLoad(request.user);
      const mayRun = load.running < config.maxRunningPerUser;
      const live = liveRuns.get(key);
      if (mayRun && (live || runs.size < config.concurrency)) {
        const job = createJob(request, key, hooks);
        if (live) attach(job, live);
        else startRun(job);
        return ticketOf(job);
      }
      if (load.queued >= config.maxQueuedPerUser) return tooManyJobs(load.running, load.queued);
      if (queue.length >= config.maxQueued) return queueFull(config.maxQueued);
      const job = createJob(request, key, hooks);
      queue.push(job);
      job.position = queue.length;
      return ticketOf(job);
    },

    cancel(jobId, user) {
      const job = jobs.get(jobId);
      if (!job) {
        const owner = finishedOwners.get(jobId);
        if (owner === undefined) return 'not-found';
        return owner === user ? 'already-finished' : 'not-yours';
      }
      if (job.request.user !== user) return 'not-yours';
      finish(job, { status: 'cancelled' });
      pump();
      return 'cancelled';
    },

    position: (jobId) => jobs.get(jobId)?.position,

    snapshot: () => snapshotOf(jobs.values(), queue, runs.size, config, cache.stats()),

    async close() {
      closed = true;
      for (const job of [...jobs.values()]) finish(job, { status: 'cancelled' });
      await Promise.allSettled([...runs.values()]);
    },
  };
}
