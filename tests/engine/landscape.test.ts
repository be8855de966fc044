import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { landscapePlanner } from '../../src/engine/experiments/landscape.js';
import { trainRun } from '../../src/engine/fit.js';
import { runLandscapeUnit } from '../../src/engine/landscape/run.js';
import type { LandscapeVariant } from '../../src/engine/result.js';
import type { LandscapeSpec } from '../../src/engine/spec.js';
import type { LandscapeUnitSpec, UnitProgress } from '../../src/engine/units.js';
import { validateSpec } from '../../src/engine/validate.js';

// Small enough to run in a second or two; 9 slice points put alpha 0 and 1 and t = 0 on the grid.
const spec: LandscapeSpec = {
  depth: 3,
  width: 6,
  activation: 'relu',
  init: 'he',
  slicePoints: 9,
  span: 1,
  optimizer: 'adam',
  learningRate: 0.01,
  steps: 40,
  dataset: 'moons',
  points: 64,
  noise: 0.1,
  seed: 2,
};

const unitSpecs = () => landscapePlanner.plan(spec).map((unit) => unit.spec as LandscapeUnitSpec);

beforeAll(async () => {
  await tf.setBackend('wasm');
});

describe('landscapePlanner', () => {
  it('plans shallow, deep plain and deep residual networks that differ only in depth and skips', () => {
    const units = landscapePlanner.plan(spec);
    expect(units.map((u) => u.kind)).toEqual(['landscape', 'landscape', 'landscape']);
    const specs = unitSpecs();
    expect(specs.map((u) => [u.label, u.fit.depth, u.fit.residual])).toEqual([
      ['shallow', 1, false],
      ['deep plain', 3, false],
      ['deep residual', 3, true],
    ]);
    for (const u of specs) {
      expect(u).toMatchObject({ slicePoints: 9, span: 1 });
      expect(u.fit).toMatchObject({ seed: 2, dataSeed: 2, width: 6, optimizer: 'adam', gridSize: 0 });
      expect(u.fit).toMatchObject({ normalization: 'none', loss: 'cross-entropy' });
    }
  });
});

describe('runLandscapeUnit', () => {
  it('slices each network through its initial and final weights without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const variants: LandscapeVariant[] = unitSpecs().map((unit) => {
      const variant = runLandscapeUnit(unit);
      // A landscape keeps its model (tf.Variables) and so always trains on the tf path.
      const reference = trainRun(unit.fit, { path: 'tfjs' }).result;
      // alpha 0 is the initial network, alpha 1 (and t = 0 of the random direction) the final one.
      expect(variant.line.positions[2]).toBe(0);
      expect(variant.line.positions[6]).toBe(1);
      expect(variant.line.losses[2]).toBeCloseTo(reference.lossCurve.losses[0]!, 5);
      expect(variant.line.losses[6]).toBeCloseTo(reference.finalLoss, 5);
      expect(variant.direction.positions[4]).toBe(0);
      expect(variant.direction.losses[4]).toBeCloseTo(reference.finalLoss, 5);
      expect(variant.finalLoss).toBe(reference.finalLoss);
      return variant;
    });
    expect(tf.memory().numTensors).toBe(before);

    const result = landscapePlanner.assemble(spec, variants);
    expect(result.variants.map((v) => v.label)).toEqual(['shallow', 'deep plain', 'deep residual']);
    for (const v of result.variants) {
      expect(v.line.positions).toHaveLength(9);
      expect(v.line.losses).toHaveLength(9);
      expect(v.direction.positions).toEqual([-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1]);
      expect(v.direction.losses).toHaveLength(9);
      expect(v.direction.losses.every(Number.isFinite)).toBe(true);
      expect(v.roughness).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(v.extraMinima) && v.extraMinima >= 0).toBe(true);
    }
  });

  it('reports training steps, then one step per slice evaluation', () => {
    const unit = unitSpecs()[0]!;
    const progress: UnitProgress[] = [];
    runLandscapeUnit(unit, { onProgress: (p) => progress.push(p) });
    const total = unit.fit.steps + 2 * unit.slicePoints;
    expect(progress.every((p) => p.steps === total)).toBe(true);
    const steps = progress.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(total);
    expect(steps.filter((s) => s > unit.fit.steps)).toHaveLength(2 * unit.slicePoints);
  });

  it('stops between slice evaluations when aborted, and frees the model', () => {
    const unit = unitSpecs()[1]!;
    const before = tf.memory().numTensors;
    const flag = { aborted: false };
    const run = () =>
      runLandscapeUnit(unit, {
        signal: flag,
        onProgress: (p) => {
          if (p.step > unit.fit.steps + 3) flag.aborted = true;
        },
      });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('landscape defaults', () => {
  it('show the deep plain slice as the bumpy one, as Li et al. (2018) report', () => {
    const validation = validateSpec({ experiment: 'landscape' });
    if (!validation.ok || validation.spec.experiment !== 'landscape')
      throw new Error('defaults must validate');
    const { experiment: _name, ...defaults } = validation.spec;
    const [shallow, plain, residual] = landscapePlanner
      .plan(defaults)
      .map((unit) => runLandscapeUnit(unit.spec as LandscapeUnitSpec));
    const bumpiness = (v: LandscapeVariant) => v.extraMinima + v.roughness - 1;
    expect(plain!.extraMinima).toBeGreaterThan(0);
    expect(bumpiness(plain!)).toBeGreaterThan(bumpiness(shallow!));
    expect(bumpiness(plain!)).toBeGreaterThan(bumpiness(residual!));
    // Every network trained: the comparison is between minima, not between failures.
    for (const v of [shallow!, plain!, residual!]) expect(v.finalLoss).toBeLessThan(0.1);
  });
});
