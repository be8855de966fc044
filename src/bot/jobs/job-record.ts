import { randomUUID } from 'node:crypto';
import type { ExperimentResult } from '../../engine/result.js';
import { createHookCaller } from './hook-caller.js';
import { liveView } from './live-view.js';
import { createProgressThrottle } from './progress.js';
import type { CancelResult, JobHooks, JobOutcome, JobRequest, JobSnapshot, JobTicket } from './types.js';

/*
 * What both job services keep about the requests they accepted. A *record* is one user's request,
 * from submit to its single outcome; the services differ only in how records reach a run (an
 * engine call here, a BullMQ job on Redis), so everything about records themselves lives here once.
 */

/** One user's request, from submit to its single outcome. */
export interface JobRecord {
  readonly id: string;
  readonly request: JobRequest;
  readonly hooks: JobHooks;
  state: 'queued' | 'running' | 'finished';
  /** 0 while running, n while n-th in line: the last value reported to onQueued. */
  position: number;
  readonly submittedAt: number;
  /** When it started running (or joined a run); undefined while it waits. */
  startedAt: number | undefined;
  /** onStart fires once, even when a run is handed to another worker and starts again. */
  startAnnounced: boolean;
  readonly mayReportProgress: () => boolean;
  /** Hooks wait for this, so that the submitter holds its ticket before any hook fires. */
  readonly gate: Promise<void>;
  readonly openGate: () => void;
  readonly resolve: (outcome: JobOutcome) => void;
  readonly done: Promise<JobOutcome>;
}

/** Finished job ids remembered so that a late cancel can say 'already-finished'. */
const FINISHED_MEMORY = 1000;

/** How to build a book of records. */
export interface JobBookOptions {
  now: () => number;
  progressIntervalMs: number;
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
  const finishedOwners = new Map<string, string>();
  const emit = createHookCaller(options.onHookError);

  const remember = (id: string, user: string) => {
    finishedOwners.set(id, user);
    for (const old of finishedOwners.keys()) {
      if (finishedOwners.size <= FINISHED_MEMORY) break;
      finishedOwners.delete(old);
    }
  };
  const hook = (record: R, name: keyof JobHooks, call: (hooks: JobHooks) => unknown) => {
    void record.gate.then(() => emit(record, name, call));
  };

  return {
    live,
    open(request, hooks, extra, id = randomUUID()) {
      let resolve: (outcome: JobOutcome) => void = () => {};
      const done = new Promise<JobOutcome>((settle) => {
        resolve = settle;
      });
      let openGate: () => void = () => {};
      const gate = new Promise<void>((open) => {
        openGate = open;
      });
      const record = {
        ...(extra as object),
        id,
        request,
        hooks,
        state: 'queued' as const,
        position: 0,
        submittedAt: now(),
        startedAt: undefined,
        startAnnounced: false,
        mayReportProgress: createProgressThrottle(options.progressIntervalMs, now),
        gate,
        openGate,
        resolve,
        done,
      };
      // The spread holds every field of R: JobRecord's here, the rest in `extra`.
      const full = record as unknown as R;
      live.set(id, full);
      return full;
    },
    finish(record, outcome) {
      if (record.state === 'finished') return false;
      record.state = 'finished';
      live.delete(record.id);
      remember(record.id, record.request.user);
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
      remember(id, user);
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
      const owner = finishedOwners.get(jobId);
      if (owner === undefined) return undefined;
      return owner === user ? 'already-finished' : 'not-yours';
    },
    view: () => liveView(live.values()),
    drain: (limitMs) => settledWithin(Promise.allSettled([...live.values()].map((r) => r.done)), limitMs),
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
