import { createEngineRuns } from './engine-runs.js';
import { createJobBook } from './job-book.js';
import { type JobServiceOptions, type ResolvedJobConfig, resolveJobConfig } from './job-config.js';
import type { InProcessJob } from './job-state.js';
import { shuttingDown } from './refusals.js';
import { createResultCache } from './result-cache.js';
import type { JobOutcome, JobPort } from './types.js';
import { createWaitingLine } from './waiting-line.js';

/*
 * The in-process job service. A *job* is one user's request; a *run* is one engine execution.
 * Usually they pair up, but a request identical to a run already in progress joins that run
 * instead of starting its own (a class typing the same demo costs one run), and a request whose
 * spec is cached gets the cached result without a run at all. The book keeps the jobs, the engine
 * runs own the engine, the waiting line decides who runs next; this module wires them together.
 */

/** Creates the in-process job service (see JobPort for the contract). */
export function createJobService(options: JobServiceOptions): JobPort {
  const config = resolveJobConfig(options);
  const { cache, book, runs, line, finish } = assembleParts(options, config);
  let closed = false;

  return {
    async submit(request, hooks = {}) {
      const answer = closed ? shuttingDown() : line.admit(request, hooks);
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
      line.pump();
      return 'cancelled';
    },

    position: (jobId) => book.live.get(jobId)?.position,

    snapshot: () => {
      const { progressIntervalMs: _, ...capacity } = config;
      return { running: runs.size, queued: line.length, capacity, ...book.view(), cache: cache.stats() };
    },

    drain: (limitMs) => book.drain(limitMs),

    async close() {
      closed = true;
      for (const job of [...book.live.values()]) finish(job, { status: 'cancelled' });
      await runs.settled();
    },
  };
}

/** Builds the service's parts; the runs and the line reach each other only through `finish` and the pump. */
function assembleParts(options: JobServiceOptions, config: ResolvedJobConfig) {
  const now = options.now ?? Date.now;
  const cache = createResultCache(options.cache);
  const book = createJobBook<InProcessJob>({
    now,
    progressIntervalMs: config.progressIntervalMs,
    onHookError: options.onHookError,
  });
  const runs = createEngineRuns({
    engine: options.engine,
    book,
    cache,
    concurrency: config.concurrency,
    timeLimitMs: config.timeLimitMs,
    now,
    finish,
    onRunEnded: () => line.pump(),
  });
  const line = createWaitingLine({
    backend: options.engine.backend,
    book,
    cache,
    runs,
    limits: config,
    now,
    finish,
  });

  /** The one way a job ends: out of the line, its outcome given once, its run let go. */
  function finish(job: InProcessJob, outcome: JobOutcome): void {
    line.remove(job);
    if (book.finish(job, outcome)) runs.detach(job);
  }

  return { cache, book, runs, line, finish };
}
