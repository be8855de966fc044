import { beforeAll, describe, expect, it } from 'vitest';
import { trainRun } from '../../../src/engine/fit.js';
import type { Activation, Init } from '../../../src/engine/limits.js';
import { residualBranchScale } from '../../../src/engine/model/layers.js';
import { plainFitSpec } from '../fit-spec.js';
import { useWasmBackend } from '../wasm-backend.js';

beforeAll(async () => {
  await useWasmBackend();
});

/** A depth-32 residual net trained with the train experiment's defaults (SGD, learning rate 0.1). */
function deepResidualRun(activation: Activation, init: Init, steps: number) {
  const spec = plainFitSpec({ depth: 32, width: 16, activation, init, residual: true, steps, gridSize: 0 });
  return trainRun(spec, {}).result;
}

describe('residual branches scaled by 1/sqrt(blocks)', () => {
  it('shrinks with the number of blocks and leaves a net without blocks alone', () => {
    expect(residualBranchScale(0)).toBe(1);
    expect(residualBranchScale(1)).toBe(1);
    expect(residualBranchScale(31)).toBeCloseTo(1 / Math.sqrt(31), 12);
  });

  // Unscaled, relu + He doubled the signal's variance per block: the depth-32 net started near a
  // loss of 1e6 and overflowed to NaN on its first steps.
  it('start a depth-32 relu + He net at a sane loss and train it without overflow', () => {
    const run = deepResidualRun('relu', 'he', 60);
    const losses = run.lossCurve.losses;
    expect(losses[0]).toBeLessThan(20);
    for (const loss of losses) expect(Number.isFinite(loss)).toBe(true);
    expect(run.finalLoss).toBeLessThan(losses[0]!);
    for (const snapshot of run.gradientNorms) {
      for (const norm of snapshot.perLayer) expect(Number.isFinite(norm)).toBe(true);
    }
  });

  it('start a depth-32 sigmoid + Glorot net at a sane loss, with no NaN', () => {
    const run = deepResidualRun('sigmoid', 'glorot', 30);
    expect(run.lossCurve.losses[0]).toBeLessThan(5);
    for (const loss of run.lossCurve.losses) expect(Number.isFinite(loss)).toBe(true);
  });
});
