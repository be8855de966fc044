import type { WorkerConfig, WorkerHandle } from './handle.js';
import { finish, type Job } from './job.js';
import type { WorkerStats } from './pool-types.js';

/** A worker thread's place in the pool; its handle changes when the thread is replaced. */
export interface Slot {
  handle: WorkerHandle;
  state: 'starting' | 'idle' | 'busy' | 'dead';
  /** The unit the worker is on; it may already be settled (cancelled) while the worker stops. */
  job: Job | undefined;
  timers: NodeJS.Timeout[];
  pendingStats: Map<number, { resolve: (stats: WorkerStats) => void; reject: (error: Error) => void }>;
}

/** Everything a pool tracks: its threads, the units waiting for one, and whether it still runs. */
export interface PoolState {
  /** How to start a thread (also a replacement: its backend is the one the pool reported). */
  config: WorkerConfig;
  /** How long a cancelled or timed-out unit may take to stop before its worker is replaced. */
  graceMs: number;
  /** Units waiting for a worker, oldest first. */
  queue: Job[];
  slots: Slot[];
  /** Next id for a unit or a stats request. */
  nextId: number;
  /** Workers started so far to replace crashed, hung or timed-out ones. */
  replacements: number;
  closed: boolean;
  /** Set once every worker failed to start: new and queued units reject with it. */
  broken: Error | undefined;
}

/** A slot whose thread is about to be launched (launch sets its handle). */
export function emptySlot(): Slot {
  const slot = { state: 'starting', job: undefined, timers: [], pendingStats: new Map() } as Omit<
    Slot,
    'handle'
  >;
  return slot as Slot;
}

export function clearTimers(slot: Slot): void {
  for (const timer of slot.timers) clearTimeout(timer);
  slot.timers = [];
}

/** Rejects the slot's unit (if still pending) and its stats requests with `error`. */
export function failPending(slot: Slot, error: Error): void {
  clearTimers(slot);
  if (slot.job) finish(slot.job, { error });
  slot.job = undefined;
  for (const pending of slot.pendingStats.values()) pending.reject(error);
  slot.pendingStats.clear();
}
