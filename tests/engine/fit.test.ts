import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { comparePlanner } from '../../src/engine/experiments/compare.js';
import { timeTrainingSteps, trainRun } from '../../src/engine/fit.js';
import type { CompareResult, RunResult } from '../../src/engine/result.js';
import type { CompareSpec } from '../../src/engine/spec.js';
import type { UnitProgress } from '../../src/engine/units.js';
import { validateSpec } from '../../src/engine/validate.js';
import { plainFitSpec } from './fit-spec.js';
import { useWasmBackend } from './wasm-backend.js';

beforeAll(async () => {
  await useWasmBackend();
});

/** Runs a compare experiment on this thread: its defaults plus the given options. */
function compare(
  options: Record<string, unknown>,
): Omit<CompareResult, 'experiment' | 'backend' | 'spec' | 'durationMs'> {
  const validation = validateSpec({ experiment: 'compare', ...options });
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  const spec = validation.spec as CompareSpec;
  const results = comparePlanner.plan(spec).map((unit) => {
    if (unit.kind !== 'fit') throw new Error('compare plans fit units only');
    return trainRun(unit.spec, {}).result;
  });
  return comparePlanner.assemble(spec, results);
}

describe('the depth phenomenon', () => {
  it('with the plain defaults (sigmoid, Glorot, SGD 0.1), depth 8 ends far worse than depth 1 and its first layer gets almost no gradient', () => {
    const { summaries } = compare({ depths: [1, 8] });
    const [shallow, deep] = summaries;
    expect(deep!.meanFinalLoss).toBeGreaterThanOrEqual(shallow!.meanFinalLoss + 0.2);
    expect(deep!.gradientRatio).toBeLessThan(1e-3);
    expect(shallow!.gradientRatio).toBeGreaterThan(1e-2);
  });

  it('with relu, He init and Adam, depth 8 ends no worse than depth 1', () => {
    const { summaries } = compare({
      depths: [1, 8],
      activation: 'relu',
      init: 'he',
      optimizer: 'adam',
      learningRate: 0.01,
    });
    const [shallow, deep] = summaries;
    expect(deep!.meanFinalLoss).toBeLessThanOrEqual(shallow!.meanFinalLoss);
  });
});

describe('trainRun', () => {
  it('measures a run: a bounded loss curve from step 0 to the last, gradient snapshots, saturation, a grid', () => {
    const steps = 450;
    const { result } = trainRun(plainFitSpec({ depth: 3, width: 8, steps, gridSize: 7 }), {});
    const { steps: curveSteps, losses } = result.lossCurve;
    expect(curveSteps.length).toBeLessThanOrEqual(200);
    expect(curveSteps[0]).toBe(0);
    expect(curveSteps.at(-1)).toBe(steps);
    expect(losses).toHaveLength(curveSteps.length);
    expect(result.finalLoss).toBe(losses.at(-1));
    expect(losses[0]).toBeCloseTo(Math.LN2, 1);
    expect(result.gradientNorms[0]!.step).toBe(0);
    expect(result.gradientNorms.at(-1)!.step).toBe(steps);
    expect(result.gradientNorms.length).toBe(11);
    for (const snapshot of result.gradientNorms) expect(snapshot.perLayer).toHaveLength(4);
    expect(result.saturation.atInit).toHaveLength(3);
    expect(result.saturation.atEnd).toHaveLength(3);
    expect(result.finalAccuracy).toBeGreaterThan(0.5);
    const grid = result.boundary!;
    expect(grid.probabilities).toHaveLength(49);
    expect(Math.min(...grid.probabilities)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...grid.probabilities)).toBeLessThanOrEqual(1);
    expect(grid.xMin).toBeLessThan(grid.xMax);
    expect(grid.yMin).toBeLessThan(grid.yMax);
  });

  it('gives a single neuron (depth 0) one layer of gradients and no hidden layers', () => {
    const { result } = trainRun(plainFitSpec({ depth: 0, steps: 20 }), {});
    expect(result.gradientNorms[0]!.perLayer).toHaveLength(1);
    expect(result.saturation.atInit).toEqual([]);
  });

  it('is deterministic: the same spec twice gives identical loss curves', () => {
    const spec = plainFitSpec({ depth: 2, width: 16, steps: 60, optimizer: 'adam', learningRate: 0.01 });
    const first = trainRun(spec, {}).result;
    const second = trainRun(spec, {}).result;
    expect(second.lossCurve).toEqual(first.lossCurve);
    expect(second.gradientNorms).toEqual(first.gradientNorms);
    const otherSeed = trainRun({ ...spec, seed: 2 }, {}).result;
    expect(otherSeed.lossCurve.losses).not.toEqual(first.lossCurve.losses);
  });

  it('reports progress about every ten steps, ending at the last step', () => {
    const reports: UnitProgress[] = [];
    trainRun(plainFitSpec({ steps: 35 }), { onProgress: (p) => reports.push(p) });
    expect(reports.map((p) => p.step)).toEqual([0, 10, 20, 30, 35]);
    for (const p of reports) {
      expect(p.steps).toBe(35);
      expect(Number.isFinite(p.loss)).toBe(true);
    }
  });

  it('checks the abort flag every step and stops at the first check that sees it raised', () => {
    let reads = 0;
    const counting = {
      get aborted() {
        reads++;
        return false;
      },
    };
    trainRun(plainFitSpec({ steps: 40 }), { signal: counting });
    expect(reads).toBeGreaterThanOrEqual(41);

    let readsAfterAbort = 0;
    let raised = false;
    const flag = {
      get aborted() {
        if (raised) readsAfterAbort++;
        return raised;
      },
    };
    let lastStep = -1;
    const run = () =>
      trainRun(plainFitSpec({ depth: 4, steps: 1000 }), {
        signal: flag,
        onProgress: (p) => {
          lastStep = p.step;
          if (p.step === 20) raised = true;
        },
      });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(lastStep).toBe(20);
    expect(readsAfterAbort).toBe(1);
  });

  it('frees every tensor it made: after plain, normalized, residual, kept-model and aborted runs', () => {
    const before = tf.memory().numTensors;
    const runs: RunResult[] = [];
    for (const normalization of ['none', 'batch', 'layer'] as const) {
      for (const optimizer of ['sgd', 'momentum', 'adam'] as const) {
        const spec = plainFitSpec({
          depth: 3,
          width: 4,
          steps: 12,
          normalization,
          optimizer,
          residual: true,
          gridSize: 3,
        });
        runs.push(trainRun(spec, {}).result);
      }
    }
    const kept = trainRun(plainFitSpec({ depth: 2, width: 4, steps: 5, normalization: 'batch' }), {
      keepModel: true,
    });
    kept.model!.loss().dispose();
    kept.model!.dispose();
    const abort = { aborted: false };
    expect(() =>
      trainRun(plainFitSpec({ steps: 100, optimizer: 'adam' }), {
        signal: abort,
        onProgress: (p) => {
          if (p.step === 30) abort.aborted = true;
        },
      }),
    ).toThrow();
    expect(() => trainRun(plainFitSpec(), { signal: { aborted: true } })).toThrow();
    expect(runs).toHaveLength(9);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the model on request: its loss matches the run, and the initial values are the step-0 weights', () => {
    const spec = plainFitSpec({
      depth: 2,
      width: 4,
      steps: 30,
      normalization: 'layer',
      optimizer: 'adam',
      learningRate: 0.01,
    });
    const { result, model, initialParams } = trainRun(spec, { keepModel: true });
    try {
      expect(model!.paramKinds).toEqual([
        'kernel',
        'bias',
        'norm',
        'norm',
        'kernel',
        'bias',
        'norm',
        'norm',
        'kernel',
        'bias',
      ]);
      expect(model!.params.map((p) => p.shape)).toEqual([
        [2, 4],
        [4],
        [4],
        [4],
        [4, 4],
        [4],
        [4],
        [4],
        [4, 1],
        [1],
      ]);
      const loss = model!.loss();
      expect(loss.dataSync()[0]).toBeCloseTo(result.finalLoss, 5);
      loss.dispose();
      model!.params.forEach((p, i) => {
        tf.tidy(() => p.assign(tf.tensor(initialParams![i]!, p.shape)));
      });
      const initialLoss = model!.loss();
      expect(initialLoss.dataSync()[0]).toBeCloseTo(result.lossCurve.losses[0]!, 5);
      initialLoss.dispose();
    } finally {
      model!.dispose();
    }
  });

  it('views the decision grid through the training batch: a corner gets the same probability on any grid size', () => {
    const spec = plainFitSpec({
      depth: 2,
      width: 8,
      steps: 40,
      normalization: 'batch',
      activation: 'relu',
      init: 'he',
    });
    const small = trainRun({ ...spec, gridSize: 2 }, {}).result.boundary!;
    const large = trainRun({ ...spec, gridSize: 5 }, {}).result.boundary!;
    expect(small.probabilities[0]).toBeCloseTo(large.probabilities[0]!, 4);
    expect(small.probabilities[3]).toBeCloseTo(large.probabilities[24]!, 4);
  });

  it('trains every activation, init, optimizer and loss to a finite loss', () => {
    const options = [
      { activation: 'tanh', init: 'orthogonal', optimizer: 'momentum' },
      { activation: 'relu', init: 'he', optimizer: 'adam', learningRate: 0.01 },
      { activation: 'linear', init: 'naive', loss: 'mse' },
      { activation: 'sigmoid', initScale: 3, loss: 'mse' },
    ] as const;
    for (const option of options) {
      const { result } = trainRun(plainFitSpec({ depth: 2, width: 8, steps: 30, ...option }), {});
      expect(Number.isFinite(result.finalLoss)).toBe(true);
      expect(result.finalLoss).toBeLessThan(result.lossCurve.losses[0]! + 1e-6);
    }
  });

  it('times training steps', () => {
    const ms = timeTrainingSteps(plainFitSpec({ depth: 2, width: 8 }), 10);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(1000);
  });
});
