import type { UserError } from '../../src/bot/errors.js';
import { isUserError } from '../../src/bot/errors.js';
import type { JobHooks, JobProgress, JobTicket } from '../../src/bot/jobs/types.js';
import type { ExperimentSpec } from '../../src/engine/spec.js';
import { validateSpec } from '../../src/engine/validate.js';
import {
  createQueueJobService,
  type QueueJobService,
  type QueueJobServiceOptions,
} from '../../src/queue/replica/service.js';

/** A valid train spec; vary `seed` for a distinct cache key. */
export function trainSpec(seed: number, extra: Record<string, unknown> = {}): ExperimentSpec {
  const checked = validateSpec({ experiment: 'train', seed, ...extra });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.spec;
}

/** A job request for `user` in the class channel. */
export const request = (user: string, spec: ExperimentSpec) => ({ user, conversation: 'class-1', spec });

/** About a third of a second on one wasm thread, with a few progress reports. */
export const QUICK = { depth: 3, width: 16, steps: 300, points: 128, seeds: 2, gridSize: 10 };
/** A couple of seconds on one wasm thread. */
export const MEDIUM = { depth: 4, width: 32, steps: 3000, points: 256, seeds: 1, gridSize: 0 };
/** The largest train one request may ask for: about three seconds on one wasm thread. */
export const LONGEST = { depth: 8, width: 64, steps: 330, points: 1000, seeds: 1, gridSize: 0 };

/** A bot replica's queue service with test timings; errors are collected, not printed. */
export function replica(redisUrl: string, overrides: Partial<QueueJobServiceOptions> = {}) {
  const errors: { error: unknown; context: string }[] = [];
  const service: QueueJobService = createQueueJobService({
    redisUrl,
    progressIntervalMs: 0,
    reconcileMs: 500,
    redisTimeoutMs: 1000,
    onError: (error, context) => errors.push({ error, context }),
    ...overrides,
  });
  return { service, errors };
}

/** What a job's hooks saw. */
export function recorder() {
  const seen = { queued: [] as number[], starts: 0, progress: [] as JobProgress[] };
  let started: () => void = () => {};
  const whenStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const hooks: JobHooks = {
    onQueued: (position) => seen.queued.push(position),
    onStart: () => {
      seen.starts += 1;
      started();
    },
    onProgress: (progress) => seen.progress.push(progress),
  };
  return { seen, hooks, whenStarted };
}

/** The ticket, or a test failure naming the refusal. */
export function accepted(answer: UserError | JobTicket): JobTicket {
  if (isUserError(answer)) throw new Error(`refused: ${answer.code}: ${answer.message}`);
  return answer;
}

/** Polls `check` until it returns true, or fails after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not reached within ${timeoutMs} ms`);
}

/**
 * Submits until the service admits the request, then returns its ticket. A limit or a queue comes
 * back a moment after the event that frees it (a run settling, Redis returning), not at it.
 */
export async function admittedTicket(
  submit: () => Promise<UserError | JobTicket>,
  timeoutMs: number,
  what: string,
): Promise<JobTicket> {
  let answer: UserError | JobTicket | undefined;
  await eventually(
    async () => {
      answer = await submit();
      return !isUserError(answer);
    },
    timeoutMs,
    what,
  );
  return accepted(answer as UserError | JobTicket);
}
