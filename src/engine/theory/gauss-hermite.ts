/*
 * Gauss–Hermite quadrature for expectations over a standard normal: E[f(z)] ≈ Σ wᵢ f(xᵢ), exact
 * for polynomials of degree < 2n. The nodes are the roots of the n-th Hermite polynomial,
 * found by scanning for sign changes (the roots are at least ~π/√(2n) apart) and polishing
 * each by bisection. The orthonormal recurrence hₖ₊₁ = (x hₖ − √k hₖ₋₁)/√(k+1) never
 * overflows, and with it the weight of root xᵢ is 1 / (n hₙ₋₁(xᵢ)²).
 */

/** Nodes and weights of an n-point rule for the standard normal (weights sum to 1). */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

/** hₙ(x) and hₙ₋₁(x) of the orthonormal probabilists' Hermite polynomials. */
function hermite(n: number, x: number): [number, number] {
  let previous = 0;
  let current = 1;
  for (let k = 0; k < n; k++) {
    const next = (x * current - Math.sqrt(k) * previous) / Math.sqrt(k + 1);
    previous = current;
    current = next;
  }
  return [current, previous];
}

function bisectRoot(n: number, lo: number, hi: number): number {
  let [a, b] = [lo, hi];
  let fa = hermite(n, a)[0];
  for (let i = 0; i < 80 && b - a > 1e-15; i++) {
    const mid = (a + b) / 2;
    const fm = hermite(n, mid)[0];
    if (fa * fm <= 0) b = mid;
    else [a, fa] = [mid, fm];
  }
  return (a + b) / 2;
}

const cache = new Map<number, QuadratureRule>();

/** The n-point Gauss–Hermite rule for E over N(0, 1) (cached; n from 1 to 150). */
export function gaussHermite(n: number): QuadratureRule {
  const known = cache.get(n);
  if (known) return known;
  if (!Number.isInteger(n) || n < 1 || n > 150) throw new RangeError(`n must be 1..150, got ${n}`);
  // Every root lies inside ±√(4n + 2); a step of 0.01 is far below the smallest root spacing.
  const reach = Math.sqrt(4 * n + 2) + 0.5;
  const step = 0.01;
  const roots: number[] = [];
  let x = -reach;
  let fx = hermite(n, x)[0];
  while (x < reach && roots.length < n) {
    const nextX = x + step;
    const fNext = hermite(n, nextX)[0];
    if (fx === 0) roots.push(x);
    else if (fx * fNext < 0) roots.push(bisectRoot(n, x, nextX));
    [x, fx] = [nextX, fNext];
  }
  if (roots.length !== n) throw new Error(`found ${roots.length} of ${n} Hermite roots`);
  const nodes = Float64Array.from(roots);
  const weights = nodes.map((r) => 1 / (n * hermite(n, r)[1] ** 2));
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/** E[f(z)] for z ~ N(0, 1). */
export function expectNormal(f: (z: number) => number, rule: QuadratureRule = gaussHermite(60)): number {
  let sum = 0;
  for (let i = 0; i < rule.nodes.length; i++) sum += rule.weights[i]! * f(rule.nodes[i]!);
  return sum;
}

/** E[f(z₁, z₂)] for independent z₁, z₂ ~ N(0, 1) (the product rule). */
export function expectNormal2(
  f: (z1: number, z2: number) => number,
  rule: QuadratureRule = gaussHermite(40),
): number {
  let sum = 0;
  for (let i = 0; i < rule.nodes.length; i++) {
    const zi = rule.nodes[i]!;
    let inner = 0;
    for (let j = 0; j < rule.nodes.length; j++) inner += rule.weights[j]! * f(zi, rule.nodes[j]!);
    sum += rule.weights[i]! * inner;
  }
  return sum;
}
