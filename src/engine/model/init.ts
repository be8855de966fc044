import type { Activation, Init } from '../limits.js';
import type { Random } from '../random.js';

/*
 * Initial weights, drawn in plain JavaScript from the engine's seeded generator (never from
 * tf.random*), so the same seed gives bit-identical starting points on every backend.
 */

/** Half-width of the "naive" uniform init: small random weights, as in much 1990s practice. */
export const NAIVE_SCALE = 0.05;

/** Initial kernel [inputs, outputs] (row-major) for one dense layer. */
export function initialKernel(
  rng: Random,
  inputs: number,
  outputs: number,
  init: Init,
  activation: Activation,
  weightScale = 1,
): Float32Array {
  const size = inputs * outputs;
  switch (init) {
    case 'glorot': {
      // Glorot & Bengio (2010): keeps activation and gradient variances equal across layers.
      const limit = Math.sqrt(6 / (inputs + outputs));
      return fill(size, () => rng.uniform(-limit, limit));
    }
    case 'he': {
      // He et al. (2015): variance 2/fan-in, compensating for ReLU zeroing half its inputs.
      const sd = Math.sqrt(2 / inputs);
      return fill(size, () => sd * rng.normal());
    }
    case 'naive':
      return fill(size, () => rng.uniform(-NAIVE_SCALE, NAIVE_SCALE));
    case 'orthogonal':
      return orthogonal(rng, inputs, outputs, activation === 'relu' ? Math.SQRT2 : 1);
    case 'gaussian': {
      // The mean-field setting of Poole et al. (2016) and Schoenholz et al. (2017): variance
      // σ_w² / fan-in, with σ_w² (weightScale) the knob that moves a net between order and chaos.
      const sd = Math.sqrt(weightScale / inputs);
      return fill(size, () => sd * rng.normal());
    }
  }
}

/** Initial biases: N(0, σ_b²) for init 'gaussian' with biasScale > 0, zeros otherwise. */
export function initialBias(rng: Random, outputs: number, init: Init, biasScale = 0): Float32Array {
  if (init !== 'gaussian' || biasScale === 0) return new Float32Array(outputs);
  const sd = Math.sqrt(biasScale);
  return fill(outputs, () => sd * rng.normal());
}

/** Uniform values in [-scale, scale]: `FitSpec.initScale`'s override for kernels and biases alike. */
export function uniformValues(rng: Random, size: number, scale: number): Float32Array {
  return fill(size, () => rng.uniform(-scale, scale));
}

function fill(size: number, draw: () => number): Float32Array {
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = draw();
  return values;
}

/**
 * A random (semi-)orthogonal matrix (Saxe et al. 2014): Gram-Schmidt on a Gaussian matrix. The
 * shorter side's vectors come out orthonormal, i.e. orthonormal columns when inputs >= outputs,
 * orthonormal rows otherwise.
 */
function orthogonal(rng: Random, inputs: number, outputs: number, gain: number): Float32Array {
  const count = Math.min(inputs, outputs);
  const length = Math.max(inputs, outputs);
  const vectors: Float64Array[] = [];
  while (vectors.length < count) {
    const v = Float64Array.from({ length }, () => rng.normal());
    for (const u of vectors) {
      let dot = 0;
      for (let i = 0; i < length; i++) dot += v[i]! * u[i]!;
      for (let i = 0; i < length; i++) v[i] = v[i]! - dot * u[i]!;
    }
    let norm = 0;
    for (let i = 0; i < length; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    // A draw (almost) inside the span of the previous ones cannot be normalized: draw again.
    if (norm < 1e-6) continue;
    for (let i = 0; i < length; i++) v[i] = v[i]! / norm;
    vectors.push(v);
  }
  const kernel = new Float32Array(inputs * outputs);
  for (let r = 0; r < inputs; r++) {
    for (let c = 0; c < outputs; c++) {
      // Vector k runs along a column (k = c) when columns are the short side, else along a row.
      const value = inputs >= outputs ? vectors[c]![r]! : vectors[r]![c]!;
      kernel[r * outputs + c] = gain * value;
    }
  }
  return kernel;
}
