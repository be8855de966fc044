/*
 * Records the runs behind the randomized claims audit (tests/bot/explain): every spec the seeded
 * sampler draws from the whole option space (tests/bot/explain/audit-sampler.ts), plus the runs a
 * student or a reviewer once found a false explanation for. Training them takes minutes, so CI
 * replays this recording; rerun the script after changing the engine's training or measurements.
 *
 *   npx tsx scripts/record-explain-audit.ts        # two processes; writes tests/bot/explain/audit-runs.json.gz
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { createInlineExecutor } from '../src/engine/inline-executor.js';
import type { ExperimentResult } from '../src/engine/result.js';
import { runExperiment } from '../src/engine/run-experiment.js';
import type { ExperimentSpec } from '../src/engine/spec.js';
import { validateSpec } from '../src/engine/validate.js';
import { SAMPLER_SEED, type SampledOptions, sampleSpecs } from '../tests/bot/explain/audit-sampler.js';

type Options = SampledOptions;

/**
 * Runs that once got a misleading or false explanation, exactly as a student or reviewer typed
 * them; each is pinned by a test in tests/bot/explain/failure-classes.test.ts.
 */
const CASES: Options[] = [
  { experiment: 'train' },
  { experiment: 'compare' },
  { experiment: 'map' },
  { experiment: 'compare', depths: [2, 12] },
  { experiment: 'compare', depths: [1, 4, 16], activation: 'relu', init: 'he', normalization: 'batch' },
  { experiment: 'compare', depths: [1, 2, 4, 8], learningRate: 3 },
  { experiment: 'train', depth: 4, activation: 'linear', dataset: 'xor' },
  {
    experiment: 'map',
    axis: 'init',
    activation: 'linear',
    metric: 'steps',
    threshold: 0.25,
    depths: [1, 2, 4, 8, 16],
  },
  { experiment: 'compare', depths: [1, 3, 9], width: 4, dataset: 'circles', learningRate: 1, seeds: 2 },
  { experiment: 'train', steps: 3, learningRate: 0.00001 },
  { experiment: 'train', depth: 2, activation: 'linear', dataset: 'xor' },
  { experiment: 'compare', depths: [1, 2, 4, 8], activation: 'relu', init: 'he', learningRate: 0.5 },
  { experiment: 'compare', depths: [1, 4, 8], init: 'he', optimizer: 'adam', learningRate: 0.01 },
  { experiment: 'map', axis: 'learningRate', activation: 'sigmoid', init: 'glorot', depths: [2, 8] },
  { experiment: 'map', axis: 'activation', depths: [1, 4, 8], dataset: 'xor' },
  { experiment: 'hardness' },
  {
    experiment: 'train',
    depth: 24,
    activation: 'relu',
    init: 'he',
    optimizer: 'adam',
    learningRate: 0.01,
    dataset: 'spiral',
    seeds: 2,
  },
  { experiment: 'train', depth: 0, dataset: 'blobs', noise: 0 },
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
    delete run.layerStats;
    delete run.predictions;
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

/** One shard's share of the work: every n-th entry from its index. */
async function recordShard(index: number, shards: number, out: string) {
  tf.env().set('PROD', true);
  await tf.setBackend('wasm');
  await tf.ready();
  const all = [
    ...sampleSpecs().map((o) => ({ kind: 'sampled', options: o })),
    ...CASES.map((o) => ({ kind: 'case', options: o })),
  ];
  const mine = all.map((entry, position) => ({ ...entry, position })).filter((_, i) => i % shards === index);
  const recorded = [];
  for (const entry of mine) recorded.push({ ...entry, ...(await record(entry.options)) });
  writeFileSync(out, JSON.stringify(recorded));
}

function runChild(index: number, shards: number, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, process.argv[1]!, '--shard', `${index}/${shards}`, out],
      {
        stdio: 'inherit',
      },
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`shard ${index} exited ${code}`))));
  });
}

const shardAt = process.argv.indexOf('--shard');
if (shardAt >= 0) {
  const [index, shards] = (process.argv[shardAt + 1] ?? '0/1').split('/').map(Number) as [number, number];
  await recordShard(index, shards, process.argv[shardAt + 2]!);
} else {
  // Check every entry before spending minutes on the first ones.
  for (const options of [...sampleSpecs(), ...CASES]) validated(options);
  const shards = 2;
  const parts = Array.from({ length: shards }, (_, i) =>
    join(tmpdir(), `explain-audit-${process.pid}-${i}.json`),
  );
  await Promise.all(parts.map((part, i) => runChild(i, shards, part)));
  type Entry = { kind: string; position: number; options: Options; result: ExperimentResult };
  const entries = parts
    .flatMap((part) => JSON.parse(readFileSync(part, 'utf8')) as Entry[])
    .sort((a, b) => a.position - b.position);
  for (const part of parts) rmSync(part);
  const pick = (kind: string) =>
    entries.filter((e) => e.kind === kind).map(({ options, result }) => ({ options, result }));
  // JSON writes NaN as null, as the queue and the cache do: the explainer must read both.
  const out = new URL('../tests/bot/explain/audit-runs.json.gz', import.meta.url);
  const recording = { samplerSeed: SAMPLER_SEED, sampled: pick('sampled'), cases: pick('case') };
  writeFileSync(out, gzipSync(`${JSON.stringify(recording)}\n`, { level: 9 }));
  console.log(`wrote ${out.pathname}`);
}
