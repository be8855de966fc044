import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/engine/datasets.js';
import { lpPlanner } from '../../src/engine/experiments/lp.js';
import { runLpUnit } from '../../src/engine/lp/run.js';
import { countViolations, softMarginLp } from '../../src/engine/lp/separation.js';
import { solveLpText } from '../../src/engine/lp/solver.js';
import type { LpSpec } from '../../src/engine/spec.js';

const spec = (overrides: Partial<LpSpec>): LpSpec => ({
  dataset: 'blobs',
  points: 128,
  noise: 0.1,
  seed: 3,
  steps: 200,
  learningRate: 0.5,
  ...overrides,
});

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe('runLpUnit', () => {
  it('finds a line that puts every point of separable blobs on its side', async () => {
    const before = tf.memory().numTensors;
    const result = await runLpUnit(spec({}));
    expect(tf.memory().numTensors).toBe(before);
    expect(result.feasible).toBe(true);
    expect(result.solverStatus).toBe('Optimal');
    expect(result.minViolations).toBe(0);
    const { w, b } = result.weights!;
    // Check the margin constraints ourselves on the returned points, not only the reported accuracy.
    result.data.x.forEach(([x1, x2], i) => {
      const label = result.data.y[i] === 1 ? 1 : -1;
      expect(label * (w[0]! * x1 + w[1]! * x2 + b)).toBeGreaterThan(0.999);
    });
    expect(result.lpAccuracy).toBe(1);
    expect(result.solveMs).toBeGreaterThan(0);
    expect(result.gradientDescent.steps).toBe(200);
    expect(result.gradientDescent.accuracy).toBeGreaterThan(0.95);
    expect(result.gradientDescent.finalLoss).toBeLessThan(0.3);
  });

  it('reports XOR as infeasible, with points that no line can give margin 1', async () => {
    const result = await runLpUnit(spec({ dataset: 'xor', noise: 0.05 }));
    expect(result.feasible).toBe(false);
    expect(result.solverStatus).toBe('Infeasible');
    expect(result.weights).toBeUndefined();
    expect(result.lpAccuracy).toBeUndefined();
    expect(result.minViolations).toBeGreaterThan(0);
    // No line classifies XOR much better than chance, gradient descent included.
    expect(result.gradientDescent.accuracy).toBeLessThan(0.8);
  });

  it('reports the interleaved moons as not linearly separable', async () => {
    const result = await runLpUnit(spec({ dataset: 'moons', noise: 0 }));
    expect(result.feasible).toBe(false);
    expect(result.minViolations).toBeGreaterThan(0);
    expect(result.gradientDescent.accuracy).toBeGreaterThan(0.75);
  });

  it('stops before solving when aborted', async () => {
    await expect(runLpUnit(spec({}), { signal: { aborted: true } })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('soft-margin LP', () => {
  it('has zero total slack exactly when the data are separable', async () => {
    const separable = makeDataset('blobs', 64, 0, 5);
    const solved = await solveLpText(softMarginLp(separable));
    expect(solved.status).toBe('Optimal');
    expect(countViolations(solved.values, separable.n)).toBe(0);
  });
});

describe('lpPlanner', () => {
  it('plans one lp unit and returns its result as the experiment result', async () => {
    const lpSpec = spec({ points: 32, steps: 20 });
    const units = lpPlanner.plan(lpSpec);
    expect(units).toEqual([{ kind: 'lp', spec: lpSpec }]);
    const unitResult = await runLpUnit(lpSpec);
    expect(lpPlanner.assemble(lpSpec, [unitResult])).toEqual(unitResult);
  });
});
