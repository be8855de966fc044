import { beforeAll, describe, expect, it } from 'vitest';
import {
  computePathOf,
  forwardMultiplyAdds,
  longestFirst,
  PLAIN_MAX_MULTIPLY_ADDS,
} from '../../../src/engine/compute-path.js';
import { comparePlanner } from '../../../src/engine/experiments/compare.js';
import { mapPlanner } from '../../../src/engine/experiments/map.js';
import { trainRun } from '../../../src/engine/fit.js';
import { createInlineExecutor } from '../../../src/engine/inline-executor.js';
import type { CompareResult, FitSpec, RunResult } from '../../../src/engine/result.js';
import { runExperiment } from '../../../src/engine/run-experiment.js';
import type { UnitProgress } from '../../../src/engine/units.js';
import { validateSpec } from '../../../src/engine/validate.js';
import { plainFitSpec } from '../fit-spec.js';
import { useWasmBackend } from '../wasm-backend.js';

beforeAll(async () => {
  await useWasmBackend();
});

/** Both paths' results of one spec. */
function bothPaths(spec: FitSpec): { tfjs: RunResult; typed: RunResult } {
  return {
    tfjs: trainRun(spec, { path: 'tfjs' }).result,
    typed: trainRun(spec, { path: 'typed-arrays' }).result,
  };
}

function expectClose(actual: number[], expected: number[], tolerance: number, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((value, i) => {
    expect(Math.abs(value - expected[i]!), `${what}[${i}]`).toBeLessThanOrEqual(
      tolerance * Math.max(1, Math.abs(expected[i]!)),
    );
  });
}

describe('the typed-array path', () => {
  const variants: Partial<FitSpec>[] = [
    {},
    { optimizer: 'momentum' },
    { optimizer: 'adam', learningRate: 0.01 },
    { activation: 'relu', init: 'he', residual: true },
    { activation: 'tanh', normalization: 'batch' },
    { activation: 'tanh', normalization: 'layer', residual: true, loss: 'mse' },
    { depth: 0 },
    { init: 'gaussian', weightScale: 2, biasScale: 0.05, activation: 'tanh' },
  ];
  for (const variant of variants) {
    it(`measures a run as the tf path does: ${JSON.stringify(variant)}`, () => {
      const spec = plainFitSpec({
        depth: 3,
        width: 8,
        points: 64,
        steps: 30,
        gridSize: 6,
        frames: 4,
        ...variant,
      });
      const { tfjs, typed } = bothPaths(spec);
      expect(tfjs.path).toBe('tfjs');
      expect(typed.path).toBe('typed-arrays');
      // float32 (tf) against float64 (typed arrays): agreement to rounding noise. Only 30 steps: the
      // tanh + batch norm net at learning rate 0.1 turns chaotic near step 33, after which the two
      // roundings part exponentially (1e-7 at step 32, 1e-3 by step 40), as two float32 runs would.
      expectClose(typed.lossCurve.losses, tfjs.lossCurve.losses, 1e-5, 'loss curve');
      expect(typed.lossCurve.steps).toEqual(tfjs.lossCurve.steps);
      expect(typed.finalLoss).toBeCloseTo(tfjs.finalLoss, 5);
      expect(typed.finalAccuracy).toBe(tfjs.finalAccuracy);
      expect(typed.gradientNorms.map((g) => g.step)).toEqual(tfjs.gradientNorms.map((g) => g.step));
      typed.gradientNorms.forEach((g, i) => {
        expectClose(g.perLayer, tfjs.gradientNorms[i]!.perLayer, 1e-3, 'gradient norms');
      });
      expect(typed.saturation).toEqual(tfjs.saturation);
      expect(typed.layerStats?.map((s) => s.saturated)).toEqual(tfjs.layerStats?.map((s) => s.saturated));
      typed.layerStats!.forEach((s, i) => {
        expectClose(s.mean, tfjs.layerStats![i]!.mean, 1e-4, 'layer means');
        expectClose(s.spread, tfjs.layerStats![i]!.spread, 1e-4, 'layer spreads');
      });
      const { probabilities: p, ...box } = typed.boundary!;
      const { probabilities: q, ...tfBox } = tfjs.boundary!;
      expect(box).toEqual(tfBox);
      expectClose(p, q, 2e-4, 'boundary');
      expect(typed.frames!.frames.map((f) => f.step)).toEqual(tfjs.frames!.frames.map((f) => f.step));
      typed.frames!.frames.forEach((f, i) => {
        expectClose(f.probabilities, tfjs.frames!.frames[i]!.probabilities, 2e-3, 'frame');
      });
    });
  }

  it('is reproducible from the seed, and another seed gives another run', () => {
    const spec = plainFitSpec({ depth: 2, width: 16, steps: 60, gridSize: 5, frames: 3 });
    const strip = ({ durationMs: _d, ...rest }: RunResult) => rest;
    const first = trainRun(spec, { path: 'typed-arrays' }).result;
    expect(strip(trainRun(spec, { path: 'typed-arrays' }).result)).toEqual(strip(first));
    expect(trainRun({ ...spec, seed: 2 }, { path: 'typed-arrays' }).result.lossCurve.losses).not.toEqual(
      first.lossCurve.losses,
    );
  });

  it('reports progress as the tf path does, and stops at the abort flag', () => {
    const reports: UnitProgress[] = [];
    trainRun(plainFitSpec({ depth: 1, steps: 35 }), { onProgress: (p) => reports.push(p) });
    expect(reports.map((p) => p.step)).toEqual([0, 10, 20, 30, 35]);
    for (const p of reports) expect(p.steps).toBe(35);
    let raised = false;
    let lastStep = -1;
    const run = () =>
      trainRun(plainFitSpec({ depth: 1, steps: 1000 }), {
        signal: {
          get aborted() {
            return raised;
          },
        },
        onProgress: (p) => {
          lastStep = p.step;
          if (p.step === 20) raised = true;
        },
      });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(lastStep).toBe(20);
  });
});

describe('computePathOf', () => {
  it('sends the small default-width nets to typed arrays and larger ones to TensorFlow.js', () => {
    const shallow = plainFitSpec({ depth: 1 });
    const deep = plainFitSpec({ depth: 8 });
    expect(forwardMultiplyAdds(shallow)).toBe(256 * (2 * 32 + 32));
    expect(computePathOf(shallow)).toBe('typed-arrays');
    expect(computePathOf(plainFitSpec({ depth: 2 }))).toBe('tfjs');
    expect(computePathOf(deep)).toBe('tfjs');
    expect(forwardMultiplyAdds(deep)).toBeGreaterThan(PLAIN_MAX_MULTIPLY_ADDS);
    // Fewer points make the same net cheaper: depth 4 on 64 points is small again.
    expect(computePathOf(plainFitSpec({ depth: 4, points: 64 }))).toBe('typed-arrays');
    // A run that keeps its model (the landscape) needs tf.Variables.
    expect(computePathOf(shallow, true)).toBe('tfjs');
    expect(trainRun({ ...shallow, steps: 5 }, {}).result.path).toBe('typed-arrays');
    expect(trainRun({ ...deep, steps: 5 }, {}).result.path).toBe('tfjs');
  });
});

describe('an experiment over both paths', () => {
  const checked = (input: { experiment: string } & Record<string, unknown>) => {
    const result = validateSpec(input);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.spec;
  };

  it('counts its runs per path, and keeps them in planned order although it starts the longest first', async () => {
    const spec = checked({ experiment: 'compare', depths: [1, 4], seeds: 2, steps: 5, animate: false });
    const result = (await runExperiment(spec, {
      ...createInlineExecutor(),
      backend: 'wasm',
    })) as CompareResult;
    expect(result.paths).toEqual({ 'typed-arrays': 2, tfjs: 2 });
    expect(result.runs.map((r) => [r.depth, r.path])).toEqual([
      [1, 'typed-arrays'],
      [1, 'typed-arrays'],
      [4, 'tfjs'],
      [4, 'tfjs'],
    ]);
    const allTf = await runExperiment(spec, {
      ...createInlineExecutor({ typedArrays: false }),
      backend: 'wasm',
    });
    expect(allTf.paths).toEqual({ tfjs: 4 });
  });

  it('starts the deepest runs first, and units that train nothing before any', () => {
    const compare = checked({ experiment: 'compare', depths: [1, 2, 4, 8, 16], seeds: 2 });
    const units = comparePlanner.plan(compare as never);
    const depths = longestFirst(units).map((i) => (units[i]!.kind === 'fit' ? units[i]!.spec.depth : -1));
    expect(depths).toEqual([16, 16, 8, 8, 4, 4, 2, 2, 1, 1]);
    const map = checked({ experiment: 'map', activation: 'tanh', init: 'gaussian', axis: 'weightScale' });
    const mapUnits = mapPlanner.plan(map as never);
    expect(mapUnits[0]!.kind).toBe('signal');
    expect(longestFirst(mapUnits)[0]).toBe(0);
  });
});
