import { describe, expect, it } from 'vitest';
import { makeDataset, toDataPoints } from '../../src/engine/datasets.js';
import { SHAPES } from '../../src/engine/limits.js';
import { dataFields } from '../../src/engine/specs/options.js';

describe('data sets', () => {
  for (const dataset of SHAPES) {
    it(`${dataset}: the same points for the same seed, other points for another seed`, () => {
      const a = makeDataset(dataset, 200, 0.1, 5);
      const b = makeDataset(dataset, 200, 0.1, 5);
      expect(b.x).toEqual(a.x);
      expect(b.y).toEqual(a.y);
      expect(makeDataset(dataset, 200, 0.1, 6).x).not.toEqual(a.x);
    });

    it(`${dataset}: balanced classes, also in every prefix, and finite coordinates near the origin`, () => {
      const data = makeDataset(dataset, 101, 0.1, 1);
      expect(data.n).toBe(101);
      expect(data.x).toHaveLength(202);
      let ones = 0;
      for (let i = 0; i < data.n; i++) {
        ones += data.y[i]!;
        expect(Math.abs(i + 1 - 2 * ones)).toBeLessThanOrEqual(1);
      }
      expect(new Set(data.y)).toEqual(new Set([0, 1]));
      for (const v of data.x) {
        expect(Number.isFinite(v)).toBe(true);
        expect(Math.abs(v)).toBeLessThan(3);
      }
    });
  }

  it('xor: four corner clusters, opposite corners share a label, so the label is the sign of x·y', () => {
    const data = makeDataset('xor', 256, 0.1, 2);
    const quadrants = new Set<string>();
    for (let i = 0; i < data.n; i++) {
      const [px, py] = [data.x[2 * i]!, data.x[2 * i + 1]!];
      expect(px * py > 0).toBe(data.y[i] === 1);
      expect(Math.abs(Math.abs(px) - 1)).toBeLessThan(0.5);
      expect(Math.abs(Math.abs(py) - 1)).toBeLessThan(0.5);
      quadrants.add(`${Math.sign(px)},${Math.sign(py)}`);
    }
    expect(quadrants.size).toBe(4);
  });

  it('blobs: two clusters around (0.9, 0.9) and (-0.9, -0.9), separated by the line x + y = 0 at low noise', () => {
    const data = makeDataset('blobs', 256, 0.05, 3);
    const sums = [
      [0, 0],
      [0, 0],
    ];
    for (let i = 0; i < data.n; i++) {
      const [px, py] = [data.x[2 * i]!, data.x[2 * i + 1]!];
      const label = data.y[i]!;
      expect(px + py > 0).toBe(label === 1);
      sums[label]![0]! += px;
      sums[label]![1]! += py;
    }
    const half = data.n / 2;
    for (const [label, centre] of [
      [1, 0.9],
      [0, -0.9],
    ] as const) {
      expect(sums[label]![0]! / half).toBeCloseTo(centre, 1);
      expect(sums[label]![1]! / half).toBeCloseTo(centre, 1);
    }
  });

  it('noise moves the inputs and never the labels, and its help says so', () => {
    for (const dataset of SHAPES) {
      const clean = makeDataset(dataset, 64, 0, 3);
      const noisy = makeDataset(dataset, 64, 0.8, 3);
      expect(Array.from(noisy.y), dataset).toEqual(Array.from(clean.y));
      expect(Array.from(noisy.x), dataset).not.toEqual(Array.from(clean.x));
    }
    expect(dataFields.noise.description).toMatch(/^input noise\b/);
    expect(dataFields.noise.description).toMatch(/labels never change/);
    expect(dataFields.noise.description).not.toMatch(/label noise/);
  });

  it('converts to rounded JSON points with the same labels', () => {
    const data = makeDataset('moons', 10, 0.1, 1);
    const points = toDataPoints(data);
    expect(points.x).toHaveLength(10);
    expect(points.y).toEqual(Array.from(data.y));
    expect(points.x[3]![0]).toBeCloseTo(data.x[6]!, 4);
  });
});
