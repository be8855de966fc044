import { beforeAll, describe, expect, it } from 'vitest';
import { trainRun } from '../../src/engine/fit.js';
import { fitSpec } from './runtime-fixtures.js';
import { useWasmBackend } from './wasm-backend.js';

beforeAll(async () => {
  await useWasmBackend();
});

describe('layers watched over training', () => {
  it('records each hidden layer at the gradient snapshots', () => {
    const { result } = trainRun(fitSpec({ depth: 3, steps: 40 }), {});
    const stats = result.layerStats ?? [];
    expect(stats.map((s) => s.step)).toEqual(result.gradientNorms.map((g) => g.step));
    for (const s of stats) {
      expect(s.mean).toHaveLength(3);
      expect(s.spread).toHaveLength(3);
      expect(s.saturated).toHaveLength(3);
      // Sigmoid outputs lie in (0, 1).
      for (const m of s.mean) expect(m).toBeGreaterThan(0);
      for (const m of s.mean) expect(m).toBeLessThan(1);
    }
    // The last snapshot sees the final weights, as RunResult.saturation.atEnd does.
    expect(stats.at(-1)?.saturated).toEqual(result.saturation.atEnd);
  });

  it('sees tanh units saturate under large Gaussian weights and stay linear under small ones', () => {
    const tanh = (weightScale: number) =>
      trainRun(
        fitSpec({
          depth: 4,
          width: 16,
          steps: 10,
          activation: 'tanh',
          init: 'gaussian',
          weightScale,
          biasScale: 0.05,
        }),
        {},
      ).result.layerStats![0]!;
    const chaotic = tanh(16);
    const ordered = tanh(0.25);
    // Deep layers of the σ_w² = 16 net sit near ±1 (spread near 1, some units saturated on 90% of
    // the points); the σ_w² = 0.25 net's activations shrink toward 0 and none saturate.
    expect(chaotic.spread.at(-1)!).toBeGreaterThan(0.8);
    expect(chaotic.saturated.some((f) => f > 0)).toBe(true);
    expect(ordered.spread.at(-1)!).toBeLessThan(0.3);
    expect(ordered.saturated.every((f) => f === 0)).toBe(true);
  });

  it('can be switched off, leaving the training itself unchanged', () => {
    const spec = fitSpec({ depth: 2, steps: 20 });
    const on = trainRun(spec, {}).result;
    const off = trainRun(spec, { watchLayers: false }).result;
    expect(off.layerStats).toBeUndefined();
    expect(off.lossCurve).toEqual(on.lossCurve);
  });
});
