import * as tf from '@tensorflow/tfjs-core';
import { computePathOf } from './compute-path.js';
import { createFrameRecorder, type FrameRecorder } from './frames.js';
import { createLossReadback, type LossReadback, PROGRESS_EVERY } from './loss-readback.js';
import {
  accuracy,
  boundaryGrid,
  layerGradientNorms,
  layerSnapshot,
  predictedClasses,
  saturation,
  snapshotSteps,
} from './measure.js';
import type { ParamKind } from './model/mlp.js';
import type { NormStats } from './model/ops.js';
import { createSession, type TrainingSession } from './model/session.js';
import { trainPlainRun } from './plain/train.js';
import type { ComputePath, FitSpec, GradientSnapshot, LayerSnapshot, RunResult } from './result.js';
import type { AbortFlag, UnitRunOptions } from './units.js';

/** A trained network kept alive for further measurements (loss-surface slices). */
export interface TrainedModel {
  /** All trainable variables, in layer order. For each dense layer: kernel [in, out] then bias [out]. */
  params: tf.Variable[];
  /** For each entry of params: 'kernel' (rows = inputs, columns = output units), 'bias' or 'norm'. */
  paramKinds: ParamKind[];
  /** Mean training loss of the current variable values on the training data (a scalar, caller disposes). */
  loss(): tf.Scalar;
  dispose(): void;
}

/** What trainRun returns: the measurements, and with keepModel the model and its initial values. */
export interface TrainRunOutput {
  result: RunResult;
  model?: TrainedModel;
  initialParams?: Float32Array[];
}

/** The error a run throws when its abort flag is raised. */
export function abortError(): Error {
  const error = new Error('The training run was aborted.');
  error.name = 'AbortError';
  return error;
}

function throwIfAborted(signal: AbortFlag | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** Hidden-layer saturation, accuracy and (batch norm) statistics of the current weights. */
function inspectState(session: TrainingSession) {
  return tf.tidy(() => {
    const { logits, hidden, stats } = session.mlp.inspect(session.x);
    const outputs = session.mlp.config.outputs ?? 1;
    const values = logits.dataSync();
    return {
      saturation: saturation(hidden, session.mlp.config.activation),
      accuracy: accuracy(values, session.data.y, outputs),
      predictions: predictedClasses(values, outputs),
      stats: stats.map((s) => ({ mean: tf.keep(s.mean), variance: tf.keep(s.variance) })),
    };
  });
}

/** Hidden-layer activation statistics of the current weights (an extra forward pass, no tape). */
function watchLayers(session: TrainingSession, step: number): LayerSnapshot {
  let snapshot: LayerSnapshot | undefined;
  tf.tidy(() => {
    snapshot = layerSnapshot(step, session.mlp.inspect(session.x).hidden, session.mlp.config.activation);
  });
  return snapshot!;
}

function disposeStats(stats: NormStats[]): void {
  for (const s of stats) tf.dispose([s.mean, s.variance]);
}

type TrainRunOptions = UnitRunOptions & {
  keepModel?: boolean;
  watchLayers?: boolean;
  /** Forces a compute path instead of computePathOf's choice: tests and the bench compare the two. */
  path?: ComputePath;
};

/** What the training loop watched besides the loss. */
interface Watched {
  gradientNorms: GradientSnapshot[];
  layerStats: LayerSnapshot[];
}

/**
 * The training loop: steps 0..spec.steps, each measuring the loss and gradients of the current
 * weights, recording snapshots and frames, then updating (all but the last step).
 */
function trainSteps(
  session: TrainingSession,
  spec: FitSpec,
  options: TrainRunOptions,
  losses: LossReadback,
  frames: FrameRecorder,
): Watched {
  const snapshots = snapshotSteps(spec.steps);
  const watched: Watched = { gradientNorms: [], layerStats: [] };
  for (let step = 0; step <= spec.steps; step++) {
    throwIfAborted(options.signal);
    const isLast = step === spec.steps;
    const { value, grads } = session.lossAndGrads();
    if (snapshots.has(step)) {
      watched.gradientNorms.push({ step, perLayer: layerGradientNorms(session.mlp, grads) });
      // On by default; the benchmark turns it off to measure what watching the layers costs.
      if (options.watchLayers !== false) watched.layerStats.push(watchLayers(session, step));
    }
    // Taken before the update: the grid of the weights whose loss is `value`.
    if (frames.wants(step)) frames.take(step, value);
    if (!isLast) session.update(grads);
    tf.dispose(grads);
    if (losses.add(step, value, isLast))
      options.onProgress?.({ step, steps: spec.steps, loss: losses.lastLoss });
  }
  return watched;
}

/** The model and its initial values, handed to the caller (who disposes the model). */
function keptModel(session: TrainingSession, result: RunResult): TrainRunOutput {
  session.disposeOptimizer();
  const model: TrainedModel = {
    params: session.mlp.params,
    paramKinds: session.mlp.paramKinds,
    loss: () => session.loss(),
    dispose: () => session.dispose(),
  };
  return { result, model, initialParams: session.mlp.initialValues.map((v) => v.slice()) };
}

/**
 * Trains one run with full-batch steps and measures it. Step s's loss is the loss after s
 * updates; the last step's gradients are taken at the final weights and not applied. Small nets
 * train on typed arrays (src/engine/compute-path.ts says which); the result's `path` records it.
 */
export function trainRun(spec: FitSpec, options: TrainRunOptions): TrainRunOutput {
  const path = options.keepModel ? 'tfjs' : (options.path ?? computePathOf(spec));
  if (path === 'typed-arrays') return { result: trainPlainRun(spec, options) };
  const started = performance.now();
  throwIfAborted(options.signal);
  const session = createSession(spec);
  const losses = createLossReadback(spec.steps);
  let keep = false;
  try {
    const initState = inspectState(session);
    disposeStats(initState.stats);
    // Grids and frames lie in the plane of two inputs: a table of any other number has neither.
    const plane = session.data.inputs === 2;
    const frames = createFrameRecorder(session, spec.steps, plane ? (spec.frames ?? 0) : 0);
    const { gradientNorms, layerStats } = trainSteps(session, spec, options, losses, frames);
    const endState = inspectState(session);
    const boundary =
      spec.gridSize > 0 && plane
        ? boundaryGrid(session.mlp, session.data, spec.gridSize, endState.stats)
        : undefined;
    disposeStats(endState.stats);
    const recorded = frames.result();
    const result: RunResult = {
      depth: spec.depth,
      width: spec.width,
      activation: spec.activation,
      residual: spec.residual,
      seed: spec.seed,
      finalLoss: losses.lastLoss,
      finalAccuracy: endState.accuracy,
      lossCurve: losses.curve,
      gradientNorms,
      saturation: { atInit: initState.saturation, atEnd: endState.saturation },
      ...(layerStats.length > 0 ? { layerStats } : {}),
      ...(boundary ? { boundary } : {}),
      ...(spec.table && spec.gridSize > 0 ? { predictions: endState.predictions } : {}),
      ...(recorded ? { frames: recorded } : {}),
      path: 'tfjs',
      durationMs: performance.now() - started,
    };
    if (!options.keepModel) return { result };
    keep = true;
    return keptModel(session, result);
  } finally {
    losses.dispose();
    if (!keep) session.dispose();
  }
}

/** Milliseconds per full-batch training step of the spec's network, after a short warm-up. */
export function timeTrainingSteps(spec: FitSpec, steps: number): number {
  const session = createSession(spec);
  try {
    const step = () => {
      const { value, grads } = session.lossAndGrads();
      session.update(grads);
      tf.dispose(grads);
      return value;
    };
    for (let i = 0; i < 5; i++) step().dispose();
    const started = performance.now();
    for (let i = 0; i < steps; i++) {
      const loss = step();
      if (i % PROGRESS_EVERY === 0) loss.dataSync();
      loss.dispose();
    }
    return (performance.now() - started) / steps;
  } finally {
    session.dispose();
  }
}
