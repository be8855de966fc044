import { TimeoutError, WorkerCrashError } from './errors.js';
import { startWorker, type WorkMessage } from './handle.js';
import { finish, type Job } from './job.js';
import { clearTimers, failPending, type PoolState, type Slot } from './pool-state.js';
import { fromWireError } from './protocol.js';

/*
 * How a pool moves units onto its threads: idle workers take queued units in order, a cancelled
 * or timed-out unit is stopped, and a crashed or hung worker is swapped for a fresh one.
 */

/** Hands queued units, oldest first, to idle workers, arming each unit's time limit. */
export function dispatch(pool: PoolState): void {
  for (const slot of pool.slots) {
    if (slot.state !== 'idle') continue;
    const job = pool.queue.shift();
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
      slot.timers.push(setTimeout(() => stop(pool, slot, job, error), job.timeoutMs));
    }
  }
}

/** Rejects a running job now and raises its cancel flag; a worker that does not stop is replaced. */
function stop(pool: PoolState, slot: Slot, job: Job, error: Error): void {
  if (slot.job !== job || job.settled) return;
  finish(job, { error });
  Atomics.store(job.cancel, 0, 1);
  const hung = new WorkerCrashError(`engine worker did not stop within ${pool.graceMs} ms of a cancel`);
  slot.timers.push(setTimeout(() => slot.job === job && replace(pool, slot, hung), pool.graceMs));
}

/** A cancelled unit leaves the queue, or is stopped on its worker. */
export function abortJob(pool: PoolState, job: Job, error: Error): void {
  const queued = pool.queue.indexOf(job);
  if (queued >= 0) {
    pool.queue.splice(queued, 1);
    finish(job, { error });
  }
  const slot = pool.slots.find((s) => s.job === job);
  if (slot) stop(pool, slot, job, error);
}

function onMessage(pool: PoolState, slot: Slot, message: WorkMessage): void {
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
      stop(pool, slot, job, error instanceof Error ? error : new Error(String(error)));
    }
  } else {
    finish(
      job,
      message.type === 'result' ? { result: message.result } : { error: fromWireError(message.error) },
    );
    clearTimers(slot);
    slot.job = undefined;
    slot.state = 'idle';
    dispatch(pool);
  }
}

/** Starts the slot's thread; once it is ready it takes units, and if every thread fails the pool breaks. */
export function launch(pool: PoolState, slot: Slot): void {
  const handle = startWorker(pool.config, {
    message: (message) => onMessage(pool, slot, message),
    crash: (error) => replace(pool, slot, error),
  });
  slot.handle = handle;
  slot.state = 'starting';
  handle.ready.then(
    () => {
      if (slot.handle !== handle || pool.closed) return;
      slot.state = 'idle';
      dispatch(pool);
    },
    (error: Error) => {
      if (slot.handle !== handle || pool.closed) return;
      slot.state = 'dead';
      if (pool.slots.every((s) => s.state === 'dead')) {
        pool.broken = error;
        for (const job of pool.queue.splice(0)) finish(job, { error });
      }
    },
  );
}

/** Swaps a crashed or hung worker for a fresh one; its unit, if still pending, gets `error`. */
function replace(pool: PoolState, slot: Slot, error: Error): void {
  if (pool.closed) return;
  failPending(slot, error);
  void slot.handle.terminate();
  pool.replacements++;
  launch(pool, slot);
}
