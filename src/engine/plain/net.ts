import type { Activation, Loss } from '../limits.js';
import { initialLayerValues, type MlpConfig } from '../model/layers.js';
import { NORM_EPSILON } from '../model/ops.js';

/*
 * The engine's MLP (docs/model.md) in Float64Arrays: the same layers, residual blocks,
 * normalizations, losses and initial weights as src/engine/model, with the forward and backward
 * passes written out as loops. For a small net the arithmetic of a step takes microseconds, while
 * TensorFlow.js spends a few microseconds of overhead on each of the hundred-odd ops of a step;
 * here a step costs its arithmetic and nothing else. Float64 because V8 computes in doubles anyway
 * (Float32Array loads and stores convert) and the extra precision costs nothing.
 */

/** One dense layer's parameters. The last layer of a PlainNet is the output layer. */
export interface PlainLayer {
  inputs: number;
  outputs: number;
  /** [inputs, outputs], row-major. */
  kernel: Float64Array;
  bias: Float64Array;
  /** Normalization gain and shift (hidden layers, when normalization is on). */
  gain?: Float64Array;
  shift?: Float64Array;
  residual: boolean;
  branchScale: number;
}

/** An MLP held in typed arrays. */
export interface PlainNet {
  config: MlpConfig;
  /** Hidden layers, then the output layer. */
  layers: PlainLayer[];
  /** Every parameter in the tf path's order: kernel, bias, [gain, shift] per layer. */
  params: Float64Array[];
}

/** Builds the net from the same initial values as the tf path (initialLayerValues). */
export function createPlainNet(config: MlpConfig): PlainNet {
  const layers: PlainLayer[] = [];
  const params: Float64Array[] = [];
  const keep = (values: Float32Array) => {
    const copy = Float64Array.from(values);
    params.push(copy);
    return copy;
  };
  for (const values of initialLayerValues(config)) {
    const layer: PlainLayer = {
      inputs: values.inputs,
      outputs: values.outputs,
      kernel: keep(values.kernel),
      bias: keep(values.bias),
      residual: values.residual,
      branchScale: values.branchScale,
    };
    if (values.gain && values.shift) {
      layer.gain = keep(values.gain);
      layer.shift = keep(values.shift);
    }
    layers.push(layer);
  }
  return { config, layers, params };
}

/** Per-unit statistics of a batch-normalized layer (the training batch's), for other inputs. */
export interface PlainNormStats {
  mean: Float64Array;
  variance: Float64Array;
}

/** What one forward pass over n points leaves behind for the backward pass and the measurements. */
interface LayerBuffers {
  /** The layer's input h, [n, inputs] (the previous layer's output, or the data). */
  input: Float64Array;
  /** Plain layer: x·W + b; residual block: unused. [n, outputs] */
  z: Float64Array;
  /** The normalized value, before gain and shift; and 1/sqrt(variance + ε) along the axis. */
  xHat: Float64Array;
  invStd: Float64Array;
  /** Batch norm's statistics of this pass, per unit. */
  stats: PlainNormStats;
  /** norm(z or h)·gain + shift, what the activation reads when the layer normalizes. [n, outputs] */
  u: Float64Array;
  /** The activation f(u), [n, width]: what the measurements call a hidden layer. */
  act: Float64Array;
  /** The layer's output: act for a plain layer, h + s·(act·W + b) for a residual block. */
  output: Float64Array;
}

/** A forward pass's buffers for n points (allocated once, reused every step). */
export interface PlainPass {
  n: number;
  /** The inputs of the last forward pass, [n, inputs]. */
  input: Float64Array;
  hidden: LayerBuffers[];
  /** [n, outputs]: one logit per point for two classes, K per point for K classes. */
  logits: Float64Array;
}

/** Allocates the buffers of a forward pass over n points. */
export function createPass(net: PlainNet, n: number): PlainPass {
  const normalized = net.config.normalization !== 'none';
  const units = net.config.normalization === 'layer' ? n : net.config.width;
  const hidden = net.layers.slice(0, -1).map((layer) => {
    const size = n * layer.outputs;
    const act = new Float64Array(size);
    return {
      input: new Float64Array(0),
      z: layer.residual ? new Float64Array(0) : new Float64Array(size),
      xHat: normalized ? new Float64Array(size) : new Float64Array(0),
      invStd: normalized ? new Float64Array(units) : new Float64Array(0),
      stats: { mean: new Float64Array(layer.outputs), variance: new Float64Array(layer.outputs) },
      u: normalized ? new Float64Array(size) : act,
      act,
      output: layer.residual ? new Float64Array(size) : act,
    };
  });
  const outputs = net.layers[net.layers.length - 1]!.outputs;
  return { n, input: new Float64Array(0), hidden, logits: new Float64Array(n * outputs) };
}

/*
 * Matrix products. Every product here is written as C = A·Bᵀ with both factors row-major, so each
 * entry is a dot product of two contiguous rows; a 2 × 2 block of entries shares its loads. Per
 * multiply-add that is one load instead of two loads and a store, about three times faster in V8
 * than the textbook loop (measured on 256 × 32 by 32 × 32).
 */

/** C[i, j] = Σ_k A[i, k]·B[j, k]; A is [rowsA, K], B is [rowsB, K], C is [rowsA, rowsB]. */
function productWithTranspose(
  a: Float64Array,
  rowsA: number,
  b: Float64Array,
  rowsB: number,
  depth: number,
  c: Float64Array,
): void {
  let i = 0;
  for (; i + 1 < rowsA; i += 2) {
    const a0 = i * depth;
    const a1 = a0 + depth;
    const c0 = i * rowsB;
    const c1 = c0 + rowsB;
    let j = 0;
    for (; j + 1 < rowsB; j += 2) {
      const b0 = j * depth;
      const b1 = b0 + depth;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let k = 0; k < depth; k++) {
        const x0 = a[a0 + k]!;
        const x1 = a[a1 + k]!;
        const y0 = b[b0 + k]!;
        const y1 = b[b1 + k]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      c[c0 + j] = s00;
      c[c0 + j + 1] = s01;
      c[c1 + j] = s10;
      c[c1 + j + 1] = s11;
    }
    for (; j < rowsB; j++) {
      const b0 = j * depth;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < depth; k++) {
        s0 += a[a0 + k]! * b[b0 + k]!;
        s1 += a[a1 + k]! * b[b0 + k]!;
      }
      c[c0 + j] = s0;
      c[c1 + j] = s1;
    }
  }
  for (; i < rowsA; i++) {
    const a0 = i * depth;
    const c0 = i * rowsB;
    for (let j = 0; j < rowsB; j++) {
      const b0 = j * depth;
      let sum = 0;
      for (let k = 0; k < depth; k++) sum += a[a0 + k]! * b[b0 + k]!;
      c[c0 + j] = sum;
    }
  }
}

/**
 * Two transposes' worth of scratch space. A worker thread trains one run at a time, and no
 * function here keeps a transpose past its own call, so one pair per thread serves every net.
 */
const transposes = { first: new Float64Array(0), second: new Float64Array(0) };

/** The transpose of m ([rows, cols]) into the named scratch buffer, [cols, rows]. */
function transposed(
  which: keyof typeof transposes,
  m: Float64Array,
  rows: number,
  cols: number,
): Float64Array {
  if (transposes[which].length < rows * cols) transposes[which] = new Float64Array(rows * cols);
  const t = transposes[which];
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) t[c * rows + r] = m[row + c]!;
  }
  return t;
}

/** out = x·W + b for n rows. */
function affine(
  x: Float64Array,
  n: number,
  inputs: number,
  kernel: Float64Array,
  bias: Float64Array,
  outputs: number,
  out: Float64Array,
): void {
  if (outputs === 1) {
    // The output layer: one dot product per point.
    const b = bias[0]!;
    for (let p = 0; p < n; p++) {
      const xRow = p * inputs;
      let sum = b;
      for (let k = 0; k < inputs; k++) sum += x[xRow + k]! * kernel[k]!;
      out[p] = sum;
    }
    return;
  }
  if (inputs === 2) {
    // The first layer reads two coordinates: rows too short for dot products to pay.
    for (let p = 0; p < n; p++) {
      const row = p * outputs;
      const x0 = x[2 * p]!;
      const x1 = x[2 * p + 1]!;
      for (let j = 0; j < outputs; j++) out[row + j] = bias[j]! + x0 * kernel[j]! + x1 * kernel[outputs + j]!;
    }
    return;
  }
  productWithTranspose(x, n, transposed('first', kernel, inputs, outputs), outputs, inputs, out);
  for (let p = 0; p < n; p++) {
    const row = p * outputs;
    for (let j = 0; j < outputs; j++) out[row + j] = out[row + j]! + bias[j]!;
  }
}

function activate(u: Float64Array, activation: Activation, out: Float64Array): void {
  const size = u.length;
  switch (activation) {
    case 'sigmoid':
      for (let i = 0; i < size; i++) out[i] = 1 / (1 + Math.exp(-u[i]!));
      return;
    case 'tanh':
      for (let i = 0; i < size; i++) out[i] = Math.tanh(u[i]!);
      return;
    case 'relu':
      for (let i = 0; i < size; i++) out[i] = Math.max(u[i]!, 0);
      return;
    case 'linear':
      if (out !== u) out.set(u);
      return;
  }
}

/** d ← d · f'(u), with f' written from the activation's output a = f(u) as the tf path does. */
function activationGrad(d: Float64Array, a: Float64Array, activation: Activation): void {
  const size = d.length;
  switch (activation) {
    case 'sigmoid':
      for (let i = 0; i < size; i++) {
        const v = a[i]!;
        d[i] = d[i]! * (v - v * v);
      }
      return;
    case 'tanh':
      for (let i = 0; i < size; i++) {
        const v = a[i]!;
        d[i] = d[i]! - d[i]! * v * v;
      }
      return;
    case 'relu':
      for (let i = 0; i < size; i++) if (!(a[i]! > 0)) d[i] = 0;
      return;
    case 'linear':
      return;
  }
}

/**
 * Normalizes z ([n, w]) over the batch (per unit) or over the units (per point), then scales and
 * shifts: u = xHat·gain + shift. With `given` (batch norm only), uses those statistics instead.
 */
function normalize(
  z: Float64Array,
  n: number,
  w: number,
  batch: boolean,
  layer: PlainLayer,
  buffers: LayerBuffers,
  given: PlainNormStats | undefined,
): void {
  const { xHat, invStd, u, stats } = buffers;
  const gain = layer.gain!;
  const shift = layer.shift!;
  if (batch) {
    for (let j = 0; j < w; j++) {
      let mean: number;
      let variance: number;
      if (given) {
        mean = given.mean[j]!;
        variance = given.variance[j]!;
      } else {
        let sum = 0;
        for (let p = 0; p < n; p++) sum += z[p * w + j]!;
        mean = sum / n;
        let squares = 0;
        for (let p = 0; p < n; p++) {
          const c = z[p * w + j]! - mean;
          squares += c * c;
        }
        variance = squares / n;
      }
      stats.mean[j] = mean;
      stats.variance[j] = variance;
      const inv = 1 / Math.sqrt(variance + NORM_EPSILON);
      invStd[j] = inv;
      const g = gain[j]!;
      const s = shift[j]!;
      for (let p = 0; p < n; p++) {
        const i = p * w + j;
        const x = (z[i]! - mean) * inv;
        xHat[i] = x;
        u[i] = x * g + s;
      }
    }
    return;
  }
  for (let p = 0; p < n; p++) {
    const row = p * w;
    let sum = 0;
    for (let j = 0; j < w; j++) sum += z[row + j]!;
    const mean = sum / w;
    let squares = 0;
    for (let j = 0; j < w; j++) {
      const c = z[row + j]! - mean;
      squares += c * c;
    }
    const inv = 1 / Math.sqrt(squares / w + NORM_EPSILON);
    invStd[p] = inv;
    for (let j = 0; j < w; j++) {
      const x = (z[row + j]! - mean) * inv;
      xHat[row + j] = x;
      u[row + j] = x * gain[j]! + shift[j]!;
    }
  }
}

/**
 * The forward pass over `x` ([pass.n, inputs]) into the pass's buffers. With `batchStats`, batch norm
 * uses the training batch's statistics (to view the grid as the training batch saw it).
 */
export function forward(
  net: PlainNet,
  pass: PlainPass,
  x: Float64Array,
  batchStats?: readonly PlainNormStats[],
): Float64Array {
  const { activation, normalization } = net.config;
  const batch = normalization === 'batch';
  const { n } = pass;
  pass.input = x;
  let h = x;
  const depth = net.layers.length - 1;
  for (let i = 0; i < depth; i++) {
    const layer = net.layers[i]!;
    const buffers = pass.hidden[i]!;
    const w = layer.outputs;
    buffers.input = h;
    // A plain layer normalizes and activates x·W + b; a residual block does so to its input h.
    let z = h;
    if (!layer.residual) {
      affine(h, n, layer.inputs, layer.kernel, layer.bias, w, buffers.z);
      z = buffers.z;
    }
    if (layer.gain) normalize(z, n, w, batch, layer, buffers, batch ? batchStats?.[i] : undefined);
    activate(layer.gain ? buffers.u : z, activation, buffers.act);
    if (layer.residual) {
      const out = buffers.output;
      affine(buffers.act, n, w, layer.kernel, layer.bias, w, out);
      const s = layer.branchScale;
      for (let k = 0; k < out.length; k++) out[k] = h[k]! + s * out[k]!;
    }
    h = buffers.output;
  }
  const output = net.layers[depth]!;
  affine(h, n, output.inputs, output.kernel, output.bias, output.outputs, pass.logits);
  return pass.logits;
}

/** The batch-norm statistics of a pass, one per hidden layer (for forward's `batchStats`). */
export function passStats(pass: PlainPass): PlainNormStats[] {
  return pass.hidden.map((buffers) => buffers.stats);
}

/**
 * Mean softmax cross-entropy of K logits per point ([n, K]) against class indices, with
 * dLoss/dlogits = (softmax - onehot) / n written into `dLogits` (see softmaxCrossEntropy in
 * model/loss.ts): logsumexp(z) - z_label, computed from the row's maximum so it never overflows.
 */
function softmaxLossAndGrad(
  logits: Float64Array,
  labels: Float64Array,
  classes: number,
  dLogits: Float64Array,
): number {
  const n = labels.length;
  let total = 0;
  for (let p = 0; p < n; p++) {
    const row = p * classes;
    let top = logits[row]!;
    for (let k = 1; k < classes; k++) top = Math.max(top, logits[row + k]!);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(logits[row + k]! - top);
    const label = labels[p]!;
    total += top + Math.log(sum) - logits[row + label]!;
    for (let k = 0; k < classes; k++) {
      const prob = Math.exp(logits[row + k]! - top) / sum;
      dLogits[row + k] = (prob - (k === label ? 1 : 0)) / n;
    }
  }
  return total / n;
}

/**
 * Mean loss of the logits, with dLoss/dlogit written into `dLogits` (see meanLoss in model/loss.ts).
 * With `outputs` > 1 the logits are [n, outputs] and the loss is softmax cross-entropy (validateSpec
 * refuses mse for more than two classes).
 */
export function lossAndLogitGrad(
  logits: Float64Array,
  labels: Float64Array,
  loss: Loss,
  dLogits: Float64Array,
  outputs = 1,
): number {
  if (outputs > 1) return softmaxLossAndGrad(logits, labels, outputs, dLogits);
  const n = logits.length;
  let total = 0;
  for (let p = 0; p < n; p++) {
    const z = logits[p]!;
    const y = labels[p]!;
    const prob = 1 / (1 + Math.exp(-z));
    if (loss === 'cross-entropy') {
      // softplus((1 - 2y)·z), stable for any |z|: -log σ(z) for class 1, -log(1 - σ(z)) for class 0.
      const t = (1 - 2 * y) * z;
      total += t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
      dLogits[p] = (prob - y) / n;
    } else {
      const e = prob - y;
      total += e * e;
      dLogits[p] = (2 * e * (prob - prob * prob)) / n;
    }
  }
  return total / n;
}

/** Gradient buffers and backward scratch space for one net and pass size. */
export interface PlainGrads {
  /** One per entry of net.params, same layout. */
  params: Float64Array[];
  /** Per layer, the index of its kernel in params (its bias follows, then gain and shift). */
  layerParams: number[];
  scratch: { dh: Float64Array; dNext: Float64Array; du: Float64Array; dz: Float64Array };
}

export function createGrads(net: PlainNet, n: number): PlainGrads {
  const params = net.params.map((p) => new Float64Array(p.length));
  const layerParams: number[] = [];
  let index = 0;
  for (const layer of net.layers) {
    layerParams.push(index);
    index += layer.gain ? 4 : 2;
  }
  const size = n * net.config.width;
  return {
    params,
    layerParams,
    scratch: {
      dh: new Float64Array(size),
      dNext: new Float64Array(size),
      du: new Float64Array(size),
      dz: new Float64Array(size),
    },
  };
}

/** dW = xᵀ·d and db = Σ_rows d (overwriting), and dx = d·Wᵀ when `dx` is given. */
function affineBackward(
  x: Float64Array,
  d: Float64Array,
  n: number,
  inputs: number,
  outputs: number,
  kernel: Float64Array,
  dKernel: Float64Array,
  dBias: Float64Array,
  dx: Float64Array | undefined,
): void {
  if (outputs === 1) {
    dKernel.fill(0);
    let biasSum = 0;
    for (let p = 0; p < n; p++) {
      const dp = d[p]!;
      biasSum += dp;
      const xRow = p * inputs;
      for (let k = 0; k < inputs; k++) dKernel[k] = dKernel[k]! + x[xRow + k]! * dp;
      if (dx) for (let k = 0; k < inputs; k++) dx[xRow + k] = dp * kernel[k]!;
    }
    dBias[0] = biasSum;
    return;
  }
  dBias.fill(0);
  if (inputs === 2 && !dx) {
    // The first layer: its two kernel rows and the bias in one pass over d.
    dKernel.fill(0);
    for (let p = 0; p < n; p++) {
      const row = p * outputs;
      const x0 = x[2 * p]!;
      const x1 = x[2 * p + 1]!;
      for (let j = 0; j < outputs; j++) {
        const dj = d[row + j]!;
        dBias[j] = dBias[j]! + dj;
        dKernel[j] = dKernel[j]! + x0 * dj;
        dKernel[outputs + j] = dKernel[outputs + j]! + x1 * dj;
      }
    }
    return;
  }
  for (let p = 0; p < n; p++) {
    const row = p * outputs;
    for (let j = 0; j < outputs; j++) dBias[j] = dBias[j]! + d[row + j]!;
  }
  // dx[p, k] = Σ_j d[p, j]·W[k, j]: W's rows are already the second factor.
  if (dx) productWithTranspose(d, n, kernel, inputs, outputs, dx);
  // dW[k, j] = Σ_p x[p, k]·d[p, j]: both transposed, so that the sum runs along rows.
  const xT = transposed('first', x, n, inputs);
  const dT = transposed('second', d, n, outputs);
  productWithTranspose(xT, inputs, dT, outputs, n, dKernel);
}

/** The normalization's backward pass: dz from dy = dLoss/du, and the gain's and shift's gradients. */
function normalizeBackward(
  dy: Float64Array,
  n: number,
  w: number,
  batch: boolean,
  gain: Float64Array,
  buffers: LayerBuffers,
  dz: Float64Array,
  dGain: Float64Array,
  dShift: Float64Array,
): void {
  const { xHat, invStd } = buffers;
  dGain.fill(0);
  dShift.fill(0);
  for (let p = 0; p < n; p++) {
    const row = p * w;
    for (let j = 0; j < w; j++) {
      const d = dy[row + j]!;
      dGain[j] = dGain[j]! + d * xHat[row + j]!;
      dShift[j] = dShift[j]! + d;
    }
  }
  // dz = inv·(dxHat - mean(dxHat) - xHat·mean(dxHat·xHat)), the means along the normalized axis.
  if (batch) {
    for (let j = 0; j < w; j++) {
      const g = gain[j]!;
      let m1 = 0;
      let m2 = 0;
      for (let p = 0; p < n; p++) {
        const dxHat = dy[p * w + j]! * g;
        m1 += dxHat;
        m2 += dxHat * xHat[p * w + j]!;
      }
      m1 /= n;
      m2 /= n;
      const inv = invStd[j]!;
      for (let p = 0; p < n; p++) {
        const i = p * w + j;
        dz[i] = inv * (dy[i]! * g - m1 - xHat[i]! * m2);
      }
    }
    return;
  }
  for (let p = 0; p < n; p++) {
    const row = p * w;
    let m1 = 0;
    let m2 = 0;
    for (let j = 0; j < w; j++) {
      const dxHat = dy[row + j]! * gain[j]!;
      m1 += dxHat;
      m2 += dxHat * xHat[row + j]!;
    }
    m1 /= w;
    m2 /= w;
    const inv = invStd[p]!;
    for (let j = 0; j < w; j++) {
      const i = row + j;
      dz[i] = inv * (dy[i]! * gain[j]! - m1 - xHat[i]! * m2);
    }
  }
}

/**
 * The backward pass of the forward pass in `pass` (which must be the training batch's, without
 * batchStats), from dLoss/dlogits; fills grads.params.
 */
export function backward(net: PlainNet, pass: PlainPass, dLogits: Float64Array, grads: PlainGrads): void {
  const { activation, normalization } = net.config;
  const batch = normalization === 'batch';
  const { n } = pass;
  const depth = net.layers.length - 1;
  const g = grads.params;
  let { dh, dNext } = grads.scratch;
  let swap: Float64Array;
  const { du, dz } = grads.scratch;
  const output = net.layers[depth]!;
  const outputParams = grads.layerParams[depth]!;
  // At depth 0 the output layer reads the data, which need no gradient.
  const top = depth > 0 ? pass.hidden[depth - 1]!.output : pass.input;
  const dTop = depth > 0 ? dh : undefined;
  affineBackward(
    top,
    dLogits,
    n,
    output.inputs,
    output.outputs,
    output.kernel,
    g[outputParams]!,
    g[outputParams + 1]!,
    dTop,
  );
  for (let i = depth - 1; i >= 0; i--) {
    const layer = net.layers[i]!;
    const buffers = pass.hidden[i]!;
    const w = layer.outputs;
    const k = grads.layerParams[i]!;
    const b = k + 1;
    const size = n * w;
    if (layer.residual) {
      // dy = dh; branch: s·dy through act·W + b, then f and (optionally) the normalization.
      const s = layer.branchScale;
      for (let q = 0; q < size; q++) dz[q] = s * dh[q]!;
      affineBackward(buffers.act, dz, n, w, w, layer.kernel, g[k]!, g[b]!, du);
      activationGrad(du, buffers.act, activation);
      if (layer.gain) {
        normalizeBackward(du, n, w, batch, layer.gain, buffers, dNext, g[k + 2]!, g[k + 3]!);
        for (let q = 0; q < size; q++) dNext[q] = dNext[q]! + dh[q]!;
      } else {
        for (let q = 0; q < size; q++) dNext[q] = du[q]! + dh[q]!;
      }
      swap = dh;
      dh = dNext;
      dNext = swap;
      continue;
    }
    activationGrad(dh, buffers.act, activation);
    let dPre = dh;
    if (layer.gain) {
      normalizeBackward(dh, n, w, batch, layer.gain, buffers, dz, g[k + 2]!, g[k + 3]!);
      dPre = dz;
    }
    // The first layer reads the data, which need no gradient.
    affineBackward(
      buffers.input,
      dPre,
      n,
      layer.inputs,
      w,
      layer.kernel,
      g[k]!,
      g[b]!,
      i > 0 ? dNext : undefined,
    );
    swap = dh;
    dh = dNext;
    dNext = swap;
  }
}
