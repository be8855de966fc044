import { describe, expect, it } from 'vitest';
import { comparePlanner } from '../../../src/engine/experiments/compare.js';
import { PLANNERS } from '../../../src/engine/experiments/index.js';
import { trainPlanner } from '../../../src/engine/experiments/train.js';
import type { FitSpec, RunResult } from '../../../src/engine/result.js';
import { type CompareSpec, EXPERIMENTS, type TrainSpec } from '../../../src/engine/spec.js';
import type { WorkUnit } from '../../../src/engine/units.js';
import { validateSpec } from '../../../src/engine/validate.js';

function spec<T>(experiment: string, options: Record<string, unknown>): T {
  const validation = validateSpec({ experiment, ...options });
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  return validation.spec as T;
}

function fitSpecs(units: WorkUnit[]): FitSpec[] {
  return units.map((unit) => {
    if (unit.kind !== 'fit') throw new Error('expected fit units');
    return unit.spec;
  });
}

/** A made-up run: its loss and its step-0 gradient norms (first layer, ..., last layer). */
function fakeRun(depth: number, finalLoss: number, initGradients: number[], finalAccuracy = 0.5): RunResult {
  return {
    depth,
    width: 4,
    activation: 'sigmoid',
    residual: false,
    seed: 1,
    finalLoss,
    finalAccuracy,
    lossCurve: { steps: [0], losses: [finalLoss] },
    gradientNorms: [{ step: 0, perLayer: initGradients }],
    saturation: { atInit: [], atEnd: [] },
    durationMs: 1,
  };
}

describe('planners', () => {
  it('cover every experiment', () => {
    expect(Object.keys(PLANNERS).sort()).toEqual([...EXPERIMENTS].sort());
  });

  it('train: one fit unit per seed, init seeds seed, seed+1, ..., one data seed, a grid on the first run only', () => {
    const train = spec<TrainSpec>('train', { seeds: 3, seed: 7, depth: 4, gridSize: 20, optimizer: 'adam' });
    const fits = fitSpecs(trainPlanner.plan(train));
    expect(fits.map((f) => f.seed)).toEqual([7, 8, 9]);
    expect(fits.map((f) => f.dataSeed)).toEqual([7, 7, 7]);
    expect(fits.map((f) => f.gridSize)).toEqual([20, 0, 0]);
    expect(fits.every((f) => f.depth === 4 && f.optimizer === 'adam' && f.steps === train.steps)).toBe(true);
  });

  it('train: assembles a summary over seeds and the training points', () => {
    const train = spec<TrainSpec>('train', { seeds: 2, points: 16, depth: 2 });
    const runs = [fakeRun(2, 0.3, [0.01, 0.5, 1], 0.8), fakeRun(2, 0.5, [0.03, 0.5, 1], 0.6)];
    const result = trainPlanner.assemble(train, runs);
    expect(result.runs).toEqual(runs);
    expect(result.data.x).toHaveLength(16);
    expect(result.summary.depth).toBe(2);
    expect(result.summary.meanFinalLoss).toBeCloseTo(0.4, 12);
    expect(result.summary.minFinalLoss).toBe(0.3);
    expect(result.summary.maxFinalLoss).toBe(0.5);
    expect(result.summary.meanAccuracy).toBeCloseTo(0.7, 12);
    expect(result.summary.gradientRatio).toBeCloseTo(0.02, 12);
  });

  it('train: a single neuron has no gradient ratio', () => {
    const train = spec<TrainSpec>('train', { seeds: 1, depth: 0 });
    const result = trainPlanner.assemble(train, [fakeRun(0, 0.3, [0.2])]);
    expect(result.summary).not.toHaveProperty('gradientRatio');
  });

  it('compare: every depth gets the same seeds and no grid; summaries follow spec.depths', () => {
    const compare = spec<CompareSpec>('compare', { depths: [8, 1], seeds: 2, seed: 3 });
    const fits = fitSpecs(comparePlanner.plan(compare));
    expect(fits.map((f) => [f.depth, f.seed, f.gridSize])).toEqual([
      [8, 3, 0],
      [8, 4, 0],
      [1, 3, 0],
      [1, 4, 0],
    ]);
    const runs = [
      fakeRun(8, 0.69, [1e-5, 1]),
      fakeRun(8, 0.7, [3e-5, 1]),
      fakeRun(1, 0.2, [0.3, 1]),
      fakeRun(1, 0.3, [0.5, 1]),
    ];
    const { summaries } = comparePlanner.assemble(compare, runs);
    expect(summaries.map((s) => s.depth)).toEqual([8, 1]);
    expect(summaries[0]!.meanFinalLoss).toBeCloseTo(0.695, 12);
    expect(summaries[0]!.gradientRatio).toBeCloseTo(2e-5, 12);
    expect(summaries[1]!.gradientRatio).toBeCloseTo(0.4, 12);
  });

  it('refuse results that do not match their plan', () => {
    const compare = spec<CompareSpec>('compare', { depths: [1, 2], seeds: 2 });
    expect(() => comparePlanner.assemble(compare, [fakeRun(1, 0.2, [1, 1])])).toThrow(/expected 4/);
  });
});
