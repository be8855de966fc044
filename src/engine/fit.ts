import * as tf from '@tensorflow/tfjs-core';
import { createFrameRecorder } from './frames.js';
import {
  accuracy,
  boundaryGrid,
  curveStride,
  layerGradientNorms,
  layerSnapshot,
  saturation,
  snapshotSteps,
} from './measure.js';
import type { ParamKind } from './model/mlp.js';
import type { NormStats } from './model/ops.js';
import { createSession, type TrainingSession } from './model/session.js';
import type { FitSpec, GradientSnapshot, LayerSnapshot, RunResult } from './result.js';
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

/** Progress is reported (and pending losses read back) every this many steps. */
export const PROGRESS_EVERY = 10;

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
    return {
      saturation: saturation(hidden, session.mlp.config.activation),
      accuracy: accuracy(logits.dataSync(), session.data.y),
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

/**
 * Trains one run with full-batch steps and measures it. Step s's loss is the loss after s
 * updates; the last step's gradients are taken at the final weights and not applied.
 */
export function trainRun(
  spec: FitSpec,
  options: UnitRunOptions & { keepModel?: boolean; watchLayers?: boolean },
): TrainRunOutput {
  const started = performance.now();
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const session = createSession(spec);
  // Losses stay on the backend until the next progress point, then are read together: one
  // read-back per PROGRESS_EVERY steps instead of one per step (cheap on wasm, costly on a GPU).
  const pending: { step: number; loss: tf.Scalar; onCurve: boolean }[] = [];
  let keep = false;
  try {
    const initState = inspectState(session);
    disposeStats(initState.stats);
    const stride = curveStride(spec.steps);
    const snapshots = snapshotSteps(spec.steps);
    const curve = { steps: [] as number[], losses: [] as number[] };
    const gradientNorms: GradientSnapshot[] = [];
    const layerStats: LayerSnapshot[] = [];
    const frames = createFrameRecorder(session, spec.steps, spec.frames ?? 0);
    let lastLoss = Number.NaN;
    for (let step = 0; step <= spec.steps; step++) {
      throwIfAborted(signal);
      const isLast = step === spec.steps;
      const { value, grads } = session.lossAndGrads();
      if (snapshots.has(step)) {
        gradientNorms.push({ step, perLayer: layerGradientNorms(session.mlp, grads) });
        // On by default; the benchmark turns it off to measure what watching the layers costs.
        if (options.watchLayers !== false) layerStats.push(watchLayers(session, step));
      }
      // Taken before the update: the grid of the weights whose loss is `value`.
      if (frames.wants(step)) frames.take(step, value);
      if (!isLast) session.update(grads);
      tf.dispose(grads);
      const onCurve = step % stride === 0 || isLast;
      const reportNow = step % PROGRESS_EVERY === 0 || isLast;
      if (onCurve || reportNow) pending.push({ step, loss: value, onCurve });
      else value.dispose();
      if (!reportNow) continue;
      for (const entry of pending.splice(0)) {
        lastLoss = entry.loss.dataSync()[0]!;
        entry.loss.dispose();
        if (entry.onCurve) {
          curve.steps.push(entry.step);
          curve.losses.push(lastLoss);
        }
      }
      onProgress?.({ step, steps: spec.steps, loss: lastLoss });
    }

    const endState = inspectState(session);
    const boundary =
      spec.gridSize > 0 ? boundaryGrid(session.mlp, session.data, spec.gridSize, endState.stats) : undefined;
    disposeStats(endState.stats);
    const recorded = frames.result();
    const result: RunResult = {
      depth: spec.depth,
      width: spec.width,
      activation: spec.activation,
      residual: spec.residual,
      seed: spec.seed,
      finalLoss: lastLoss,
      finalAccuracy: endState.accuracy,
      lossCurve: curve,
      gradientNorms,
      saturation: { atInit: initState.saturation, atEnd: endState.saturation },
      ...(layerStats.length > 0 ? { layerStats } : {}),
      ...(boundary ? { boundary } : {}),
      ...(recorded ? { frames: recorded } : {}),
      durationMs: performance.now() - started,
    };
    if (!options.keepModel) return { result };
    keep = true;
    session.disposeOptimizer();
    const model: TrainedModel = {
      params: session.mlp.params,
      paramKinds: session.mlp.paramKinds,
      loss: () => session.loss(),
      dispose: () => session.dispose(),
    };
    return { result, model, initialParams: session.mlp.initialValues.map((v) => v.slice()) };
  } finally {
    for (const entry of pending) entry.loss.dispose();
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
