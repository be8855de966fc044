import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type ExperimentSpec, validateSpec } from '../../../src/engine/index.js';
import type { CompareResult, RunResult } from '../../../src/engine/result.js';

/*
 * An experiment's units go to whichever worker is free, in an order that depends on the pool's
 * size and on timing. The numbers must not: each unit is reproducible from its own spec and seed.
 */

let one: Engine;
let two: Engine;
beforeAll(async () => {
  [one, two] = await Promise.all([
    createEngine({ workers: 1, backend: 'wasm' }),
    createEngine({ workers: 2, backend: 'wasm' }),
  ]);
});
afterAll(async () => {
  await Promise.all([one?.close(), two?.close()]);
});

function specOf(input: Record<string, unknown>): ExperimentSpec {
  const checked = validateSpec({ experiment: 'compare', ...input });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.spec;
}

/** A result without its timings, the only numbers that may differ between runs. */
function numbers(result: CompareResult) {
  const { durationMs: _total, runs, ...rest } = result;
  return { ...rest, runs: runs.map(({ durationMs: _ms, ...run }: RunResult) => run) };
}

describe('the same compare on one worker and on two', () => {
  it('gives the same numbers, on both compute paths, frames and layer statistics included', async () => {
    // Depth 1 trains on typed arrays, depths 3 and 6 on wasm; frames on the shallowest and deepest.
    const spec = specOf({ depths: [1, 3, 6], seeds: 2, steps: 40, points: 128, width: 32, frames: 4 });
    const alone = (await one.run(spec)) as CompareResult;
    const [shared, again] = (await Promise.all([two.run(spec), two.run(spec)])) as CompareResult[];
    expect(alone.paths).toEqual({ 'typed-arrays': 2, tfjs: 4 });
    expect(alone.runs[0]!.frames?.frames.length).toBe(4);
    expect(numbers(shared!)).toEqual(numbers(alone));
    expect(numbers(again!)).toEqual(numbers(alone));
    // Different seeds do give different numbers: the comparison above can fail.
    expect(alone.runs[0]!.lossCurve.losses).not.toEqual(alone.runs[1]!.lossCurve.losses);
  });
});
