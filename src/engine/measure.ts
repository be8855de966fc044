import * as tf from '@tensorflow/tfjs-core';
import type { TrainingData } from './datasets.js';
import type { Activation } from './limits.js';
import type { Mlp } from './model/mlp.js';
import type { NormStats } from './model/ops.js';
import type { BoundaryGrid, LayerSnapshot } from './result.js';

/*
 * Measurements taken during and after a training run. Each reads tensors back once, so they are
 * taken at a handful of steps only.
 */

/** Points of a loss curve: at most this many, including step 0 and the last step. */
export const MAX_CURVE_POINTS = 200;
/** Gradient-norm snapshots besides step 0, evenly spaced up to the last step. */
export const GRADIENT_SNAPSHOTS = 10;

/** Every how many steps a loss-curve point is kept (the last step is always kept too). */
export function curveStride(steps: number): number {
  return Math.max(1, Math.ceil(steps / (MAX_CURVE_POINTS - 2)));
}

/** The steps at which per-layer gradient norms are taken: 0, then evenly spaced to the last step. */
export function snapshotSteps(steps: number): Set<number> {
  const result = new Set<number>();
  for (let k = 0; k <= GRADIENT_SNAPSHOTS; k++) result.add(Math.round((k * steps) / GRADIENT_SNAPSHOTS));
  return result;
}

/** Euclidean norm of each dense layer's kernel and bias gradients together, input side first. */
export function layerGradientNorms(mlp: Mlp, grads: tf.NamedTensorMap): number[] {
  return mlp.layers.map((layer) => {
    let sumOfSquares = 0;
    for (const variable of [layer.kernel, layer.bias]) {
      const grad = grads[variable.name];
      if (!grad) continue;
      for (const g of grad.dataSync()) sumOfSquares += g * g;
    }
    return Math.sqrt(sumOfSquares);
  });
}

/** Share of training points on which a unit must be saturated to count as saturated. */
export const SATURATED_POINT_SHARE = 0.9;

/**
 * Fraction of saturated units in each hidden layer. A sigmoid unit is saturated on a point when
 * its output is below 0.02 or above 0.98, a tanh unit when |output| > 0.98: there its slope is
 * under 8% of its maximum (0.98 × 0.02 against 0.25; 4% for tanh), so it passes almost no gradient back. A unit counts when
 * it is saturated on at least 90% of the training points. A relu unit counts when it is dead: zero
 * on every point, so it never gets a gradient again. Linear units never saturate.
 */
export function saturation(hidden: tf.Tensor2D[], activation: Activation): number[] {
  return hidden.map((layer) =>
    activation === 'linear' ? 0 : saturatedShare(layer.dataSync(), layer.shape, activation),
  );
}

/**
 * The saturated fraction of one hidden layer, from its values ([points, units], row-major): read
 * back from a tensor, or the typed-array path's own (src/engine/plain).
 */
export function saturatedShare(
  values: ArrayLike<number>,
  [points, units]: [number, number],
  activation: Activation,
): number {
  if (activation === 'linear') return 0;
  const isSaturated =
    activation === 'sigmoid'
      ? (a: number) => a < 0.02 || a > 0.98
      : activation === 'tanh'
        ? (a: number) => Math.abs(a) > 0.98
        : (a: number) => a <= 0;
  const needed = activation === 'relu' ? points : SATURATED_POINT_SHARE * points;
  let saturatedUnits = 0;
  for (let u = 0; u < units; u++) {
    let count = 0;
    for (let p = 0; p < points; p++) if (isSaturated(values[p * units + u]!)) count++;
    if (count >= needed) saturatedUnits++;
  }
  return units === 0 ? 0 : saturatedUnits / units;
}

/** Mean, standard deviation and saturated fraction of each hidden layer's activations, one read-back per layer. */
export function layerSnapshot(step: number, hidden: tf.Tensor2D[], activation: Activation): LayerSnapshot {
  return layerSnapshotOf(
    step,
    hidden.map((layer) => ({ values: layer.dataSync(), shape: layer.shape })),
    activation,
  );
}

/** A hidden layer's activations as plain values, [points, units] row-major. */
export interface HiddenValues {
  values: ArrayLike<number>;
  shape: [number, number];
}

/** layerSnapshot of values already on this side of the backend. */
export function layerSnapshotOf(step: number, hidden: HiddenValues[], activation: Activation): LayerSnapshot {
  const snapshot: LayerSnapshot = { step, mean: [], spread: [], saturated: [] };
  for (const { values, shape } of hidden) {
    snapshot.saturated.push(saturatedShare(values, shape, activation));
    let sum = 0;
    let sumOfSquares = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      sum += v;
      sumOfSquares += v * v;
    }
    const mean = values.length === 0 ? 0 : sum / values.length;
    snapshot.mean.push(mean);
    snapshot.spread.push(Math.sqrt(Math.max(0, sumOfSquares / Math.max(1, values.length) - mean * mean)));
  }
  return snapshot;
}

/**
 * The class each point's logits predict: with one logit, class 1 when it is positive; with K
 * logits (row-major [points, K]), the largest one (the first of equals).
 */
export function predictedClasses(logits: ArrayLike<number>, outputs: number): number[] {
  const points = Math.floor(logits.length / outputs);
  const classes: number[] = new Array(points);
  for (let p = 0; p < points; p++) {
    if (outputs === 1) {
      classes[p] = logits[p]! > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let k = 1; k < outputs; k++) if (logits[p * outputs + k]! > logits[p * outputs + best]!) best = k;
    classes[p] = best;
  }
  return classes;
}

/**
 * Share of points whose predicted class is their label: with one logit, its sign (logit > 0
 * predicts class 1); with K logits per point, the largest (argmax).
 */
export function accuracy(logits: ArrayLike<number>, labels: ArrayLike<number>, outputs = 1): number {
  if (outputs === 1) {
    let correct = 0;
    for (let i = 0; i < labels.length; i++) if (logits[i]! > 0 === labels[i]! > 0.5) correct++;
    return labels.length === 0 ? 0 : correct / labels.length;
  }
  const predicted = predictedClasses(logits, outputs);
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct++;
  return labels.length === 0 ? 0 : correct / labels.length;
}

/**
 * A grid's probabilities from its logits ([cells, outputs]): the class-1 probability for one
 * logit; for K, the softmax's largest probability and which class has it.
 */
export function gridProbabilities(
  logits: ArrayLike<number>,
  outputs: number,
): { probabilities: number[]; classes?: number[] } {
  if (outputs === 1) return { probabilities: Array.from(logits, (z) => round4(1 / (1 + Math.exp(-z)))) };
  const cells = Math.floor(logits.length / outputs);
  const probabilities: number[] = new Array(cells);
  const classes: number[] = new Array(cells);
  for (let c = 0; c < cells; c++) {
    let best = 0;
    for (let k = 1; k < outputs; k++) if (logits[c * outputs + k]! > logits[c * outputs + best]!) best = k;
    let sum = 0;
    const top = logits[c * outputs + best]!;
    for (let k = 0; k < outputs; k++) sum += Math.exp(logits[c * outputs + k]! - top);
    probabilities[c] = round4(1 / sum);
    classes[c] = best;
  }
  return { probabilities, classes };
}

/** A probability or coordinate as results record it: four decimals. */
export const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * Class-1 probabilities on a size × size grid over the data's bounding box plus a 10% margin on
 * each side (row-major, y outer). Batch norm uses the training batch's statistics.
 */
export function boundaryGrid(
  mlp: Mlp,
  data: TrainingData,
  size: number,
  batchStats: NormStats[],
): BoundaryGrid {
  const { box, points } = gridPoints(data, size);
  const outputs = mlp.config.outputs ?? 1;
  const values = tf.tidy(() => {
    const logits = mlp.inspect(tf.tensor2d(points, [size * size, 2]), batchStats).logits;
    // Two classes: the sigmoid in the backend's float32, as this grid has always been computed.
    return (outputs === 1 ? tf.sigmoid(logits) : logits).dataSync();
  });
  if (outputs === 1) return { size, ...box, probabilities: Array.from(values, round4) };
  return { size, ...box, ...gridProbabilities(values, outputs) };
}

/** The corners of a BoundaryGrid (rounded as the result records them). */
export type GridBox = Pick<BoundaryGrid, 'xMin' | 'xMax' | 'yMin' | 'yMax'>;

/**
 * The points of a size × size grid over the data's bounding box plus a 10% margin on each side
 * ([size², 2], row-major, y outer), and its corners as the result records them.
 */
export function gridPoints(data: TrainingData, size: number): { box: GridBox; points: Float32Array } {
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < data.n; i++) {
    const px = data.x[2 * i]!;
    const py = data.x[2 * i + 1]!;
    [xMin, xMax, yMin, yMax] = [
      Math.min(xMin, px),
      Math.max(xMax, px),
      Math.min(yMin, py),
      Math.max(yMax, py),
    ];
  }
  const xMargin = 0.1 * (xMax - xMin);
  const yMargin = 0.1 * (yMax - yMin);
  [xMin, xMax, yMin, yMax] = [xMin - xMargin, xMax + xMargin, yMin - yMargin, yMax + yMargin];
  const at = (lo: number, hi: number, k: number) =>
    size === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * k) / (size - 1);
  const points = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      points[2 * (row * size + col)] = at(xMin, xMax, col);
      points[2 * (row * size + col) + 1] = at(yMin, yMax, row);
    }
  }
  return { box: { xMin: round4(xMin), xMax: round4(xMax), yMin: round4(yMin), yMax: round4(yMax) }, points };
}
