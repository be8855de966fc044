import { describe, expect, it } from 'vitest';
import { initialKernel, NAIVE_SCALE, uniformValues } from '../../../src/engine/model/init.js';
import { createRandom, STREAM } from '../../../src/engine/random.js';

const rng = (seed = 1) => createRandom(seed, STREAM.weights);

/** Gram matrix of the kernel's columns (byColumns) or rows. */
function gram(kernel: Float32Array, rows: number, cols: number, byColumns: boolean): number[][] {
  const count = byColumns ? cols : rows;
  const length = byColumns ? rows : cols;
  const at = (vector: number, k: number) =>
    byColumns ? kernel[k * cols + vector]! : kernel[vector * cols + k]!;
  return Array.from({ length: count }, (_, a) =>
    Array.from({ length: count }, (_, b) => {
      let dot = 0;
      for (let k = 0; k < length; k++) dot += at(a, k) * at(b, k);
      return dot;
    }),
  );
}

describe('initial weights', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(initialKernel(rng(3), 4, 5, 'glorot', 'sigmoid')).toEqual(
      initialKernel(rng(3), 4, 5, 'glorot', 'sigmoid'),
    );
    expect(initialKernel(rng(3), 4, 5, 'he', 'relu')).not.toEqual(initialKernel(rng(4), 4, 5, 'he', 'relu'));
  });

  it('stay inside the Glorot and naive bounds, and He has variance 2/fan-in', () => {
    const glorot = initialKernel(rng(), 32, 32, 'glorot', 'sigmoid');
    const limit = Math.sqrt(6 / 64);
    expect(Math.max(...glorot.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...glorot.map(Math.abs))).toBeGreaterThan(0.9 * limit);
    const naive = initialKernel(rng(), 32, 32, 'naive', 'sigmoid');
    expect(Math.max(...naive.map(Math.abs))).toBeLessThanOrEqual(NAIVE_SCALE);
    const he = initialKernel(rng(), 64, 64, 'he', 'relu');
    const variance = he.reduce((sum, w) => sum + w * w, 0) / he.length;
    expect(variance).toBeGreaterThan(0.9 * (2 / 64));
    expect(variance).toBeLessThan(1.1 * (2 / 64));
    const scaled = uniformValues(rng(), 1000, 3);
    expect(Math.max(...scaled.map(Math.abs))).toBeLessThanOrEqual(3);
    expect(Math.max(...scaled.map(Math.abs))).toBeGreaterThan(2.9);
  });

  it('are orthonormal along the shorter side for orthogonal init (gain √2 for relu)', () => {
    for (const [rows, cols] of [
      [8, 8],
      [8, 3],
      [2, 16],
    ] as const) {
      const kernel = initialKernel(rng(), rows, cols, 'orthogonal', 'tanh');
      const products = gram(kernel, rows, cols, rows >= cols);
      products.forEach((row, a) => {
        row.forEach((value, b) => {
          expect(value).toBeCloseTo(a === b ? 1 : 0, 5);
        });
      });
    }
    const relu = initialKernel(rng(), 4, 4, 'orthogonal', 'relu');
    expect(gram(relu, 4, 4, true)[0]![0]).toBeCloseTo(2, 5);
  });
});
