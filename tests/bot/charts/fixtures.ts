import { makeDataset, toDataPoints } from '../../../src/engine/datasets.js';
import type {
  BoundaryGrid,
  CompareResult,
  DataPoints,
  LandscapeResult,
  LpResult,
  RestartGroup,
  RestartsResult,
  RunResult,
  RunSummary,
  TrainResult,
} from '../../../src/engine/result.js';
import type { ExperimentName, ExperimentSpec } from '../../../src/engine/spec.js';
import { validateSpec } from '../../../src/engine/validate.js';

/*
 * Hand-made results, shaped like what the engine returns on this machine (docs/architecture.md, measured: depth 1
 * reaches 0.26, depth 4+ stays at ln 2; layer-1 gradients 1e-5 of the last layer at depth 8).
 * They are inputs for the chart code, not outputs of the engine.
 */

/** A validated spec of experiment `name`, defaults filled in, with some options set. */
function specOf<N extends ExperimentName>(
  name: N,
  options: Record<string, unknown> = {},
): Extract<ExperimentSpec, { experiment: N }> {
  const validation = validateSpec({ experiment: name, ...options });
  if (!validation.ok) throw new Error(`bad fixture spec: ${JSON.stringify(validation.errors)}`);
  return validation.spec as Extract<ExperimentSpec, { experiment: N }>;
}

/** A small deterministic wiggle in [-1, 1], different per seed and step. */
function wiggle(seed: number, step: number): number {
  return Math.sin(seed * 12.9898 + step * 78.233) * 0.5 + Math.sin(seed * 3.1 + step * 0.05) * 0.5;
}

/** One run whose loss decays from `start` toward `end` with time constant `tau` steps. */
export function makeRun(o: {
  depth: number;
  seed: number;
  start: number;
  end: number;
  tau: number;
  steps?: number;
  firstLayerGradient: number;
  boundary?: BoundaryGrid;
}): RunResult {
  const steps = o.steps ?? 300;
  const logged = Array.from({ length: 61 }, (_, i) => Math.round((i * steps) / 60));
  const losses = logged.map(
    (t) =>
      o.end +
      (o.start - o.end) * Math.exp(-t / o.tau) +
      0.004 * wiggle(o.seed, t) * Math.exp(-t / (3 * o.tau)),
  );
  const layers = o.depth + 1;
  // Geometric decay from the output layer (0.3) to the first layer.
  const perLayer = Array.from({ length: layers }, (_, i) =>
    layers === 1
      ? 0.3
      : 0.3 *
        (o.firstLayerGradient / 0.3) ** ((layers - 1 - i) / (layers - 1)) *
        (1 + 0.1 * wiggle(o.seed, i)),
  );
  const run: RunResult = {
    depth: o.depth,
    width: 32,
    activation: 'sigmoid',
    residual: false,
    seed: o.seed,
    finalLoss: losses[losses.length - 1]!,
    finalAccuracy: o.end < 0.6 ? 0.88 : 0.5,
    lossCurve: { steps: logged, losses },
    gradientNorms: [
      { step: 0, perLayer },
      { step: steps, perLayer: perLayer.map((g) => g * 0.5) },
    ],
    saturation: { atInit: Array(o.depth).fill(0.1), atEnd: Array(o.depth).fill(0.3) },
    durationMs: 800 + 100 * o.depth,
  };
  if (o.boundary !== undefined) run.boundary = o.boundary;
  return run;
}

function summarize(depth: number, runs: RunResult[]): RunSummary {
  const losses = runs.map((r) => r.finalLoss);
  const summary: RunSummary = {
    depth,
    meanFinalLoss: losses.reduce((a, b) => a + b, 0) / losses.length,
    minFinalLoss: Math.min(...losses),
    maxFinalLoss: Math.max(...losses),
    meanAccuracy: runs.reduce((a, r) => a + r.finalAccuracy, 0) / runs.length,
  };
  if (depth > 0) {
    const ratios = runs.map((r) => r.gradientNorms[0]!.perLayer[0]! / r.gradientNorms[0]!.perLayer.at(-1)!);
    summary.gradientRatio = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  }
  return summary;
}

/** Two-moons data as the engine makes it. */
export function moonsData(points = 200): DataPoints {
  return toDataPoints(makeDataset('moons', points, 0.1, 1));
}

/** A boundary grid whose class-1 probability follows a curve between the two moons. */
export function moonsBoundary(size = 60): BoundaryGrid {
  const [xMin, xMax, yMin, yMax] = [-1.8, 2.2, -1.1, 1.4];
  const probabilities: number[] = [];
  for (let row = 0; row < size; row++) {
    const y = yMin + ((yMax - yMin) * (row + 0.5)) / size;
    for (let col = 0; col < size; col++) {
      const x = xMin + ((xMax - xMin) * (col + 0.5)) / size;
      const margin = 0.35 * Math.sin(2.2 * (x - 0.2)) - y + 0.05;
      probabilities.push(1 / (1 + Math.exp(-4 * margin)));
    }
  }
  return { size, xMin, xMax, yMin, yMax, probabilities };
}

/** `train` at depth 1: every seed learns, ending near 0.26. */
export function trainFixture(depth = 1): TrainResult {
  const learns = depth <= 2;
  const runs = [1, 2, 3].map((seed) =>
    makeRun({
      depth,
      seed,
      start: 0.72 + 0.01 * seed,
      end: learns ? 0.24 + 0.015 * seed : Math.LN2 + 0.0002 * seed,
      tau: learns ? 40 + 15 * seed : 20,
      firstLayerGradient: learns ? 0.08 : 3e-6,
      boundary: moonsBoundary(100),
    }),
  );
  return {
    experiment: 'train',
    backend: 'wasm',
    spec: specOf('train', { depth, seeds: 3 }),
    durationMs: 2400,
    data: moonsData(),
    runs,
    summary: summarize(depth, runs),
  };
}

/** `compare` over depths 1, 2, 4, 8, 16: shallow nets learn, deep ones stay at ln 2. */
export function compareFixture(): CompareResult {
  const depths = [1, 2, 4, 8, 16];
  const endByDepth: Record<number, number> = { 1: 0.26, 2: 0.33, 4: 0.69, 8: 0.6932, 16: 0.6932 };
  const runs = depths.flatMap((depth) =>
    [1, 2, 3].map((seed) =>
      makeRun({
        depth,
        seed,
        start: 0.71,
        end: endByDepth[depth]! + (depth <= 4 ? 0.03 * (seed - 2) : 0.0001 * seed),
        tau: 30 + 10 * depth,
        firstLayerGradient: 0.3 * 0.25 ** depth,
      }),
    ),
  );
  return {
    experiment: 'compare',
    backend: 'wasm',
    spec: specOf('compare', { depths, seeds: 3 }),
    durationMs: 9000,
    runs,
    summaries: depths.map((d) =>
      summarize(
        d,
        runs.filter((r) => r.depth === d),
      ),
    ),
  };
}

function restartGroup(
  architecture: RestartGroup['architecture'],
  label: string,
  depth: number,
  finalLosses: number[],
): RestartGroup {
  const mean = finalLosses.reduce((a, b) => a + b, 0) / finalLosses.length;
  return {
    architecture,
    label,
    depth,
    width: depth === 0 ? 1 : 16,
    loss: architecture === 'neuron-mse' ? 'mse' : 'cross-entropy',
    finalLosses,
    spread: Math.max(...finalLosses) - Math.min(...finalLosses),
    std: Math.sqrt(finalLosses.reduce((a, v) => a + (v - mean) ** 2, 0) / finalLosses.length),
    runs: [],
  };
}

/** `restarts`: the convex neuron ends at one loss, the others spread. */
export function restartsFixture(): RestartsResult {
  const ten = (f: (i: number) => number) => Array.from({ length: 10 }, (_, i) => f(i));
  return {
    experiment: 'restarts',
    backend: 'wasm',
    spec: specOf('restarts'),
    durationMs: 7000,
    groups: [
      restartGroup(
        'neuron',
        'single neuron, cross-entropy',
        0,
        ten((i) => 0.3112 + 0.00002 * ((i * 7) % 5)),
      ),
      restartGroup(
        'neuron-mse',
        'single neuron, squared error',
        0,
        ten((i) => (i % 3 === 0 ? 0.25 : 0.0871 + 0.001 * i)),
      ),
      restartGroup(
        'three-node',
        'three nodes (2 hidden + 1)',
        1,
        ten((i) => [0.18, 0.31, 0.18, 0.45, 0.19, 0.31, 0.18, Math.LN2, 0.2, 0.31][i]!),
      ),
      restartGroup(
        'deep',
        'deep net, depth 6',
        6,
        ten((i) => 0.05 + 0.065 * ((i * 3) % 10)),
      ),
    ],
  };
}

function slice(positions: number[], f: (p: number) => number) {
  return { positions, losses: positions.map(f) };
}

/** `landscape`: a bowl for the shallow net, a bumpy slice for the deep plain one. */
export function landscapeFixture(): LandscapeResult {
  const line = Array.from({ length: 41 }, (_, i) => -0.5 + (2 * i) / 40);
  const dir = Array.from({ length: 41 }, (_, i) => -1 + (2 * i) / 40);
  const bowl = (min: number) => (t: number) => min + 1.4 * t * t;
  return {
    experiment: 'landscape',
    backend: 'wasm',
    spec: specOf('landscape'),
    durationMs: 12000,
    variants: [
      {
        label: 'shallow (depth 1)',
        depth: 1,
        residual: false,
        finalLoss: 0.21,
        line: slice(line, (a) => 0.21 + 0.5 * (a - 1) ** 2 + (a < 0.3 ? 0.1 * (0.3 - a) : 0)),
        direction: slice(dir, bowl(0.21)),
        extraMinima: 0,
        roughness: 1,
      },
      {
        label: 'deep plain (depth 10)',
        depth: 10,
        residual: false,
        finalLoss: 0.04,
        line: slice(line, (a) => 0.04 + 0.65 / (1 + Math.exp(-8 * (0.6 - a))) + 2 * Math.max(0, a - 1) ** 2),
        direction: slice(dir, (t) => 0.04 + 0.9 * t * t + 0.12 * Math.abs(Math.sin(9 * t)) * Math.abs(t)),
        extraMinima: 4,
        roughness: 2.7,
      },
      {
        label: 'deep residual (depth 10)',
        depth: 10,
        residual: true,
        finalLoss: 0.02,
        line: slice(line, (a) => 0.02 + 0.7 * (a - 1) ** 2),
        direction: slice(dir, bowl(0.02)),
        extraMinima: 0,
        roughness: 1.02,
      },
    ],
  };
}

/** `lp` on blobs (separable) or xor (not). */
export function lpFixture(separable = true): LpResult {
  const dataset = separable ? 'blobs' : 'xor';
  const base = {
    experiment: 'lp' as const,
    backend: 'wasm' as const,
    spec: specOf('lp', { dataset }),
    durationMs: 600,
    data: toDataPoints(makeDataset(dataset, 120, 0.1, 3)),
    solveMs: 14,
  } as const;
  if (separable) {
    return {
      ...base,
      feasible: true,
      solverStatus: 'Optimal',
      weights: { w: [1.9, 2.2], b: 0.05 },
      lpAccuracy: 1,
      minViolations: 0,
      gradientDescent: { finalLoss: 0.04, accuracy: 1, steps: 500 },
    };
  }
  return {
    ...base,
    feasible: false,
    solverStatus: 'Infeasible',
    minViolations: 31,
    gradientDescent: { finalLoss: 0.69, accuracy: 0.52, steps: 500 },
  };
}
