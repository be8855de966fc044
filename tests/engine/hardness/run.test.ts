import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { descendThreeNode } from '../../../src/engine/hardness/gradient-descent.js';
import { makeInstance } from '../../../src/engine/hardness/instances.js';
import { runHardnessUnit } from '../../../src/engine/hardness/run.js';
import { exactThreeNodeFit } from '../../../src/engine/hardness/three-node-mip.js';
import type { HardnessUnitSpec } from '../../../src/engine/units.js';
import { useWasmBackend } from '../wasm-backend.js';

beforeAll(async () => {
  await useWasmBackend();
});

const unit = (overrides: Partial<HardnessUnitSpec>): HardnessUnitSpec => ({
  n: 16,
  d: 2,
  inputs: 'gaussian',
  labels: 'planted',
  seed: 1,
  timeLimit: 20,
  restarts: 4,
  steps: 200,
  learningRate: 0.1,
  ...overrides,
});

describe('one instance of the sweep', () => {
  it('records every method on a planted 2-D instance, gradient descent included, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const fractions: number[] = [];
    const record = await runHardnessUnit(unit({}), { onProgress: (p) => fractions.push(p.step / p.steps) });
    expect(tf.memory().numTensors).toBe(before);
    // The bar moves after the LP, after the exact solve, then with gradient descent, never back.
    expect(fractions.slice(0, 2)).toEqual([0.1, 0.6]);
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(record).toMatchObject({ n: 16, d: 2, labels: 'planted' });
    expect(record.exact.status).toBe('fit');
    expect(record.exact.solveMs).toBeGreaterThan(0);
    expect(record.enumeration?.fit).toBe(true);
    expect(record.enumeration?.lines).toBe(120);
    expect(record.gradientDescent?.restarts).toBe(4);
    expect(record.gradientDescent!.successes).toBeGreaterThan(0);
    expect(record.gradientDescent!.bestAccuracy).toBe(1);
    // The record is plain JSON: it crosses worker threads and the queue unchanged.
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });

  it('runs gradient descent only where a fit is proven, and no enumeration outside 2-D', async () => {
    const record = await runHardnessUnit(unit({ n: 40, d: 3, labels: 'random' }));
    expect(record.enumeration).toBeUndefined();
    expect(record.exact.status === 'fit').toBe(record.gradientDescent !== undefined);
    expect(record.lp.separable).toBe(false);
  });

  it('is deterministic for a seed, apart from the timings', async () => {
    const strip = (r: Awaited<ReturnType<typeof runHardnessUnit>>) => ({
      positives: r.positives,
      status: r.exact.status,
      separable: r.lp.separable,
      successes: r.gradientDescent?.successes,
    });
    const a = await runHardnessUnit(unit({ n: 12, d: 3, seed: 9 }));
    const b = await runHardnessUnit(unit({ n: 12, d: 3, seed: 9 }));
    expect(strip(a)).toEqual(strip(b));
  });
});

describe('gradient descent on the sigmoid three-node network', () => {
  it('counts restarts that fit every point, and stops early once all have', () => {
    const easy = makeInstance({ n: 8, d: 2, inputs: 'gaussian', labels: 'planted', seed: 1 });
    const outcome = descendThreeNode(easy, { restarts: 6, steps: 2000, learningRate: 0.1, seed: 1 });
    expect(outcome.restarts).toBe(6);
    expect(outcome.successes).toBe(6);
    expect(outcome.bestAccuracy).toBe(1);
    expect(outcome.steps).toBeLessThan(2000);
    expect(outcome.steps % 25).toBe(0);
  });

  it('never reports 100 % on labels no such network fits (three-bit parity)', () => {
    const corners = makeInstance({ n: 8, d: 3, inputs: 'cube', labels: 'random', seed: 1 }).x;
    const parity = { n: 8, d: 3, x: corners, y: corners.map((x) => (x[0]! + x[1]! + x[2]!) % 2) };
    const outcome = descendThreeNode(parity, { restarts: 8, steps: 300, learningRate: 0.1, seed: 1 });
    expect(outcome.successes).toBe(0);
    expect(outcome.bestAccuracy).toBeLessThan(1);
  });
});

describe('cancellation', () => {
  it('stops before any work when the flag is already up', async () => {
    await expect(runHardnessUnit(unit({}), { signal: { aborted: true } })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('interrupts a long branch-and-bound from inside HiGHS', async () => {
    // Proving that no network fits 128 random labels in 12-D takes HiGHS seconds; 50 ms in, the
    // flag goes up while its branch and bound runs.
    const hard = makeInstance({ n: 128, d: 12, inputs: 'gaussian', labels: 'random', seed: 3 });
    const started = performance.now();
    const raiseAfter = started + 50;
    const signal = {
      get aborted() {
        return performance.now() > raiseAfter;
      },
    };
    await expect(exactThreeNodeFit(hard, { timeLimitSeconds: 60, signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
