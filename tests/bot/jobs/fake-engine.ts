import { isUserError, type UserError } from '../../../src/bot/errors.js';
import type { EngineLike, JobTicket } from '../../../src/bot/jobs/types.js';
import type { ExperimentResult, Progress } from '../../../src/engine/result.js';
import type { ExperimentSpec } from '../../../src/engine/spec.js';
import { validateSpec } from '../../../src/engine/validate.js';

/*
 * A stand-in for the engine's timing: every run waits until the test settles it, so ordering,
 * limits and cancellation can be checked step by step. The job service's own code runs for real.
 */

/** One engine.run call, settled by the test. */
export interface FakeRun {
  spec: ExperimentSpec;
  signal: AbortSignal | undefined;
  progress(p: Progress): void;
  succeed(result?: ExperimentResult): void;
  fail(error: unknown): void;
}

/** An engine whose runs finish only when told to. */
export interface ControllableEngine extends EngineLike {
  readonly runs: FakeRun[];
  /** The seed of each spec run so far, in call order (tests give each job its own seed). */
  seeds(): number[];
}

/** Creates the double. `honourAbort: false` imitates an engine that keeps computing after an abort. */
export function createControllableEngine(options: { honourAbort?: boolean } = {}): ControllableEngine {
  const runs: FakeRun[] = [];
  return {
    backend: 'fake',
    runs,
    seeds: () => runs.map((r) => r.spec.seed),
    run(spec, { onProgress, signal }) {
      return new Promise<ExperimentResult>((resolve, reject) => {
        runs.push({
          spec,
          signal,
          progress: (p) => onProgress?.(p),
          succeed: (result) => resolve(result ?? fakeResult(spec)),
          fail: reject,
        });
        if (options.honourAbort === false) return;
        signal?.addEventListener('abort', () => {
          const error = new Error('aborted');
          error.name = 'AbortError';
          reject(error);
        });
      });
    },
  };
}

/** A small valid spec; vary `seed` to get distinct cache keys. */
export function trainSpec(seed: number, extra: Record<string, unknown> = {}): ExperimentSpec {
  const checked = validateSpec({
    experiment: 'train',
    depth: 1,
    steps: 30,
    seeds: 1,
    points: 64,
    gridSize: 0,
    seed,
    ...extra,
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.spec;
}

/** A result shaped like a train result, tagged with the spec's seed so tests can tell them apart. */
export function fakeResult(spec: ExperimentSpec): ExperimentResult {
  return {
    experiment: 'train',
    backend: 'cpu',
    spec: spec as Extract<ExperimentSpec, { experiment: 'train' }>,
    durationMs: 1,
    data: { x: [], y: [] },
    runs: [],
    summary: { depth: 1, meanFinalLoss: spec.seed, minFinalLoss: 0, maxFinalLoss: 0, meanAccuracy: 0 },
  };
}

/** Lets queued microtasks and promise callbacks run (hooks are delivered in microtasks). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A settable clock for the service's `now` option. */
export function fakeClock(start = 0): { now: () => number; advance(ms: number): void } {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

/** The ticket, or a test failure naming the refusal. */
export function accepted(answer: UserError | JobTicket): JobTicket {
  if (isUserError(answer)) throw new Error(`refused: ${answer.code}: ${answer.message}`);
  return answer;
}
