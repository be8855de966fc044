import type { HardnessRecord } from '../../src/engine/hardness/types.js';
import type { HardnessResult } from '../../src/engine/result.js';

/*
 * Hand-made hardness results: only the numbers the charts and the explainer read are varied.
 * Times and statuses are of the sizes a real run on this machine produced.
 */

/** One instance's record. */
export function hardnessRecord(
  n: number,
  d: number,
  over: {
    labels?: 'planted' | 'random';
    status?: HardnessRecord['exact']['status'];
    mipMs?: number;
    nodes?: number;
    lpMs?: number;
    separable?: boolean;
    enumerationFit?: boolean;
    successes?: number;
  } = {},
): HardnessRecord {
  const status = over.status ?? 'fit';
  return {
    n,
    d,
    labels: over.labels ?? 'planted',
    positives: Math.round(n / 3),
    exact: { status, solveMs: over.mipMs ?? 20, nodes: over.nodes ?? 1, lpIterations: 40 },
    lp: {
      separable: over.separable ?? false,
      status: over.separable ? 'Optimal' : 'Infeasible',
      solveMs: over.lpMs ?? 2,
    },
    ...(d === 2
      ? {
          enumeration: { fit: over.enumerationFit ?? status === 'fit', lines: (n * (n - 1)) / 2, solveMs: 3 },
        }
      : {}),
    ...(status === 'fit'
      ? {
          gradientDescent: {
            restarts: 8,
            successes: over.successes ?? 8,
            steps: 300,
            bestAccuracy: 1,
            durationMs: 50,
          },
        }
      : {}),
  };
}

/** A sweep result around the given records. */
export function hardnessResult(instances: HardnessRecord[], timeLimit = 0.3): HardnessResult {
  return {
    experiment: 'hardness',
    backend: 'wasm',
    spec: {
      experiment: 'hardness',
      sizes: [...new Set(instances.map((r) => r.n))],
      dims: [...new Set(instances.map((r) => r.d))],
      inputs: 'gaussian',
      labels: 'both',
      timeLimit,
      restarts: 8,
      steps: 300,
      learningRate: 0.1,
      seed: 1,
    },
    instances,
    skipped: [],
    durationMs: 1000,
  };
}
