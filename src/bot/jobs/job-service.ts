import type { ExperimentResult } from '../../engine/result.js';
import { describeError } from './describe-error.js';
import { type JobServiceOptions, resolveJobConfig } from './job-config.js';
import { createJobBook } from './job-record.js';
import type { EngineRun, InProcessJob } from './job-state.js';
import { toJobProgress } from './progress.js';
import { queueFull, shuttingDown, tooManyJobs } from './refusals.js';
import { createResultCache } from './result-cache.js';
import { specKey } from './spec-key.js';
import type { JobHooks, JobOutcome, JobPort, JobRequest } from './types.js';

/*
 * The in-process job service. A *job* is one user's request; a *run* is one engine execution.
 * Usually they pair up, but a request identical to a run already in progress joins that run
 * instead of starting its own (a class typing the same demo costs one run), and a request whose
 * spec is cached gets the cached result without a run at all.
 */

/** Creates the in-process job service (see JobPort for the contract). */
export function createJobService(options: JobServiceOptions): JobPort {
  const config = resolveJobConfig(options);
  const { engine } = options;
  const now = options.now ?? Date.now;
  const cache = createResultCache(options.cache);
  const book = createJobBook<InProcessJob>({
    now,
    progressIntervalMs: config.progressIntervalMs,
    onHookError: options.onHookError,
  });
  const jobs = book.live;
  const queue: InProcessJob[] = [];
  /** Runs holding an engine slot, until the engine settles (an aborted run still holds one). */
  const runs = new Map<EngineRun, Promise<void>>();
  const liveRuns = new Map<string, EngineRun>();
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

  const removeFromQueue = (job: InProcessJob) => {
    const index = queue.indexOf(job);
    if (index >= 0) queue.splice(index, 1);
  };

  const doneOutcome = (job: InProcessJob, result: ExperimentResult, cached: boolean): JobOutcome => {
    const startedAt = job.startedAt ?? now();
    return {
      status: 'done',
      result,
      cached,
      queuedMs: startedAt - job.submittedAt,
      runMs: now() - startedAt,
    };
  };

  function finish(job: InProcessJob, outcome: JobOutcome): void {
    removeFromQueue(job);
    if (!book.finish(job, outcome)) return;
    const run = job.run;
    if (run) {
      run.subscribers.delete(job);
      if (run.live && run.subscribers.size === 0) abortRun(run, 'every requester cancelled');
    }
  }

  function abortRun(run: EngineRun, why: string): void {
    run.live = false;
    if (liveRuns.get(run.key) === run) liveRuns.delete(run.key);
    clearTimeout(run.timer);
    const reason = new Error(`job ${why}`);
    reason.name = 'AbortError';
    run.controller.abort(reason);
  }

  function attach(job: InProcessJob, run: EngineRun): void {
    removeFromQueue(job);
    job.run = run;
    run.subscribers.add(job);
    book.markRunning(job);
  }

  function startRun(job: InProcessJob): void {
    const run: EngineRun = {
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
              book.hook(subscriber, 'onProgress', (hooks) => hooks.onProgress?.(shown));
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

  function timeOut(run: EngineRun): void {
    if (!run.live) return;
    const subscribers = [...run.subscribers];
    abortRun(run, `exceeded the time limit of ${config.timeLimitMs} ms`);
    for (const job of subscribers) finish(job, { status: 'timeout', limitMs: config.timeLimitMs });
    pump();
  }

  function settle(run: EngineRun, ended: { result: ExperimentResult } | { error: unknown }): void {
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
      book.hook(job, 'onQueued', (hooks) => hooks.onQueued?.(index + 1));
    });
  }

  const createJob = (request: JobRequest, key: string, hooks: JobHooks) =>
    book.open(request, hooks, { key, run: undefined });

  /** Accepts or refuses a request, all in this turn of the event loop (no other submit interleaves). */
  function admit(request: JobRequest, hooks: JobHooks) {
    if (closed) return shuttingDown();
    const key = specKey(request.spec, engine.backend);
    const cached = cache.get(key);
    if (cached) return book.cachedTicket(request.user, cached);
    const load = userLoad(request.user);
    const mayRun = load.running < config.maxRunningPerUser;
    const live = liveRuns.get(key);
    if (mayRun && (live || runs.size < config.concurrency)) {
      const job = createJob(request, key, hooks);
      if (live) attach(job, live);
      else startRun(job);
      return job;
    }
    if (load.queued >= config.maxQueuedPerUser) return tooManyJobs(load.running, load.queued);
    if (queue.length >= config.maxQueued) return queueFull(config.maxQueued);
    const job = createJob(request, key, hooks);
    queue.push(job);
    job.position = queue.length;
    return job;
  }

  return {
    async submit(request, hooks = {}) {
      const answer = admit(request, hooks);
      if (!('request' in answer)) return answer;
      // Hooks wait until the caller holds its ticket (it resumes before the next macrotask).
      setImmediate(answer.openGate);
      return book.ticketOf(answer);
    },

    async cancel(jobId, user) {
      const target = book.cancelTarget(jobId, user);
      if (target === undefined) return 'not-found';
      if (typeof target === 'string') return target;
      finish(target.record, { status: 'cancelled' });
      pump();
      return 'cancelled';
    },

    position: (jobId) => jobs.get(jobId)?.position,

    snapshot: () => {
      const { progressIntervalMs: _, ...capacity } = config;
      return { running: runs.size, queued: queue.length, capacity, ...book.view(), cache: cache.stats() };
    },

    drain: (limitMs) => book.drain(limitMs),

    async close() {
      closed = true;
      for (const job of [...jobs.values()]) finish(job, { status: 'cancelled' });
      await Promise.allSettled([...runs.values()]);
    },
  };
}
