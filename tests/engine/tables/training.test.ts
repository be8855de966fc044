import { beforeAll, describe, expect, it } from 'vitest';
import { trainRun } from '../../../src/engine/fit.js';
import { createInlineExecutor } from '../../../src/engine/inline-executor.js';
import type { CompareResult, FitSpec, RunResult, TrainResult } from '../../../src/engine/result.js';
import { runExperiment } from '../../../src/engine/run-experiment.js';
import { builtInTable } from '../../../src/engine/tables/built-in.js';
import type { Table } from '../../../src/engine/tables/table.js';
import { validateSpec } from '../../../src/engine/validate.js';
import { plainFitSpec } from '../fit-spec.js';
import { useWasmBackend } from '../wasm-backend.js';

beforeAll(async () => {
  await useWasmBackend();
});

const iris = () => builtInTable('iris');

/** Iris with only two of its features (petal length and width): a table in the plane. */
function petals(): Table {
  const t = iris();
  return { ...t, name: 'petals', features: t.features.slice(2), rows: t.rows.map((r) => r.slice(2)) };
}

function run(spec: FitSpec, path: 'tfjs' | 'typed-arrays'): RunResult {
  return trainRun(spec, { path }).result;
}

async function experiment<R>(
  options: { experiment: string } & Record<string, unknown>,
  typedArrays = true,
): Promise<R> {
  const checked = validateSpec(options);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return (await runExperiment(checked.spec, {
    ...createInlineExecutor({ typedArrays }),
    backend: 'wasm',
  })) as R;
}

describe('training on a table of K classes', () => {
  it('beats chance (1/3) on iris on both compute paths, which agree, from a loss above ln 3', () => {
    const spec = plainFitSpec({
      table: iris(),
      standardize: true,
      depth: 1,
      width: 16,
      steps: 200,
      gridSize: 10,
    });
    const typed = run(spec, 'typed-arrays');
    const tfjs = run(spec, 'tfjs');
    for (const result of [typed, tfjs]) {
      expect(result.finalAccuracy).toBeGreaterThan(0.8);
      expect(result.finalLoss).toBeLessThan(Math.log(3) / 2);
      expect(result.lossCurve.losses[0]!).toBeGreaterThan(Math.log(3));
      // Four inputs: no plane for a grid; the predictions mark errors on the projection instead.
      expect(result.boundary).toBeUndefined();
      expect(result.predictions).toHaveLength(150);
      const correct = result.predictions!.filter((p, i) => p === iris().labels[i]).length / 150;
      expect(correct).toBeCloseTo(result.finalAccuracy, 10);
    }
    typed.lossCurve.losses.forEach((loss, i) => {
      expect(loss).toBeCloseTo(tfjs.lossCurve.losses[i]!, 4);
    });
    expect(typed.finalAccuracy).toBe(tfjs.finalAccuracy);
    expect(typed.gradientNorms.map((g) => g.perLayer.length)).toEqual(
      tfjs.gradientNorms.map((g) => g.perLayer.length),
    );
  });

  it('is reproducible from the seed, and another seed starts elsewhere', () => {
    const spec = plainFitSpec({ table: iris(), depth: 2, width: 8, steps: 40 });
    const { durationMs: _a, ...first } = run(spec, 'typed-arrays');
    const { durationMs: _b, ...again } = run(spec, 'typed-arrays');
    expect(again).toEqual(first);
    const other = run({ ...spec, seed: spec.seed + 1 }, 'typed-arrays');
    expect(other.lossCurve.losses[0]).not.toBe(first.lossCurve.losses[0]);
  });

  it('draws a K-class decision grid and animation frames for a table of two features', () => {
    const spec = plainFitSpec({ table: petals(), depth: 1, width: 8, steps: 60, gridSize: 12, frames: 3 });
    for (const path of ['typed-arrays', 'tfjs'] as const) {
      const result = run(spec, path);
      expect(result.boundary?.classes).toHaveLength(144);
      expect(new Set(result.boundary!.classes)).toEqual(new Set([0, 1, 2]));
      // The winning class's probability, so never below 1/3.
      expect(Math.min(...result.boundary!.probabilities)).toBeGreaterThanOrEqual(1 / 3 - 1e-4);
      expect(result.frames?.frames).toHaveLength(3);
      expect(result.frames!.frames[0]!.classes).toHaveLength(24 * 24);
    }
  });

  it('keeps a 2-class table on one sigmoid output: class-1 probabilities, no class list', () => {
    const t = petals();
    const two: Table = { ...t, classes: ['setosa', 'other'], labels: t.labels.map((l) => (l === 0 ? 0 : 1)) };
    const result = run(
      plainFitSpec({
        table: two,
        depth: 1,
        width: 4,
        steps: 100,
        gridSize: 5,
        optimizer: 'adam',
        learningRate: 0.05,
      }),
      'typed-arrays',
    );
    expect(result.boundary?.classes).toBeUndefined();
    expect(result.finalAccuracy).toBe(1);
  });
});

describe('experiments on a table', () => {
  it('train on iris: the data are the projection onto two principal components, and the result says so', async () => {
    const result = await experiment<TrainResult>({
      experiment: 'train',
      dataset: 'iris',
      depth: 1,
      seeds: 1,
      steps: 50,
    });
    expect(result.tableView).toMatchObject({ standardized: true, plane: 'projection' });
    expect(result.tableView!.projection!.explained[0]).toBeCloseTo(0.7296, 4);
    expect(result.data.x).toHaveLength(150);
    expect(result.data.y).toEqual(iris().labels);
    expect(result.runs[0]!.frames).toBeUndefined();
    expect(result.runs[0]!.predictions).toHaveLength(150);
  });

  it('train on a 2-feature table shows its standardized inputs themselves', async () => {
    const result = await experiment<TrainResult>({
      experiment: 'train',
      table: petals(),
      depth: 1,
      seeds: 1,
      steps: 20,
      frames: 2,
    });
    expect(result.tableView).toEqual({ standardized: true, plane: 'inputs' });
    const mean = result.data.x.reduce((s, p) => s + p[0], 0) / 150;
    expect(Math.abs(mean)).toBeLessThan(1e-3);
    expect(result.runs[0]!.boundary?.classes).toBeDefined();
    expect(result.runs[0]!.frames?.frames).toHaveLength(2);
  });

  it('compare, map, restarts and landscape run on iris on both paths with the same numbers', async () => {
    const options = { experiment: 'compare', dataset: 'iris', depths: [1, 3], seeds: 1, steps: 30 };
    const typed = await experiment<CompareResult>(options);
    const tf = await experiment<CompareResult>(options, false);
    expect(typed.tableView?.plane).toBe('projection');
    typed.runs.forEach((r, i) => {
      expect(r.finalLoss).toBeCloseTo(tf.runs[i]!.finalLoss, 4);
    });
    expect(typed.runs.every((r) => r.frames === undefined)).toBe(true);
    const map = await experiment<{ cells: { finalLosses: number[] }[] }>({
      experiment: 'map',
      dataset: 'iris',
      depths: [1, 2],
      values: [1, 2],
      steps: 20,
    });
    expect(map.cells.flatMap((c) => c.finalLosses).every(Number.isFinite)).toBe(true);
    const restarts = await experiment<{ groups: { label: string; finalLosses: number[] }[] }>({
      experiment: 'restarts',
      dataset: 'iris',
      architectures: ['neuron', 'three-node'],
      restarts: 2,
      steps: 20,
    });
    expect(restarts.groups.map((g) => g.label)).toEqual([
      'one layer (softmax regression), cross-entropy',
      'three-node net (2 hidden + 3 softmax outputs)',
    ]);
    const landscape = await experiment<{ variants: { finalLoss: number }[] }>({
      experiment: 'landscape',
      dataset: 'iris',
      depth: 3,
      width: 8,
      steps: 20,
      slicePoints: 5,
    });
    expect(landscape.variants.every((v) => Number.isFinite(v.finalLoss))).toBe(true);
  });

  it('lp on a 2-class table of four features solves in four dimensions', async () => {
    const t = iris();
    const two: Table = { ...t, classes: ['setosa', 'other'], labels: t.labels.map((l) => (l === 0 ? 0 : 1)) };
    const result = await experiment<{
      feasible: boolean;
      weights?: { w: number[] };
      lpAccuracy?: number;
      tableView?: { plane: string };
    }>({
      experiment: 'lp',
      table: two,
      steps: 50,
    });
    // Setosa is linearly separable from the other two species.
    expect(result.feasible).toBe(true);
    expect(result.weights?.w).toHaveLength(4);
    expect(result.lpAccuracy).toBe(1);
    expect(result.tableView?.plane).toBe('projection');
  });
});
