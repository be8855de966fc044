import type { EngineRuns } from './engine-runs.js';
import type { JobBook } from './job-book.js';
import type { ResolvedJobConfig } from './job-config.js';
import { doneOutcome, type InProcessJob, userLoad } from './job-state.js';
import { queueFull, tooManyJobs } from './refusals.js';
import type { ResultCache } from './result-cache.js';
import { specKey } from './spec-key.js';
import type { JobHooks, JobOutcome, JobRequest, JobTicket, UserError } from './types.js';

/*
 * Admission and the waiting line of the in-process service: a request is answered from the cache,
 * starts (or joins an identical run) at once, waits in line, or is refused by a limit. Jobs leave
 * the line in order of arrival as engine slots free up, skipping users already at their running
 * limit, and every waiting job hears when its place in line changes.
 */

/** What the waiting line needs from the service around it. */
export interface WaitingLineOptions {
  /** The engine's backend, part of every spec key. */
  backend: string;
  book: JobBook<InProcessJob>;
  cache: ResultCache;
  runs: EngineRuns;
  limits: Pick<ResolvedJobConfig, 'maxQueued' | 'maxQueuedPerUser' | 'maxRunningPerUser'>;
  now: () => number;
  /** Gives a job its outcome (through the service, which also lets go of its run). */
  finish(job: InProcessJob, outcome: JobOutcome): void;
}

/** The jobs waiting for an engine slot, and the rules for joining and leaving the line. */
export interface WaitingLine {
  /** Jobs waiting. */
  readonly length: number;
  /**
   * Accepts or refuses a request, all in this turn of the event loop (no other submit
   * interleaves): a ticket answered from the cache, a new job (running or waiting), or a refusal.
   */
  admit(request: JobRequest, hooks: JobHooks): InProcessJob | JobTicket | UserError;
  /** Takes a job out of the line, if it is in it. */
  remove(job: InProcessJob): void;
  /** Starts what can start, in order of arrival, then tells waiting jobs their new places. */
  pump(): void;
}

/** Creates an empty waiting line. */
export function createWaitingLine(options: WaitingLineOptions): WaitingLine {
  const { book, cache, runs, limits } = options;
  const queue: InProcessJob[] = [];
  const remove = (job: InProcessJob) => {
    const index = queue.indexOf(job);
    if (index >= 0) queue.splice(index, 1);
  };
  const open = (request: JobRequest, key: string, hooks: JobHooks) =>
    book.open(request, hooks, { key, run: undefined });

  return {
    get length() {
      return queue.length;
    },
    remove,
    admit(request, hooks) {
      const key = specKey(request.spec, options.backend);
      const cached = cache.get(key);
      if (cached) return book.cachedTicket(request.user, cached);
      const load = userLoad(book.live.values(), request.user);
      if (load.running < limits.maxRunningPerUser && runs.hasRoomFor(key)) {
        const job = open(request, key, hooks);
        runs.take(job);
        return job;
      }
      if (load.queued >= limits.maxQueuedPerUser) return tooManyJobs(load.running, load.queued);
      if (queue.length >= limits.maxQueued) return queueFull(limits.maxQueued);
      const job = open(request, key, hooks);
      queue.push(job);
      job.position = queue.length;
      return job;
    },
    pump() {
      for (const job of [...queue]) {
        if (job.state !== 'queued') continue;
        // has() first: this job counted its miss when it was admitted; rechecking is not another.
        const cached = cache.has(job.key) ? cache.get(job.key) : undefined;
        if (cached) {
          job.startedAt = options.now();
          options.finish(job, doneOutcome(job, cached, true, options.now));
          continue;
        }
        const load = userLoad(book.live.values(), job.request.user);
        if (load.running >= limits.maxRunningPerUser || !runs.hasRoomFor(job.key)) continue;
        remove(job);
        runs.take(job);
      }
      announcePlaces(queue, book);
    },
  };
}

/** Tells every waiting job whose place in line changed (places count from 1). */
function announcePlaces(queue: readonly InProcessJob[], book: JobBook<InProcessJob>): void {
  queue.forEach((job, index) => {
    if (job.position === index + 1) return;
    job.position = index + 1;
    book.hook(job, 'onQueued', (hooks) => hooks.onQueued?.(index + 1));
  });
}
