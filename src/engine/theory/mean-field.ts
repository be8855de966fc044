import type { SignalPoint } from '../result.js';
import { expectNormal, expectNormal2 } from './gauss-hermite.js';

/*
 * Mean-field signal propagation through a wide tanh network with weights N(0, σ_w²/fan-in) and
 * biases N(0, σ_b²) (Poole et al. 2016; Schoenholz et al. 2017). Written from the papers'
 * equations, with z, z₁, z₂ independent standard normals:
 *
 *   length map       q ← σ_w² E[φ(√q z)²] + σ_b²                 fixed point q*
 *   slope at c = 1   χ₁ = σ_w² E[φ'(√q* z)²]
 *   correlation map  c ← (σ_w² E[φ(u₁)φ(u₂)] + σ_b²) / q*,
 *                    u₁ = √q* z₁, u₂ = √q* (c z₁ + √(1−c²) z₂)      fixed point c*
 *   depth scale      ξ_c = −1 / ln(σ_w² E[φ'(u₁)φ'(u₂)] at c*)
 *
 * χ₁ < 1 is the ordered phase (inputs' correlations go to c* = 1, every input looks alike deep
 * down); χ₁ > 1 the chaotic phase (c* < 1, nearby inputs decorrelate). At χ₁ = 1 the depth
 * scale diverges, and Schoenholz et al. found networks train only while depth ≲ 6 ξ_c.
 * For σ_b² = 0.05 their Fig. 1 puts the critical σ_w² near 1.76; criticalWeightScale reproduces it.
 */

const tanh = Math.tanh;
const tanhSlope = (u: number) => 1 - Math.tanh(u) ** 2;

/** The fixed point q* of the length map, by iteration from q = 1 (it contracts for tanh). */
export function lengthFixedPoint(weightScale: number, biasScale: number): number {
  let q = 1;
  for (let i = 0; i < 1000; i++) {
    const next = weightScale * expectNormal((z) => tanh(Math.sqrt(q) * z) ** 2) + biasScale;
    if (Math.abs(next - q) < 1e-13) return next;
    q = next;
  }
  return q;
}

/** χ₁ = σ_w² E[φ'(√q* z)²]: how a small perturbation grows (> 1) or shrinks (< 1) per layer. */
export function chi1(weightScale: number, qStar: number): number {
  return weightScale * expectNormal((z) => tanhSlope(Math.sqrt(qStar) * z) ** 2);
}

/** E over the pair (u₁, u₂) with variances q and correlation c. */
function pairExpectation(q: number, c: number, f: (u1: number, u2: number) => number): number {
  const s = Math.sqrt(q);
  const orthogonal = Math.sqrt(Math.max(0, 1 - c * c));
  return expectNormal2((z1, z2) => f(s * z1, s * (c * z1 + orthogonal * z2)));
}

/** One step of the correlation map. */
function correlationMap(weightScale: number, biasScale: number, qStar: number, c: number): number {
  return (weightScale * pairExpectation(qStar, c, (a, b) => tanh(a) * tanh(b)) + biasScale) / qStar;
}

/**
 * The stable correlation fixed point: 1 in the ordered phase; in the chaotic phase the root of
 * map(c) = c below 1, found by bisection (map(c) > c below it, < c between it and 1).
 */
export function correlationFixedPoint(weightScale: number, biasScale: number, qStar: number): number {
  if (chi1(weightScale, qStar) <= 1) return 1;
  let [lo, hi] = [0, 1 - 1e-9];
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (correlationMap(weightScale, biasScale, qStar, mid) > mid) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Every mean-field quantity for one σ_w² and σ_b². */
export function signalPoint(weightScale: number, biasScale: number): SignalPoint {
  const qStar = lengthFixedPoint(weightScale, biasScale);
  const slope = chi1(weightScale, qStar);
  const cStar = correlationFixedPoint(weightScale, biasScale, qStar);
  const chiC =
    cStar === 1 ? slope : weightScale * pairExpectation(qStar, cStar, (a, b) => tanhSlope(a) * tanhSlope(b));
  const depthScale = chiC === 1 ? Infinity : -1 / Math.log(chiC);
  return { weightScale, qStar, chi1: slope, cStar, depthScale, trainableDepth: 6 * depthScale };
}

/** The σ_w² where χ₁ = 1 (the order-to-chaos edge) for a given σ_b², by bisection on [lo, hi]. */
export function criticalWeightScale(biasScale: number, lo = 0.5, hi = 8): number {
  let [a, b] = [lo, hi];
  for (let i = 0; i < 60; i++) {
    const mid = (a + b) / 2;
    if (chi1(mid, lengthFixedPoint(mid, biasScale)) < 1) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}
