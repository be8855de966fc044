import { fitData, type TrainingData } from '../datasets.js';
import { FRAME_GRID_SIZE, frameSteps, withFrame } from '../frames.js';
import { MOMENTUM, type Optimizer } from '../limits.js';
import { PROGRESS_EVERY } from '../loss-readback.js';
import {
  accuracy,
  curveStride,
  gridPoints,
  gridProbabilities,
  layerSnapshotOf,
  predictedClasses,
  saturatedShare,
  snapshotSteps,
} from '../measure.js';
import { mlpConfigOf } from '../model/layers.js';
import type {
  BoundaryGrid,
  FitSpec,
  GradientSnapshot,
  LayerSnapshot,
  RunResult,
  TrainingFrames,
} from '../result.js';
import type { UnitRunOptions } from '../units.js';
import { abortError } from '../worker/errors.js';
import {
  backward,
  createGrads,
  createPass,
  createPlainNet,
  forward,
  lossAndLogitGrad,
  type PlainNet,
  type PlainNormStats,
  type PlainPass,
  passStats,
} from './net.js';

/*
 * One training run on the typed-array net (net.ts): the same steps, measurements and result as
 * trainRun's TensorFlow.js loop in src/engine/fit.ts, for the small nets computePathOf sends here.
 */

/**
 * The optimizers of tfjs-core 4.22, step for step: SGD w ← w - lr·g; momentum v ← 0.9·v + g,
 * w ← w - lr·v; Adam with β1 0.9, β2 0.999, ε 1e-7 (tfjs's float32 backend epsilon) and its bias
 * correction m/(1 - β1^t), v/(1 - β2^t), w ← w - lr·m̂/(sqrt(v̂) + ε).
 */
export function createPlainOptimizer(
  optimizer: Optimizer,
  learningRate: number,
  params: Float64Array[],
): (grads: Float64Array[]) => void {
  if (optimizer === 'sgd') {
    return (grads) => {
      for (let i = 0; i < params.length; i++) {
        const p = params[i]!;
        const g = grads[i]!;
        for (let k = 0; k < p.length; k++) p[k] = p[k]! - learningRate * g[k]!;
      }
    };
  }
  if (optimizer === 'momentum') {
    const velocity = params.map((p) => new Float64Array(p.length));
    return (grads) => {
      params.forEach((p, i) => {
        const g = grads[i]!;
        const v = velocity[i]!;
        for (let k = 0; k < p.length; k++) {
          v[k] = MOMENTUM * v[k]! + g[k]!;
          p[k] = p[k]! - learningRate * v[k]!;
        }
      });
    };
  }
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-7];
  const first = params.map((p) => new Float64Array(p.length));
  const second = params.map((p) => new Float64Array(p.length));
  let beta1Power = beta1;
  let beta2Power = beta2;
  return (grads) => {
    const correction1 = 1 - beta1Power;
    const correction2 = 1 - beta2Power;
    params.forEach((p, i) => {
      const g = grads[i]!;
      const m = first[i]!;
      const v = second[i]!;
      for (let k = 0; k < p.length; k++) {
        const gk = g[k]!;
        m[k] = beta1 * m[k]! + (1 - beta1) * gk;
        v[k] = beta2 * v[k]! + (1 - beta2) * gk * gk;
        p[k] = p[k]! - (learningRate * (m[k]! / correction1)) / (Math.sqrt(v[k]! / correction2) + epsilon);
      }
    });
    beta1Power *= beta1;
    beta2Power *= beta2;
  };
}

/** A run's data, its net, and the buffers its steps reuse. */
export interface PlainSession {
  data: TrainingData;
  x: Float64Array;
  labels: Float64Array;
  net: PlainNet;
  pass: PlainPass;
  /** Loss and gradients of the current weights (the pass keeps the forward values); no update. */
  lossAndGrads(): number;
  grads: Float64Array[];
  update(): void;
}

/** The data, net, optimizer and buffers of one run, as createSession makes them for the tf path. */
export function createPlainSession(spec: FitSpec): PlainSession {
  const data = fitData(spec);
  const x = Float64Array.from(data.x);
  const labels = Float64Array.from(data.y);
  const net = createPlainNet(mlpConfigOf(spec));
  const outputs = net.config.outputs ?? 1;
  const pass = createPass(net, data.n);
  const grads = createGrads(net, data.n);
  const dLogits = new Float64Array(data.n * outputs);
  const step = createPlainOptimizer(spec.optimizer, spec.learningRate, net.params);
  return {
    data,
    x,
    labels,
    net,
    pass,
    grads: grads.params,
    lossAndGrads() {
      const logits = forward(net, pass, x);
      const loss = lossAndLogitGrad(logits, labels, spec.loss, dLogits, outputs);
      backward(net, pass, dLogits, grads);
      return loss;
    },
    update: () => step(grads.params),
  };
}

/** Euclidean norm of each layer's kernel and bias gradients together, input side first. */
function layerGradientNorms(session: PlainSession): number[] {
  let index = 0;
  return session.net.layers.map((layer) => {
    let sumOfSquares = 0;
    for (const g of [session.grads[index]!, session.grads[index + 1]!])
      for (let k = 0; k < g.length; k++) sumOfSquares += g[k]! * g[k]!;
    index += layer.gain ? 4 : 2;
    return Math.sqrt(sumOfSquares);
  });
}

/** The hidden layers of the session's last forward pass, as the measurements read them. */
function hiddenValues(session: PlainSession) {
  return session.pass.hidden.map((buffers, i) => ({
    values: buffers.act,
    shape: [session.data.n, session.net.layers[i]!.outputs] as [number, number],
  }));
}

function saturationNow(session: PlainSession): number[] {
  const { activation } = session.net.config;
  return hiddenValues(session).map(({ values, shape }) =>
    activation === 'linear' ? 0 : saturatedShare(values, shape, activation),
  );
}

/** A copy of the batch-norm statistics of the session's last forward pass (empty unless batch norm). */
function batchStatsNow(session: PlainSession): PlainNormStats[] {
  if (session.net.config.normalization !== 'batch') return [];
  return passStats(session.pass).map((s) => ({ mean: s.mean.slice(), variance: s.variance.slice() }));
}

/** Class probabilities on a size × size grid (see boundaryGrid in measure.ts). */
function gridOf(session: PlainSession, size: number, stats: PlainNormStats[]): BoundaryGrid {
  const { box, points } = gridPoints(session.data, size);
  const pass = createPass(session.net, size * size);
  const logits = forward(session.net, pass, Float64Array.from(points), stats.length > 0 ? stats : undefined);
  return { size, ...box, ...gridProbabilities(logits, session.net.config.outputs ?? 1) };
}

/**
 * Trains one run on typed arrays and measures it exactly as trainRun does: step s's loss is the
 * loss after s updates, the last step's gradients are taken at the final weights and not applied,
 * and progress is reported every PROGRESS_EVERY steps and at the last.
 */
export function trainPlainRun(spec: FitSpec, options: UnitRunOptions & { watchLayers?: boolean }): RunResult {
  const started = performance.now();
  if (options.signal?.aborted) throw abortError();
  const session = createPlainSession(spec);
  const { activation } = session.net.config;
  const snapshots = snapshotSteps(spec.steps);
  const stride = curveStride(spec.steps);
  // Grids and frames lie in the plane of two inputs: a table of any other number has neither.
  const plane = session.data.inputs === 2;
  const outputs = session.net.config.outputs ?? 1;
  const frameAt = new Set(frameSteps(spec.steps, plane ? (spec.frames ?? 0) : 0));
  const lossCurve = { steps: [] as number[], losses: [] as number[] };
  const gradientNorms: GradientSnapshot[] = [];
  const layerStats: LayerSnapshot[] = [];
  let frames: TrainingFrames | undefined;
  let atInit: number[] = [];
  let loss = Number.NaN;
  for (let step = 0; step <= spec.steps; step++) {
    if (options.signal?.aborted) throw abortError();
    const isLast = step === spec.steps;
    loss = session.lossAndGrads();
    if (step === 0) atInit = saturationNow(session);
    if (snapshots.has(step)) {
      gradientNorms.push({ step, perLayer: layerGradientNorms(session) });
      if (options.watchLayers !== false)
        layerStats.push(layerSnapshotOf(step, hiddenValues(session), activation));
    }
    if (frameAt.has(step)) {
      const grid = gridOf(session, FRAME_GRID_SIZE, batchStatsNow(session));
      frames = withFrame(frames, grid, step, loss);
    }
    if (step % stride === 0 || isLast) {
      lossCurve.steps.push(step);
      lossCurve.losses.push(loss);
    }
    if (!isLast) session.update();
    if (step % PROGRESS_EVERY === 0 || isLast) options.onProgress?.({ step, steps: spec.steps, loss });
  }
  // The last step took no update: the pass holds the final weights' forward values.
  const atEnd = saturationNow(session);
  const finalAccuracy = accuracy(session.pass.logits, session.labels, outputs);
  const boundary =
    spec.gridSize > 0 && plane ? gridOf(session, spec.gridSize, batchStatsNow(session)) : undefined;
  const predictions =
    spec.table && spec.gridSize > 0 ? predictedClasses(session.pass.logits, outputs) : undefined;
  return {
    depth: spec.depth,
    width: spec.width,
    activation: spec.activation,
    residual: spec.residual,
    seed: spec.seed,
    finalLoss: loss,
    finalAccuracy,
    lossCurve,
    gradientNorms,
    saturation: { atInit, atEnd },
    ...(layerStats.length > 0 ? { layerStats } : {}),
    ...(boundary ? { boundary } : {}),
    ...(predictions ? { predictions } : {}),
    ...(frames ? { frames } : {}),
    path: 'typed-arrays',
    durationMs: performance.now() - started,
  };
}

/** Milliseconds per full-batch training step on typed arrays, after a short warm-up (as timeTrainingSteps). */
export function timePlainSteps(spec: FitSpec, steps: number): number {
  const session = createPlainSession(spec);
  for (let i = 0; i < 5; i++) {
    session.lossAndGrads();
    session.update();
  }
  const started = performance.now();
  for (let i = 0; i < steps; i++) {
    session.lossAndGrads();
    session.update();
  }
  return (performance.now() - started) / steps;
}
