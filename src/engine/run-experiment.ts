import { setMaxListeners } from 'node:events';
import { countPaths, longestFirst } from './compute-path.js';
import { PLANNERS } from './experiments/index.js';
import { createLiveTracker, type LiveTracker } from './live.js';
import type { ExperimentResult, Progress, ResultByName, UnitStatus } from './result.js';
import type { ExperimentSpec } from './spec.js';
import type { ExperimentPlanner, UnitProgress, UnitResult } from './units.js';
import { abortError } from './worker/errors.js';
import type { WorkerPool } from './worker/pool-types.js';
import type { FaultKind } from './worker/protocol.js';

/** Progress reports and cancellation for one experiment run. */
export interface RunExperimentOptions {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  /** Crashes the worker of the first unit for real; honoured only by a pool made with faultInjection. Tests only. */
  fault?: FaultKind;
}

/**
 * Combines per-unit progress into one monotone fraction over the whole experiment, says which
 * unit each report comes from, and carries the partial results gathered so far.
 */
function createProgressTracker(
  labels: readonly string[],
  live: LiveTracker,
  report: ((progress: Progress) => void) | undefined,
) {
  const units = labels.length;
  const fractions = new Array<number>(units).fill(0);
  let unitsDone = 0;
  let lastFraction = 0;
  let loss: number | undefined;
  // Each unit's last report: a finished unit is told at its end, not as a bare loss.
  const lastOf = new Array<UnitStatus | undefined>(units);
  const emit = (unit?: UnitStatus): void => {
    if (!report) return;
    const sum = fractions.reduce((a, b) => a + b, 0);
    // A unit's own fraction only rises, but guard anyway: a bar that jumps back looks broken.
    lastFraction = Math.max(lastFraction, units === 0 ? 1 : sum / units);
    const partial = live.snapshot();
    report({
      fraction: lastFraction,
      unitsDone,
      units,
      ...(loss !== undefined && { loss }),
      ...(unit && { unit }),
      ...(partial && { live: partial }),
    });
  };
  return {
    unitProgress(index: number, progress: UnitProgress): void {
      if (progress.steps > 0)
        fractions[index] = Math.min(1, Math.max(fractions[index] ?? 0, progress.step / progress.steps));
      const finite = progress.loss !== undefined && Number.isFinite(progress.loss);
      if (finite) loss = progress.loss;
      live.progress(index, progress);
      const unit: UnitStatus = {
        index: index + 1,
        count: units,
        label: labels[index]!,
        step: progress.step,
        steps: progress.steps,
        ...(finite && { loss: progress.loss }),
      };
      lastOf[index] = unit;
      emit(unit);
    },
    unitDone(index: number, result: UnitResult): void {
      fractions[index] = 1;
      unitsDone++;
      live.done(index, result);
      const last = lastOf[index];
      emit(last && { ...last, step: last.steps });
    },
  };
}

/** The planner's unit labels, or "part i of n" where it names none (or not one per unit). */
function unitLabels<S>(planner: ExperimentPlanner<S, ExperimentResult>, spec: S, count: number): string[] {
  const named = planner.labels?.(spec);
  if (named && named.length === count) return named;
  return Array.from({ length: count }, (_, i) => `part ${i + 1} of ${count}`);
}

/**
 * Runs one validated experiment: plans its units, runs them all at once through the executor
 * (a pool queues them, so every core works), reports combined progress and assembles the result.
 * When one unit fails, or `signal` aborts, the other units are cancelled and the call rejects.
 */
export async function runExperiment<S extends ExperimentSpec>(
  spec: S,
  executor: Pick<WorkerPool, 'execute' | 'backend'>,
  options: RunExperimentOptions = {},
): Promise<ResultByName[S['experiment']]> {
  const started = performance.now();
  const { signal } = options;
  if (signal?.aborted) throw abortError(signal.reason);
  // The planner table is keyed by name; this lookup pairs the spec with its own planner.
  const planner = PLANNERS[spec.experiment] as unknown as ExperimentPlanner<S, ExperimentResult>;
  const units = planner.plan(spec);
  const labels = unitLabels(planner, spec, units.length);
  const progress = createProgressTracker(labels, createLiveTracker(spec, units, labels), options.onProgress);

  const stopAll = new AbortController();
  // Every unit listens to this one signal; a 40-run sweep is not a listener leak.
  setMaxListeners(units.length + 10, stopAll.signal);
  const forwardAbort = (): void => stopAll.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  const results: UnitResult[] = new Array(units.length);
  try {
    // Longest units first: the pool starts units in the order they come, and a long unit started
    // last would finish alone while the other cores idle (compute-path.ts estimates the work).
    await Promise.all(
      longestFirst(units).map(async (index) => {
        const unit = units[index]!;
        try {
          const result = await executor.execute(unit, {
            signal: stopAll.signal,
            onProgress: (p) => progress.unitProgress(index, p),
            ...(index === 0 && options.fault ? { fault: options.fault } : {}),
          });
          progress.unitDone(index, result);
          results[index] = result;
        } catch (error) {
          // The first failure wins (Promise.all reports it); the rest are told to stop.
          stopAll.abort(error);
          throw error;
        }
      }),
    );
  } finally {
    signal?.removeEventListener('abort', forwardAbort);
  }

  const assembled = planner.assemble(spec, results);
  const paths = countPaths(results);
  return {
    experiment: spec.experiment,
    backend: executor.backend,
    ...(paths ? { paths } : {}),
    spec,
    ...assembled,
    durationMs: Math.round(performance.now() - started),
  } as unknown as ResultByName[S['experiment']];
}
