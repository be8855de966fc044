import { describe, expect, it } from 'vitest';
import {
  countExtraMinima,
  evenlySpaced,
  filterNormalize,
  gaussianDirection,
  interpolate,
  offset,
  roughness,
} from '../../../src/engine/landscape/slice-math.js';
import { createRandom } from '../../../src/engine/random.js';

const columnNorm = (values: Float32Array, columns: number, j: number) => {
  let sum = 0;
  for (let k = 0; k < values.length / columns; k++) sum += values[k * columns + j]! ** 2;
  return Math.sqrt(sum);
};

describe('evenlySpaced', () => {
  it('includes both ends and spaces evenly', () => {
    expect(evenlySpaced(-0.5, 1.5, 5)).toEqual([-0.5, 0, 0.5, 1, 1.5]);
    expect(evenlySpaced(-1, 1, 41)).toHaveLength(41);
    expect(evenlySpaced(-1, 1, 41)[20]).toBeCloseTo(0, 12);
  });
});

describe('interpolate and offset', () => {
  const start = [Float32Array.of(1, 2), Float32Array.of(-4)];
  const end = [Float32Array.of(3, 6), Float32Array.of(0)];
  it('gives the start at alpha 0, the end at alpha 1, and extends the line beyond', () => {
    expect(interpolate(start, end, 0)).toEqual(start);
    expect(interpolate(start, end, 1)).toEqual(end);
    expect(interpolate(start, end, 0.5)).toEqual([Float32Array.of(2, 4), Float32Array.of(-2)]);
    expect(interpolate(start, end, -0.5)).toEqual([Float32Array.of(0, 0), Float32Array.of(-6)]);
  });
  it('moves t steps along a direction', () => {
    expect(offset(end, start, -1)).toEqual([Float32Array.of(2, 4), Float32Array.of(4)]);
  });
});

describe('filterNormalize', () => {
  it('gives each direction column the norm of the weight column and zeroes biases and norms', () => {
    const rng = createRandom(7, 3);
    const shapes = [[3, 4], [4], [4, 2], [2]];
    const weights = shapes.map((s) =>
      Float32Array.from({ length: s.reduce((a, b) => a * b) }, () => rng.normal() * 3),
    );
    const kinds = ['kernel', 'bias', 'kernel', 'norm'] as const;
    const direction = gaussianDirection(weights, rng);
    filterNormalize(direction, weights, kinds, shapes);
    for (const v of [0, 2]) {
      const columns = shapes[v]![1]!;
      for (let j = 0; j < columns; j++) {
        expect(columnNorm(direction[v]!, columns, j)).toBeCloseTo(columnNorm(weights[v]!, columns, j), 4);
      }
    }
    expect([...direction[1]!, ...direction[3]!].every((x) => x === 0)).toBe(true);
  });
  it('keeps a column of zero weights at zero', () => {
    const direction = [Float32Array.of(1, 1, 1, 1)];
    filterNormalize(direction, [Float32Array.of(0, 2, 0, 0)], ['kernel'], [[2, 2]]);
    // Row-major [2, 2]: column 0 is entries 0 and 2 (all zero), column 1 is entries 1 and 3 (norm 2).
    expect([...direction[0]!]).toEqual([0, Math.SQRT2, 0, Math.SQRT2].map((x) => Math.fround(x)));
  });
});

describe('countExtraMinima', () => {
  it('finds none in a bowl or a slope', () => {
    expect(countExtraMinima([4, 1, 0, 1, 4])).toBe(0);
    expect(countExtraMinima([0, 1, 2, 3])).toBe(0);
    expect(countExtraMinima([3, 2, 1, 0])).toBe(0);
  });
  it('counts dips besides the deepest one', () => {
    expect(countExtraMinima([3, 1, 2, 0, 2, 0.5, 4])).toBe(2);
    // The global minimum at an end: both interior dips are extra.
    expect(countExtraMinima([3, 1, 2, 1.5, 2, -1])).toBe(2);
  });
  it('ignores dips shallower than the tolerance and flat stretches', () => {
    expect(countExtraMinima([4, 1, 1.0000001, 1, 1.0000002, 0, 4])).toBe(0);
    expect(countExtraMinima([2, 2, 2, 2])).toBe(0);
    expect(countExtraMinima([4, 2, 2.5, 0, 4], 1)).toBe(0);
    expect(countExtraMinima([4, 2, 2.5, 0, 4], 0.1)).toBe(1);
  });
});

describe('roughness', () => {
  it('is exactly 1 for any single valley or slope', () => {
    expect(roughness([4, 1, 0, 1, 4])).toBe(1);
    expect(roughness([9, 3, 0, 0.5, 1])).toBe(1);
    expect(roughness([0, 1, 5])).toBe(1);
    expect(roughness([2, 2, 2])).toBe(1);
  });
  it('adds twice the height of each bump', () => {
    // Valley from 4 down to 0 and up to 4 (variation 8), plus a bump of height 1 on the way down.
    expect(roughness([4, 2, 3, 0, 4])).toBeCloseTo(10 / 8, 12);
    // A hill with equal feet is measured against its range.
    expect(roughness([0, 1, 0])).toBe(2);
  });
});
