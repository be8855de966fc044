import type { BackendName } from './result.js';
import type { UnitResult, WorkUnit } from './units.js';
import { abortError, PoolClosedError, WorkerCrashError } from './worker/errors.js';
import { createJob, finish, type Job, reasonOf } from './worker/job.js';
import { emptySlot, failPending, type PoolState, type Slot } from './worker/pool-state.js';
import type { PoolOptions, PoolRunOptions, WorkerPool, WorkerStats } from './worker/pool-types.js';
import { abortJob, dispatch, launch } from './worker/scheduling.js';

export type { PoolOptions, PoolRunOptions, WorkerPool, WorkerStats } from './worker/pool-types.js';

const DEFAULT_ABORT_GRACE_MS = 2000;

/**
 * Starts `workers` engine threads and resolves once all have set up their backend. Units wait in
 * one FIFO queue; each idle worker takes the next. A cancelled or timed-out unit rejects at once;
 * its worker gets `abortGraceMs` to stop, or is replaced, as is a worker that crashes.
 */
export async function createWorkerPool(options: PoolOptions): Promise<WorkerPool> {
  const pool: PoolState = {
    config: {
      backend: options.backend,
      faultInjection: options.faultInjection ?? false,
      maxHeapMb: options.maxHeapMb,
      typedArrays: options.typedArrays ?? true,
    },
    graceMs: options.abortGraceMs ?? DEFAULT_ABORT_GRACE_MS,
    queue: [],
    slots: [],
    nextId: 1,
    replacements: 0,
    closed: false,
    broken: undefined,
  };
  for (let i = 0; i < Math.max(1, options.workers); i++) {
    const slot = emptySlot();
    launch(pool, slot); // sets slot.handle
    pool.slots.push(slot);
  }
  const backend = await backendOnceStarted(pool);
  // Replacements start the backend the pool already reported, never a different `auto` pick.
  pool.config.backend = backend;
  return {
    backend,
    get replacements() {
      return pool.replacements;
    },
    execute: ((unit: WorkUnit, runOptions?: PoolRunOptions) =>
      execute(pool, options.unitTimeoutMs, unit, runOptions)) as WorkerPool['execute'],
    stats: () =>
      Promise.all(pool.slots.filter((slot) => slot.state !== 'dead').map((slot) => askStats(pool, slot))),
    close: () => close(pool),
  };
}

/** The backend the first worker reports once all are ready; if one fails, stops them all and throws. */
async function backendOnceStarted(pool: PoolState): Promise<BackendName> {
  try {
    const [backend] = (await Promise.all(pool.slots.map((slot) => slot.handle.ready))) as [BackendName];
    return backend;
  } catch (error) {
    pool.closed = true;
    await Promise.all(pool.slots.map((slot) => slot.handle.terminate()));
    throw error;
  }
}

function execute(
  pool: PoolState,
  defaultTimeoutMs: number,
  unit: WorkUnit,
  runOptions: PoolRunOptions = {},
): Promise<UnitResult> {
  return new Promise<UnitResult>((resolve, reject) => {
    if (pool.closed) return reject(new PoolClosedError('the engine pool is closed'));
    if (pool.broken) return reject(pool.broken);
    if (runOptions.signal?.aborted) return reject(abortError(reasonOf(runOptions.signal)));
    if (runOptions.fault && !pool.config.faultInjection) {
      return reject(new Error('fault injection is off: create the pool with faultInjection: true'));
    }
    const onAbort = (job: Job, error: Error) => abortJob(pool, job, error);
    pool.queue.push(
      createJob(pool.nextId++, unit, runOptions, defaultTimeoutMs, { resolve, reject }, onAbort),
    );
    dispatch(pool);
  });
}

async function askStats(pool: PoolState, slot: Slot): Promise<WorkerStats> {
  const handle = slot.handle;
  await handle.ready;
  if (slot.handle !== handle) throw new WorkerCrashError('engine worker was replaced while asked for stats');
  const id = pool.nextId++;
  return new Promise<WorkerStats>((resolve, reject) => {
    slot.pendingStats.set(id, { resolve, reject });
    handle.post({ type: 'stats', id });
  });
}

async function close(pool: PoolState): Promise<void> {
  if (pool.closed) return;
  pool.closed = true;
  const error = new PoolClosedError('the engine pool was closed');
  for (const job of pool.queue.splice(0)) finish(job, { error });
  for (const slot of pool.slots) {
    if (slot.job) Atomics.store(slot.job.cancel, 0, 1);
    failPending(slot, error);
  }
  await Promise.all(pool.slots.map((slot) => slot.handle.terminate()));
}
