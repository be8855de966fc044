/*
 * Records the runs behind the explainer's claims audit (tests/bot/explain): a grid of small real
 * experiments across activations, initializations, optimizers, learning rates, data sets, residual
 * connections and normalization, plus the runs that once produced false explanations. Training
 * them all takes minutes, so the test reads this file instead of training.
 *
 *   npx tsx scripts/record-explain-audit.ts            # writes tests/bot/explain/audit-runs.json
 */
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { createInlineExecutor } from '../src/engine/inline-executor.js';
import type { ExperimentResult } from '../src/engine/result.js';
import { runExperiment } from '../src/engine/run-experiment.js';
import type { ExperimentSpec } from '../src/engine/spec.js';
import { validateSpec } from '../src/engine/validate.js';

type Options = Record<string, unknown> & { experiment: string };

/** Small enough to train in seconds, large enough to show each effect. */
const sweep = { points: 96, seeds: 2, width: 16 };
const small = { ...sweep, gridSize: 0 };

/** The grid: each entry is one command's options. */
const GRID: Options[] = [
  { experiment: 'train', ...small, depth: 8 },
  {
    experiment: 'train',
    ...small,
    depth: 8,
    activation: 'relu',
    init: 'he',
    optimizer: 'adam',
    learningRate: 0.01,
  },
  { experiment: 'train', ...small, depth: 4, activation: 'tanh', optimizer: 'momentum', dataset: 'circles' },
  { experiment: 'train', ...small, depth: 0, dataset: 'xor' },
  { experiment: 'train', ...small, depth: 0, dataset: 'blobs' },
  { experiment: 'train', ...small, depth: 0, dataset: 'moons', loss: 'mse' },
  { experiment: 'train', ...small, depth: 4, activation: 'linear', init: 'orthogonal' },
  { experiment: 'train', ...small, depth: 6, normalization: 'batch' },
  { experiment: 'train', ...small, depth: 6, activation: 'relu', normalization: 'layer' },
  { experiment: 'train', ...small, depth: 8, residual: true },
  { experiment: 'train', ...small, depth: 8, activation: 'relu', init: 'he', learningRate: 1 },
  { experiment: 'train', ...small, depth: 3, loss: 'mse' },
  {
    experiment: 'train',
    ...small,
    depth: 5,
    activation: 'relu',
    init: 'he',
    optimizer: 'adam',
    learningRate: 0.01,
    dataset: 'spiral',
  },
  { experiment: 'train', ...small, depth: 2, learningRate: 10 },
  { experiment: 'train', ...small, depth: 4, activation: 'relu', init: 'naive' },
  { experiment: 'train', ...small, depth: 10, activation: 'tanh', init: 'naive', loss: 'mse' },
  {
    experiment: 'train',
    ...small,
    depth: 12,
    width: 8,
    activation: 'tanh',
    init: 'orthogonal',
    optimizer: 'momentum',
  },
  {
    experiment: 'train',
    ...small,
    depth: 10,
    activation: 'relu',
    init: 'he',
    residual: true,
    normalization: 'batch',
    optimizer: 'adam',
    learningRate: 0.01,
    steps: 150,
  },
  { experiment: 'compare', ...sweep, depths: [1, 2, 4, 8] },
  {
    experiment: 'compare',
    ...sweep,
    depths: [1, 4, 8],
    activation: 'relu',
    init: 'he',
    optimizer: 'adam',
    learningRate: 0.01,
  },
  { experiment: 'compare', ...sweep, depths: [0, 1, 4], activation: 'linear' },
  { experiment: 'compare', ...sweep, depths: [1, 2, 4], learningRate: 10 },
  { experiment: 'compare', ...sweep, depths: [1, 4, 8], activation: 'relu', init: 'he', residual: true },
  { experiment: 'compare', ...sweep, depths: [2, 6], activation: 'relu', normalization: 'batch' },
  {
    experiment: 'compare',
    ...sweep,
    depths: [1, 3, 6],
    activation: 'tanh',
    init: 'orthogonal',
    dataset: 'circles',
  },
  { experiment: 'compare', ...sweep, depths: [1, 4], loss: 'mse', optimizer: 'momentum' },
  { experiment: 'compare', ...sweep, depths: [1, 6], activation: 'tanh', init: 'naive' },
  { experiment: 'restarts', points: 96, restarts: 6 },
  {
    experiment: 'restarts',
    points: 96,
    restarts: 6,
    architectures: ['neuron', 'three-node'],
    dataset: 'xor',
  },
  {
    experiment: 'restarts',
    points: 96,
    restarts: 6,
    architectures: ['neuron', 'deep'],
    dataset: 'circles',
    learningRate: 0.05,
  },
  {
    experiment: 'restarts',
    points: 96,
    restarts: 6,
    architectures: ['deep'],
    optimizer: 'adam',
    learningRate: 0.5,
  },
  { experiment: 'landscape', points: 96, depth: 6, width: 8, slicePoints: 21 },
  {
    experiment: 'landscape',
    points: 96,
    depth: 6,
    width: 8,
    slicePoints: 21,
    activation: 'sigmoid',
    init: 'glorot',
    optimizer: 'sgd',
    learningRate: 0.1,
  },
  { experiment: 'lp', dataset: 'blobs' },
  { experiment: 'lp', dataset: 'xor' },
  { experiment: 'lp', dataset: 'blobs', noise: 1 },
  { experiment: 'lp', dataset: 'moons' },
  { experiment: 'lp', dataset: 'circles' },
];

/** The runs that showed each false explanation, exactly as a student typed them. */
const FAILURES: Options[] = [
  { experiment: 'train', depth: 16, activation: 'tanh', init: 'naive' },
  { experiment: 'compare', depths: [1, 2, 4, 8], learningRate: 10 },
  { experiment: 'compare', depths: [0, 1, 4, 16], activation: 'linear' },
  { experiment: 'restarts' },
  { experiment: 'restarts', architectures: ['deep'], steps: 1800 },
  { experiment: 'restarts', architectures: ['neuron'], dataset: 'blobs' },
  { experiment: 'train', depth: 32, residual: true, activation: 'relu', init: 'he' },
  { experiment: 'train', depth: 32, residual: true },
  {
    experiment: 'compare',
    depths: [1, 2, 4, 8, 16],
    activation: 'relu',
    init: 'he',
    optimizer: 'adam',
    learningRate: 0.01,
  },
];

/** Five significant digits: plenty for every claim, and a fixture file a third the size. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(5)) : value;
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

/** Keeps the fixture file small: the points, decision grids and animation frames play no part in any claim. */
function strip(result: ExperimentResult): ExperimentResult {
  const copy = rounded(structuredClone(result)) as ExperimentResult;
  if ('data' in copy) copy.data = { x: [], y: [] };
  const runs =
    copy.experiment === 'train' || copy.experiment === 'compare'
      ? copy.runs
      : copy.experiment === 'restarts'
        ? copy.groups.flatMap((g) => g.runs)
        : [];
  for (const run of runs) {
    delete run.boundary;
    delete run.frames;
  }
  return copy;
}

function validated(options: Options): ExperimentSpec {
  const validation = validateSpec(options);
  if (!validation.ok) throw new Error(`${JSON.stringify(options)}: ${JSON.stringify(validation.errors)}`);
  return validation.spec as ExperimentSpec;
}

async function record(options: Options) {
  const executor = createInlineExecutor();
  const started = performance.now();
  const result = await runExperiment(validated(options), {
    execute: executor.execute,
    backend: 'wasm',
  });
  console.log(`${JSON.stringify(options)}: ${Math.round(performance.now() - started)} ms`);
  return { options, result: strip(result) };
}

tf.env().set('PROD', true);
await tf.setBackend('wasm');
await tf.ready();
// Check every entry before spending minutes on the first ones.
for (const options of [...GRID, ...FAILURES]) validated(options);
const grid = [];
for (const options of GRID) grid.push(await record(options));
const failures = [];
for (const options of FAILURES) failures.push(await record(options));
// JSON writes NaN as null, as the queue and the cache do: the explainer must read both.
const out = new URL('../tests/bot/explain/audit-runs.json', import.meta.url);
writeFileSync(out, `${JSON.stringify({ grid, failures })}\n`);
console.log(`wrote ${out.pathname}`);
