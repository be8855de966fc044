import { describe, expect, it } from 'vitest';
import { expectNormal, expectNormal2, gaussHermite } from '../../../src/engine/theory/gauss-hermite.js';
import {
  chi1,
  correlationFixedPoint,
  criticalWeightScale,
  lengthFixedPoint,
  signalPoint,
} from '../../../src/engine/theory/mean-field.js';

/** E[f(z)] by the trapezoid rule on [-12, 12]: an independent check of the quadrature. */
function trapezoid(f: (z: number) => number, step = 1e-3): number {
  let sum = 0;
  for (let z = -12; z <= 12; z += step) sum += f(z) * Math.exp((-z * z) / 2);
  return (sum * step) / Math.sqrt(2 * Math.PI);
}

describe('Gauss-Hermite quadrature', () => {
  it('integrates the normal moments exactly and smooth functions to machine precision', () => {
    const rule = gaussHermite(20);
    expect(rule.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(expectNormal((z) => z ** 2, rule)).toBeCloseTo(1, 12);
    expect(expectNormal((z) => z ** 4, rule)).toBeCloseTo(3, 11);
    expect(expectNormal((z) => z ** 10, rule)).toBeCloseTo(945, 8); // 9!! = 945
    expect(expectNormal(Math.cos)).toBeCloseTo(Math.exp(-0.5), 12);
    // E[z1² z2²] = 1 and E[z1 z2] = 0 for independent normals.
    expect(expectNormal2((a, b) => a * a * b * b)).toBeCloseTo(1, 12);
    expect(expectNormal2((a, b) => a * b)).toBeCloseTo(0, 12);
  });

  it('refuses sizes it cannot build', () => {
    expect(() => gaussHermite(0)).toThrow(RangeError);
  });
});

describe('mean-field signal propagation (tanh)', () => {
  it('puts the order-to-chaos edge for σ_b² = 0.05 at σ_w² ≈ 1.76 (Schoenholz et al. 2017, Fig. 1)', () => {
    expect(criticalWeightScale(0.05)).toBeCloseTo(1.76, 2);
    // The edge moves to larger weights as the bias variance grows.
    expect(criticalWeightScale(0.3)).toBeGreaterThan(criticalWeightScale(0.05));
  });

  it('finds a q* that solves the length map, checked with an independent integration', () => {
    const q = lengthFixedPoint(2.5, 0.05);
    expect(2.5 * trapezoid((z) => Math.tanh(Math.sqrt(q) * z) ** 2) + 0.05).toBeCloseTo(q, 6);
    expect(chi1(2.5, q)).toBeCloseTo(2.5 * trapezoid((z) => (1 - Math.tanh(Math.sqrt(q) * z) ** 2) ** 2), 5);
  });

  it('has c* = 1 in the ordered phase and a fixed point below 1 in the chaotic phase', () => {
    const ordered = signalPoint(1, 0.05);
    expect(ordered.chi1).toBeLessThan(1);
    expect(ordered.cStar).toBe(1);
    expect(ordered.depthScale).toBeCloseTo(-1 / Math.log(ordered.chi1), 10);
    const chaotic = signalPoint(4, 0.05);
    expect(chaotic.chi1).toBeGreaterThan(1);
    expect(chaotic.cStar).toBeGreaterThan(0);
    expect(chaotic.cStar).toBeLessThan(1);
    // c* is a fixed point: one more layer leaves it where it is.
    const q = chaotic.qStar;
    const s = Math.sqrt(q);
    const c = chaotic.cStar;
    const next =
      (4 * expectNormal2((a, b) => Math.tanh(s * a) * Math.tanh(s * (c * a + Math.sqrt(1 - c * c) * b))) +
        0.05) /
      q;
    expect(next).toBeCloseTo(c, 6);
    expect(correlationFixedPoint(4, 0.05, q)).toBeCloseTo(c, 9);
  });

  it('gives the deepest depth scale next to the edge, shrinking on both sides', () => {
    const xi = [0.5, 1, 1.5, 2.2, 4, 12].map((w) => signalPoint(w, 0.05).depthScale);
    expect(xi[0]!).toBeLessThan(xi[1]!);
    expect(xi[1]!).toBeLessThan(xi[2]!);
    expect(xi[3]!).toBeGreaterThan(xi[4]!);
    expect(xi[4]!).toBeGreaterThan(xi[5]!);
    expect(signalPoint(1.5, 0.05).trainableDepth).toBeCloseTo(6 * xi[2]!, 10);
  });
});
