import type { ExperimentResult, Progress } from '../../engine/result.js';
import { describeError } from './describe-error.js';
import type { JobBook } from './job-book.js';
import { doneOutcome, type EngineRun, type InProcessJob } from './job-state.js';
import { toJobProgress } from './progress.js';
import type { ResultCache } from './result-cache.js';
import type { EngineLike, JobOutcome } from './types.js';

/*
 * The engine runs of the in-process service: starting them, letting identical requests join a run
 * in progress, aborting one nobody wants any more or that overran its time limit, and handing its
 * result or error to every job it served. A slot is held from start until the engine settles, even
 * after an abort, because an aborted engine may still be busy for a moment.
 */

/** What the engine runs need from the service around them. */
export interface EngineRunsOptions {
  engine: EngineLike;
  book: JobBook<InProcessJob>;
  cache: ResultCache;
  /** Engine runs at once. */
  concurrency: number;
  timeLimitMs: number;
  now: () => number;
  /** Gives a job its outcome (through the service, which also takes it out of the waiting line). */
  finish(job: InProcessJob, outcome: JobOutcome): void;
  /** A run ended or timed out: the waiting line looks again at who may start (or is cached now). */
  onRunEnded(): void;
}

/** The live engine runs and the engine slots they hold. */
export interface EngineRuns {
  /** Runs holding an engine slot (an aborted run holds one until the engine settles). */
  readonly size: number;
  /** True when `key` may run now: an identical run is in progress, or a slot is free. */
  hasRoomFor(key: string): boolean;
  /** Joins the job to the live run of its spec, or starts one; call only after hasRoomFor. */
  take(job: InProcessJob): void;
  /** Lets go of a job that has its outcome; a run left without jobs is aborted. */
  detach(job: InProcessJob): void;
  /** Resolves once every run has settled. */
  settled(): Promise<unknown>;
}

/** Creates the (empty) set of engine runs. */
export function createEngineRuns(options: EngineRunsOptions): EngineRuns {
  const { book, timeLimitMs } = options;
  const runs = new Map<EngineRun, Promise<void>>();
  /** The run each spec key may join: live runs only, so no one joins a run being torn down. */
  const liveRuns = new Map<string, EngineRun>();

  const timeOut = (run: EngineRun) => {
    if (!run.live) return;
    const subscribers = [...run.subscribers];
    abortRun(liveRuns, run, `exceeded the time limit of ${timeLimitMs} ms`);
    for (const job of subscribers) options.finish(job, { status: 'timeout', limitMs: timeLimitMs });
    options.onRunEnded();
  };
  const settle = (run: EngineRun, ended: RunEnding) => {
    runs.delete(run);
    closeToJoiners(liveRuns, run);
    // A run that finished despite an abort is still a correct result: keep it for the next asker.
    if ('result' in ended) options.cache.set(run.key, ended.result);
    for (const job of [...run.subscribers]) options.finish(job, runOutcome(job, ended, options.now));
    options.onRunEnded();
  };
  const start = (job: InProcessJob) => {
    const run = newRun(job.key);
    liveRuns.set(run.key, run);
    attach(book, job, run);
    run.timer = setTimeout(() => timeOut(run), timeLimitMs);
    const running = callEngine(options.engine, job, run, (progress) => fanOutProgress(book, run, progress));
    const settling = running.then(
      (result) => settle(run, { result }),
      (error: unknown) => settle(run, { error }),
    );
    runs.set(run, settling);
  };

  return {
    get size() {
      return runs.size;
    },
    hasRoomFor: (key) => liveRuns.has(key) || runs.size < options.concurrency,
    take(job) {
      const live = liveRuns.get(job.key);
      if (live) attach(book, job, live);
      else start(job);
    },
    detach(job) {
      const run = job.run;
      if (!run) return;
      run.subscribers.delete(job);
      if (run.live && run.subscribers.size === 0) abortRun(liveRuns, run, 'every requester cancelled');
    },
    settled: () => Promise.allSettled([...runs.values()]),
  };
}

/** How the engine call of a run ended. */
type RunEnding = { result: ExperimentResult } | { error: unknown };

function newRun(key: string): EngineRun {
  return { key, controller: new AbortController(), subscribers: new Set(), live: true, timer: undefined };
}

/** Makes the job one of the run's subscribers, now running. */
function attach(book: JobBook<InProcessJob>, job: InProcessJob, run: EngineRun): void {
  job.run = run;
  run.subscribers.add(job);
  book.markRunning(job);
}

/** Ends the run's life as a run to join and stops its timer (its engine slot is another matter). */
function closeToJoiners(liveRuns: Map<string, EngineRun>, run: EngineRun): void {
  run.live = false;
  if (liveRuns.get(run.key) === run) liveRuns.delete(run.key);
  clearTimeout(run.timer);
}

/** Asks the engine to stop the run; it keeps its slot until the engine settles. */
function abortRun(liveRuns: Map<string, EngineRun>, run: EngineRun, why: string): void {
  closeToJoiners(liveRuns, run);
  const reason = new Error(`job ${why}`);
  reason.name = 'AbortError';
  run.controller.abort(reason);
}

/** What one subscriber of a settled run is told. */
function runOutcome(job: InProcessJob, ended: RunEnding, now: () => number): JobOutcome {
  return 'result' in ended
    ? doneOutcome(job, ended.result, false, now)
    : { status: 'failed', error: describeError(ended.error) };
}

/** Starts the engine on the job's spec; an engine that throws instead of rejecting becomes a rejection. */
function callEngine(
  engine: EngineLike,
  job: InProcessJob,
  run: EngineRun,
  onProgress: (progress: Progress) => void,
): Promise<ExperimentResult> {
  try {
    return Promise.resolve(engine.run(job.request.spec, { onProgress, signal: run.controller.signal }));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Tells every job of the run about its progress, each at its own throttled pace. */
function fanOutProgress(book: JobBook<InProcessJob>, run: EngineRun, progress: Progress): void {
  const shown = toJobProgress(progress);
  if (!shown) return;
  for (const subscriber of run.subscribers) {
    if (!subscriber.hooks.onProgress || !subscriber.mayReportProgress()) continue;
    book.hook(subscriber, 'onProgress', (hooks) => hooks.onProgress?.(shown));
  }
}
