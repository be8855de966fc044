import { plainFitSpec } from '../../src/engine/fit-defaults.js';
import type { FitSpec } from '../../src/engine/result.js';
import type { UnitProgress, WorkUnit } from '../../src/engine/units.js';

/** A small, fully resolved training run; tests override what they need. */
export function fitSpec(overrides: Partial<FitSpec> = {}): FitSpec {
  return plainFitSpec({ points: 64, depth: 2, width: 8, steps: 200, ...overrides });
}

/** A fit unit of a few tens of milliseconds. */
export function smallUnit(seed = 1): WorkUnit & { kind: 'fit' } {
  return { kind: 'fit', spec: fitSpec({ seed }) };
}

/** A fit unit that trains for roughly 1.5 s on one core of this machine (wasm backend). */
export function longUnit(seed = 1, steps = 1500): WorkUnit & { kind: 'fit' } {
  return { kind: 'fit', spec: fitSpec({ seed, depth: 4, width: 32, points: 256, steps }) };
}

/** A progress callback plus a promise that resolves at the first report. */
export function firstProgress(): { onProgress: (p: UnitProgress) => void; seen: Promise<UnitProgress> } {
  let resolve!: (p: UnitProgress) => void;
  const seen = new Promise<UnitProgress>((r) => {
    resolve = r;
  });
  return { onProgress: (p) => resolve(p), seen };
}

/** The rejection of a promise that must reject (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}
