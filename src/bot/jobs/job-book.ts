import { randomUUID } from 'node:crypto';
import type { ExperimentResult } from '../../engine/result.js';
import { createHookCaller } from './hook-caller.js';
import { type JobRecord, newRecord, type RecordClock } from './job-record.js';
import { liveView } from './live-view.js';
import type { CancelResult, JobHooks, JobOutcome, JobRequest, JobSnapshot, JobTicket } from './types.js';

/*
 * The records one job service accepted: the live ones, each given its outcome once and its hooks
 * only while it lives, plus the owners of recently finished ones so that a late cancel gets a
 * truthful answer. Both services (in-process and on Redis) keep their records in such a book.
 */

/** Finished job ids remembered so that a late cancel can say 'already-finished'. */
const FINISHED_MEMORY = 1000;

/** How to build a book of records. */
export interface JobBookOptions extends RecordClock {
  onHookError?: ((error: unknown, hook: keyof JobHooks) => void) | undefined;
}

/** Who a cancel is about: a live record the caller owns, or the answer already known. */
export type CancelTarget<R> = { record: R } | CancelResult | undefined;

/** The live records of one service, plus the owners of recently finished ones. */
export interface JobBook<R extends JobRecord> {
  readonly live: ReadonlyMap<string, R>;
  /** A new live record, queued, with its hooks' gate closed; `extra` holds the service's own fields. */
  open(request: JobRequest, hooks: JobHooks, extra: Omit<R, keyof JobRecord>, id?: string): R;
  /** Gives the record its outcome unless it has one; false when it had. */
  finish(record: R, outcome: JobOutcome): boolean;
  /** Calls one hook after the gate opens, unless the record has ended by then. */
  hook(record: R, name: keyof JobHooks, call: (hooks: JobHooks) => unknown): void;
  /** Marks a record as running and tells it once. */
  markRunning(record: R): void;
  /** A ticket already answered from the cache (no record, but a late cancel is recognised). */
  cachedTicket(user: string, result: ExperimentResult): JobTicket;
  /** The ticket of a live record. */
  ticketOf(record: R): JobTicket;
  /** The live record the user may cancel, or what to answer; undefined when this book never heard of it. */
  cancelTarget(jobId: string, user: string): CancelTarget<R>;
  /** Per-user counts and summaries of the live records: running first, then waiting in line order. */
  view(): Pick<JobSnapshot, 'perUser' | 'jobs'>;
  /** Resolves once every live record has its outcome, or after `limitMs`, leaving no timer behind. */
  drain(limitMs: number): Promise<void>;
}

/** Creates an empty book. */
export function createJobBook<R extends JobRecord>(options: JobBookOptions): JobBook<R> {
  const { now } = options;
  const live = new Map<string, R>();
  const finishedOwners = createOwnerMemory(FINISHED_MEMORY);
  const emit = createHookCaller(options.onHookError);
  const hook = (record: R, name: keyof JobHooks, call: (hooks: JobHooks) => unknown) => {
    void record.gate.then(() => emit(record, name, call));
  };

  return {
    live,
    open(request, hooks, extra, id = randomUUID()) {
      const record = newRecord<R>(id, request, hooks, extra, options);
      live.set(id, record);
      return record;
    },
    finish(record, outcome) {
      if (record.state === 'finished') return false;
      record.state = 'finished';
      live.delete(record.id);
      finishedOwners.remember(record.id, record.request.user);
      record.openGate();
      record.resolve(outcome);
      return true;
    },
    hook,
    markRunning(record) {
      if (record.state !== 'queued') return;
      record.state = 'running';
      record.position = 0;
      record.startedAt = now();
      if (record.startAnnounced) return;
      record.startAnnounced = true;
      hook(record, 'onStart', (hooks) => hooks.onStart?.());
    },
    cachedTicket(user, result) {
      const id = randomUUID();
      finishedOwners.remember(id, user);
      const outcome: JobOutcome = { status: 'done', result, cached: true, queuedMs: 0, runMs: 0 };
      return { id, position: 0, cached: true, done: Promise.resolve(outcome) };
    },
    ticketOf: (record) => ({
      id: record.id,
      position: record.state === 'running' ? 0 : record.position,
      cached: false,
      done: record.done,
    }),
    cancelTarget(jobId, user) {
      const record = live.get(jobId);
      if (record) return record.request.user === user ? { record } : 'not-yours';
      const owner = finishedOwners.ownerOf(jobId);
      if (owner === undefined) return undefined;
      return owner === user ? 'already-finished' : 'not-yours';
    },
    view: () => liveView(live.values()),
    drain: (limitMs) => settledWithin(Promise.allSettled([...live.values()].map((r) => r.done)), limitMs),
  };
}

/** The owners of the last `capacity` finished jobs, the oldest forgotten first. */
function createOwnerMemory(capacity: number) {
  const owners = new Map<string, string>();
  return {
    remember(id: string, user: string): void {
      owners.set(id, user);
      for (const old of owners.keys()) {
        if (owners.size <= capacity) break;
        owners.delete(old);
      }
    },
    ownerOf: (id: string) => owners.get(id),
  };
}

/** Resolves once `promise` settles or `ms` have passed, whichever comes first, leaving no timer behind. */
export async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([promise.then(noop, noop), expired]);
  } finally {
    clearTimeout(timer);
  }
}

const noop = () => {};
