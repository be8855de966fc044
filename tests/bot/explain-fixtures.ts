import type {
  CompareResult,
  LandscapeVariant,
  LpResult,
  RestartGroup,
  RestartsResult,
  RunResult,
  RunSummary,
  TrainResult,
} from '../../src/engine/result.js';
import type { CompareSpec, TrainSpec } from '../../src/engine/spec.js';
import type { Table } from '../../src/engine/tables/table.js';

/*
 * Small hand-made results with realistic numbers (the sizes measured on the development machine, docs/architecture.md: sigmoid depth 1
 * near 0.26, depth 4+ at ln 2, gradient ratios from 0.3 down to 1e-5).
 */

const data = { dataset: 'moons', points: 256, noise: 0.1, seed: 1 } as const;
const plainSigmoid = {
  width: 32,
  activation: 'sigmoid',
  init: 'glorot',
  residual: false,
  normalization: 'none',
  loss: 'cross-entropy',
  optimizer: 'sgd',
  learningRate: 0.1,
  steps: 300,
  weightScale: 1,
  biasScale: 0,
} as const;

/**
 * One run's measurements; only what the explainer reads is varied. The loss falls from 0.7 and is
 * flat over the last tenth (the run had stopped improving); every layer's gradient at step 0 is
 * 0.1 except the first, which is `gradientRatio` times that.
 */
export function run(
  depth: number,
  finalLoss: number,
  saturationAtEnd: number[] = [],
  seed = 1,
  gradientRatio = 1,
): RunResult {
  const perLayer = Array.from({ length: depth + 1 }, (_, i) => (i === 0 ? 0.1 * gradientRatio : 0.1));
  return {
    depth,
    width: 32,
    activation: 'sigmoid',
    residual: false,
    seed,
    finalLoss,
    finalAccuracy: finalLoss > 0.6 ? 0.5 : 0.88,
    lossCurve: { steps: [0, 270, 300], losses: [0.7, finalLoss, finalLoss] },
    gradientNorms: [{ step: 0, perLayer }],
    saturation: { atInit: saturationAtEnd.map(() => 0.1), atEnd: saturationAtEnd },
    durationMs: 120,
  };
}

/** Summary of a few seeds at one depth, with the runs it summarizes. */
export function summary(
  depth: number,
  losses: number[],
  gradientRatio?: number,
): RunSummary & { runs: RunResult[] } {
  const mean = losses.reduce((a, b) => a + b, 0) / losses.length;
  return {
    runs: losses.map((loss, i) => run(depth, loss, [], 1 + i, gradientRatio)),
    depth,
    meanFinalLoss: mean,
    minFinalLoss: Math.min(...losses),
    maxFinalLoss: Math.max(...losses),
    meanAccuracy: mean > 0.6 ? 0.5 : 0.9,
    ...(gradientRatio === undefined ? {} : { gradientRatio }),
  };
}

/** A `train` result at one depth, from its per-seed final losses. */
export function trainResult(
  options: Partial<TrainSpec> & { depth: number },
  losses: number[],
  gradientRatio?: number,
  saturationAtEnd: number[] = [],
): TrainResult {
  const spec = {
    experiment: 'train' as const,
    ...plainSigmoid,
    ...data,
    seeds: losses.length,
    gridSize: 0,
    animate: false,
    frames: 0,
    ...options,
  };
  return {
    experiment: 'train',
    backend: 'wasm',
    spec,
    durationMs: 400,
    data: { x: [], y: [] },
    runs: losses.map((loss, i) => run(spec.depth, loss, saturationAtEnd, spec.seed + i, gradientRatio)),
    summary: withoutRuns(summary(spec.depth, losses, gradientRatio)),
  };
}

function withoutRuns({ runs: _runs, ...rest }: RunSummary & { runs: RunResult[] }): RunSummary {
  return rest;
}

/** A `compare` result from one summary per depth. */
export function compareResult(
  options: Partial<CompareSpec>,
  depths: (RunSummary & { runs: RunResult[] })[],
): CompareResult {
  const summaries = depths.map(withoutRuns);
  const spec = {
    experiment: 'compare' as const,
    ...plainSigmoid,
    ...data,
    seeds: 3,
    depths: summaries.map((s) => s.depth),
    animate: false,
    frames: 0,
    ...options,
  };
  const runs = depths.flatMap((d) => d.runs);
  return { experiment: 'compare', backend: 'wasm', spec, durationMs: 2000, runs, summaries };
}

/** One restart group from its final losses. */
export function group(
  architecture: RestartGroup['architecture'],
  finalLosses: number[],
  depth = 0,
): RestartGroup {
  const spread = Math.max(...finalLosses) - Math.min(...finalLosses);
  return {
    architecture,
    label: architecture,
    depth,
    width: depth > 0 ? 16 : 1,
    loss: architecture === 'neuron-mse' ? 'mse' : 'cross-entropy',
    finalLosses,
    spread,
    std: spread / 3,
    runs: finalLosses.map((loss, i) => run(depth, loss, [], 1 + i)),
  };
}

/** A `restarts` result from its groups. */
export function restartsResult(groups: RestartGroup[]): RestartsResult {
  return {
    experiment: 'restarts',
    backend: 'wasm',
    spec: {
      experiment: 'restarts',
      ...data,
      architectures: groups.map((g) => g.architecture),
      restarts: 10,
      depth: 6,
      width: 16,
      activation: 'sigmoid',
      optimizer: 'adam',
      learningRate: 0.05,
      steps: 600,
    },
    durationMs: 3000,
    groups,
  };
}

/** A landscape variant; `line` is the loss at alpha -0.5, 0, 0.25, 0.5, 0.75, 1, 1.5. */
export function variant(
  label: string,
  depth: number,
  residual: boolean,
  bumps: { roughness: number; extraMinima: number },
  line = [0.9, 0.7, 0.5, 0.3, 0.15, 0.1, 0.4],
): LandscapeVariant {
  return {
    label,
    depth,
    residual,
    finalLoss: line[5] ?? 0.1,
    line: { positions: [-0.5, 0, 0.25, 0.5, 0.75, 1, 1.5], losses: line },
    direction: { positions: [-1, 0, 1], losses: [0.5, 0.1, 0.5] },
    ...bumps,
  };
}

/** A `landscape` result from its variants. */
export function landscapeResult(variants: LandscapeVariant[]) {
  return {
    experiment: 'landscape' as const,
    backend: 'wasm' as const,
    spec: {
      experiment: 'landscape' as const,
      ...data,
      depth: 10,
      width: 16,
      activation: 'relu' as const,
      init: 'he' as const,
      slicePoints: 41,
      span: 1,
      optimizer: 'sgd' as const,
      learningRate: 0.1,
      steps: 300,
    },
    durationMs: 3000,
    variants,
  };
}

/** An `lp` result: feasible with weights, or infeasible with its violation count. */
export function lpResult(
  dataset: 'xor' | 'blobs',
  feasible: boolean,
  gd: { finalLoss: number; accuracy: number },
): LpResult {
  return {
    experiment: 'lp',
    backend: 'wasm',
    spec: { experiment: 'lp', ...data, dataset, steps: 500, learningRate: 0.5 },
    durationMs: 40,
    data: { x: [], y: [] },
    feasible,
    solverStatus: feasible ? 'Optimal' : 'Infeasible',
    ...(feasible ? { weights: { w: [1.2, -0.8] as [number, number], b: 0.1 }, lpAccuracy: 1 } : {}),
    minViolations: feasible ? 0 : 64,
    solveMs: 3.2,
    gradientDescent: { ...gd, steps: 500 },
  };
}

/**
 * A table of `classes` classes and `features` features, as a validated spec carries it: rows
 * cycle through the classes (balanced), values a deterministic function of the row.
 */
export function table(name: string, classes: number, features = 4, rows = 8 * classes): Table {
  return {
    name,
    features: Array.from({ length: features }, (_, j) => `f${j + 1}`),
    classes: Array.from({ length: classes }, (_, k) => `class ${k + 1}`),
    rows: Array.from({ length: rows }, (_, i) =>
      Array.from({ length: features }, (_, j) => ((i * 7 + j * 3) % 11) / 5 - 1),
    ),
    labels: Array.from({ length: rows }, (_, i) => i % classes),
  };
}

/**
 * The result trained on `data` instead of a generated shape: its spec carries the table, as
 * validateSpec leaves it. The shape fields stay as they were (a student may have typed
 * dataset:xor beside a file): nothing may read them for a table.
 */
export function onTable<R extends { spec: object }>(result: R, data: Table): R {
  return { ...result, spec: { ...result.spec, table: data } };
}

/**
 * Rewrites a result's runs for K classes: each run starts just above ln K, ends at its final
 * loss (flat over the last tenth, as run() does) with the given accuracy.
 */
export function atClasses<R extends { runs: RunResult[] }>(
  result: R,
  classes: number,
  accuracy: number[],
): R {
  const start = Math.log(classes) + 0.005;
  for (const [i, r] of result.runs.entries()) {
    r.lossCurve = { steps: [0, 270, 300], losses: [start, r.finalLoss, r.finalLoss] };
    r.finalAccuracy = accuracy[i % accuracy.length] ?? 0;
  }
  return result;
}
