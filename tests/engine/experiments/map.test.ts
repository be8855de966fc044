import { beforeAll, describe, expect, it } from 'vitest';
import { mapPlanner, stepsToThreshold } from '../../../src/engine/experiments/map.js';
import { createInlineExecutor } from '../../../src/engine/inline-executor.js';
import type { MapResult, TrainResult } from '../../../src/engine/result.js';
import { runExperiment } from '../../../src/engine/run-experiment.js';
import type { ExperimentSpec } from '../../../src/engine/spec.js';
import { validateSpec } from '../../../src/engine/validate.js';
import { useWasmBackend } from '../wasm-backend.js';

function valid(input: { experiment: string } & Record<string, unknown>): ExperimentSpec {
  const checked = validateSpec(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.spec;
}

const inline = { ...createInlineExecutor(), backend: 'wasm' as const };
const small = { points: 32, width: 6, steps: 30, seeds: 2, seed: 7 };

beforeAll(async () => {
  await useWasmBackend();
});

describe('map experiment', () => {
  it('each cell equals the /train run with the same options and seeds', async () => {
    const options = { ...small, depths: [1, 3], axis: 'weightScale', values: [0.5, 3], biasScale: 0.1 };
    const map = (await runExperiment(valid({ experiment: 'map', ...options }), inline)) as MapResult;
    expect(map.axisValues).toEqual([0.5, 3]);
    expect(map.cells.map((c) => [c.depth, c.value])).toEqual([
      [1, 0.5],
      [1, 3],
      [3, 0.5],
      [3, 3],
    ]);
    for (const cell of map.cells) {
      const train = (await runExperiment(
        valid({
          experiment: 'train',
          ...small,
          depth: cell.depth,
          activation: 'tanh',
          init: 'gaussian',
          weightScale: cell.value,
          biasScale: 0.1,
          gridSize: 0,
        }),
        inline,
      )) as TrainResult;
      expect(cell.finalLosses).toEqual(train.runs.map((r) => r.finalLoss));
    }
    // The two columns really differ: the weight scale reached the weights.
    expect(map.cells[2]!.finalLosses).not.toEqual(map.cells[3]!.finalLosses);
    // tanh over σ_w² with Gaussian weights carries the mean-field theory, one point per column.
    expect(map.theory?.map((p) => p.weightScale)).toEqual([0.5, 3]);
    expect(map.theory?.[0]?.chi1).toBeLessThan(1);
    expect(map.theory?.[1]?.chi1).toBeGreaterThan(1);
  });

  it('varies activation and init over their own fixed columns, with no theory', async () => {
    const spec = valid({
      experiment: 'map',
      ...small,
      seeds: 1,
      depths: [2],
      axis: 'init',
      activation: 'linear',
    });
    const units = mapPlanner.plan(spec as Extract<ExperimentSpec, { experiment: 'map' }>);
    expect(units.map((u) => u.kind === 'fit' && [u.spec.init, u.spec.activation])).toEqual([
      ['gaussian', 'linear'],
      ['orthogonal', 'linear'],
    ]);
    const activations = valid({ experiment: 'map', ...small, depths: [2], axis: 'activation' });
    const result = (await runExperiment(activations, inline)) as MapResult;
    expect(result.axisValues).toEqual(['sigmoid', 'tanh', 'relu', 'linear']);
    expect(result.theory).toBeUndefined();
  });

  it('counts steps to the threshold from the loss curve, or null when never reached', () => {
    const run = { lossCurve: { steps: [0, 10, 20], losses: [0.7, 0.4, 0.2] } } as never;
    expect(stepsToThreshold(run, 0.4)).toBe(10);
    expect(stepsToThreshold(run, 0.1)).toBeNull();
  });

  it('rejects values that do not fit the axis, naming the field', () => {
    const cases = [
      { axis: 'activation', values: [1, 2] },
      { axis: 'width', values: [4, 8.5] },
      { axis: 'learningRate', values: [20] },
    ];
    for (const input of cases) {
      const checked = validateSpec({ experiment: 'map', ...input });
      expect(checked.ok, JSON.stringify(input)).toBe(false);
      if (!checked.ok) {
        expect(checked.errors[0]?.field).toBe('values');
        expect(checked.errors[0]?.message).toMatch(/values/);
      }
    }
    expect(validateSpec({ experiment: 'map', axis: 'width', values: [4, 64] }).ok).toBe(true);
  });

  it('refuses a map whose cells together are too much work', () => {
    const checked = validateSpec({ experiment: 'map', depths: [32, 32, 32], seeds: 8, steps: 3000 });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors[0]?.message).toMatch(/the work one request may take/);
    expect(validateSpec({ experiment: 'map' }).ok).toBe(true);
  });
});
