import type { BackendName } from './result.js';
import type { UnitResult, WorkUnit } from './units.js';
import { abortError, PoolClosedError, TimeoutError, WorkerCrashError } from './worker/errors.js';
import { startWorker, type WorkerConfig, type WorkerHandle, type WorkMessage } from './worker/handle.js';
import { createJob, finish, type Job, reasonOf } from './worker/job.js';
import type { PoolOptions, PoolRunOptions, WorkerPool, WorkerStats } from './worker/pool-types.js';
import { fromWireError } from './worker/protocol.js';

export type { PoolOptions, PoolRunOptions, WorkerPool, WorkerStats } from './worker/pool-types.js';

/** A worker thread's place in the pool; its handle changes when the thread is replaced. */
interface Slot {
  handle: WorkerHandle;
  state: 'starting' | 'idle' | 'busy' | 'dead';
  /** The unit the worker is on; it may already be settled (cancelled) while the worker stops. */
  job: Job | undefined;
  timers: NodeJS.Timeout[];
  pendingStats: Map<number, { resolve: (stats: WorkerStats) => void; reject: (error: Error) => void }>;
}

const DEFAULT_ABORT_GRACE_MS = 2000;

/**
 * Starts `workers` engine threads and resolves once all have set up their backend. Units wait in
 * one FIFO queue; each idle worker takes the next. A cancelled or timed-out unit rejects at once;
 * its worker gets `abortGraceMs` to stop, or is replaced, as is a worker that crashes.
 */
export async function createWorkerPool(options: PoolOptions): Promise<WorkerPool> {
  const grace = options.abortGraceMs ?? DEFAULT_ABORT_GRACE_MS;
  const config: WorkerConfig = {
    backend: options.backend,
    faultInjection: options.faultInjection ?? false,
    maxHeapMb: options.maxHeapMb,
  };
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let replacements = 0;
  let closed = false;
  let broken: Error | undefined;

  const clearTimers = (slot: Slot): void => {
    for (const timer of slot.timers) clearTimeout(timer);
    slot.timers = [];
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      if (slot.state !== 'idle') continue;
      const job = queue.shift();
      if (!job) return;
      slot.state = 'busy';
      slot.job = job;
      const { id, unit, fault } = job;
      slot.handle.post({ type: 'run', id, unit, cancel: job.cancel.buffer, ...(fault && { fault }) });
      if (job.timeoutMs > 0) {
        const limit = `${job.timeoutMs / 1000} s`;
        const error = new TimeoutError(
          `a ${unit.kind} unit ran past the time limit of ${limit} and was stopped`,
        );
        slot.timers.push(setTimeout(() => stop(slot, job, error), job.timeoutMs));
      }
    }
  };

  /** Rejects a running job now and raises its cancel flag; a worker that does not stop is replaced. */
  const stop = (slot: Slot, job: Job, error: Error): void => {
    if (slot.job !== job || job.settled) return;
    finish(job, { error });
    Atomics.store(job.cancel, 0, 1);
    const hung = new WorkerCrashError(`engine worker did not stop within ${grace} ms of a cancel`);
    slot.timers.push(setTimeout(() => slot.job === job && replace(slot, hung), grace));
  };

  /** A cancelled unit leaves the queue, or is stopped on its worker. */
  const onAbort = (job: Job, error: Error): void => {
    const queued = queue.indexOf(job);
    if (queued >= 0) {
      queue.splice(queued, 1);
      finish(job, { error });
    }
    const slot = slots.find((s) => s.job === job);
    if (slot) stop(slot, job, error);
  };

  const onMessage = (slot: Slot, message: WorkMessage): void => {
    const job = slot.job;
    if (message.type === 'stats') {
      const { id, numTensors, numBytes } = message;
      slot.pendingStats.get(id)?.resolve({ threadId: slot.handle.threadId, numTensors, numBytes });
      slot.pendingStats.delete(id);
    } else if (!job || job.id !== message.id) {
      return; // an answer about a unit this slot no longer tracks
    } else if (message.type === 'progress') {
      if (job.settled) return;
      try {
        job.onProgress?.(message.progress);
      } catch (error) {
        stop(slot, job, error instanceof Error ? error : new Error(String(error)));
      }
    } else {
      finish(
        job,
        message.type === 'result' ? { result: message.result } : { error: fromWireError(message.error) },
      );
      clearTimers(slot);
      slot.job = undefined;
      slot.state = 'idle';
      dispatch();
    }
  };

  const failPending = (slot: Slot, error: Error): void => {
    clearTimers(slot);
    if (slot.job) finish(slot.job, { error });
    slot.job = undefined;
    for (const pending of slot.pendingStats.values()) pending.reject(error);
    slot.pendingStats.clear();
  };

  const launch = (slot: Slot): void => {
    const handle = startWorker(config, {
      message: (message) => onMessage(slot, message),
      crash: (error) => replace(slot, error),
    });
    slot.handle = handle;
    slot.state = 'starting';
    handle.ready.then(
      () => {
        if (slot.handle !== handle || closed) return;
        slot.state = 'idle';
        dispatch();
      },
      (error: Error) => {
        if (slot.handle !== handle || closed) return;
        slot.state = 'dead';
        if (slots.every((s) => s.state === 'dead')) {
          broken = error;
          for (const job of queue.splice(0)) finish(job, { error });
        }
      },
    );
  };

  /** Swaps a crashed or hung worker for a fresh one; its unit, if still pending, gets `error`. */
  const replace = (slot: Slot, error: Error): void => {
    if (closed) return;
    failPending(slot, error);
    void slot.handle.terminate();
    replacements++;
    launch(slot);
  };

  for (let i = 0; i < Math.max(1, options.workers); i++) {
    const slot = { state: 'starting', job: undefined, timers: [], pendingStats: new Map() } as Omit<
      Slot,
      'handle'
    >;
    launch(slot as Slot); // sets slot.handle
    slots.push(slot as Slot);
  }

  let backend: BackendName;
  try {
    [backend] = (await Promise.all(slots.map((slot) => slot.handle.ready))) as [BackendName];
  } catch (error) {
    closed = true;
    await Promise.all(slots.map((slot) => slot.handle.terminate()));
    throw error;
  }
  // Replacements start the backend the pool already reported, never a different `auto` pick.
  config.backend = backend;

  const execute = (unit: WorkUnit, runOptions: PoolRunOptions = {}): Promise<UnitResult> =>
    new Promise<UnitResult>((resolve, reject) => {
      if (closed) return reject(new PoolClosedError('the engine pool is closed'));
      if (broken) return reject(broken);
      if (runOptions.signal?.aborted) return reject(abortError(reasonOf(runOptions.signal)));
      if (runOptions.fault && !config.faultInjection) {
        return reject(new Error('fault injection is off: create the pool with faultInjection: true'));
      }
      queue.push(createJob(nextId++, unit, runOptions, options.unitTimeoutMs, { resolve, reject }, onAbort));
      dispatch();
    });

  const askStats = async (slot: Slot): Promise<WorkerStats> => {
    const handle = slot.handle;
    await handle.ready;
    if (slot.handle !== handle)
      throw new WorkerCrashError('engine worker was replaced while asked for stats');
    const id = nextId++;
    return new Promise<WorkerStats>((resolve, reject) => {
      slot.pendingStats.set(id, { resolve, reject });
      handle.post({ type: 'stats', id });
    });
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    const error = new PoolClosedError('the engine pool was closed');
    for (const job of queue.splice(0)) finish(job, { error });
    for (const slot of slots) {
      if (slot.job) Atomics.store(slot.job.cancel, 0, 1);
      failPending(slot, error);
    }
    await Promise.all(slots.map((slot) => slot.handle.terminate()));
  };

  return {
    backend,
    get replacements() {
      return replacements;
    },
    execute: execute as WorkerPool['execute'],
    stats: () => Promise.all(slots.filter((slot) => slot.state !== 'dead').map(askStats)),
    close,
  };
}
