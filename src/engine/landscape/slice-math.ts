import type { ParamKind } from '../model/mlp.js';
import type { Random } from '../random.js';

/*
 * The arithmetic of loss-surface slices, on plain Float32Arrays (one array per trainable variable,
 * in the model's order), so it can be tested without TensorFlow.js.
 */

/** `count` evenly spaced numbers from `from` to `to`, both included. */
export function evenlySpaced(from: number, to: number, count: number): number[] {
  if (count === 1) return [from];
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/** (1 - alpha) * start + alpha * end, entry by entry: a point on the line through two weight sets. */
export function interpolate(
  start: readonly Float32Array[],
  end: readonly Float32Array[],
  alpha: number,
): Float32Array[] {
  return start.map((from, v) => {
    const to = end[v]!;
    const out = new Float32Array(from.length);
    for (let i = 0; i < from.length; i++) out[i] = (1 - alpha) * from[i]! + alpha * to[i]!;
    return out;
  });
}

/** base + t * direction, entry by entry. */
export function offset(
  base: readonly Float32Array[],
  direction: readonly Float32Array[],
  t: number,
): Float32Array[] {
  return base.map((from, v) => {
    const step = direction[v]!;
    const out = new Float32Array(from.length);
    for (let i = 0; i < from.length; i++) out[i] = from[i]! + t * step[i]!;
    return out;
  });
}

/** A direction with one standard-normal entry per parameter, shaped like `like`. */
export function gaussianDirection(like: readonly Float32Array[], rng: Random): Float32Array[] {
  return like.map((values) => Float32Array.from(values, () => rng.normal()));
}

/**
 * Filter normalization (Li et al. 2018), in place. A kernel [in, out] is stored row-major, and its
 * column j (the incoming weights of output unit j) is one filter: the direction's column is
 * rescaled to the norm of the same column of `weights`, so that a step of t moves every unit by the
 * same fraction of its own weights and slices of differently scaled networks are comparable. Bias
 * and normalization entries are set to 0, as Li et al. do for biases and batch-norm parameters.
 */
export function filterNormalize(
  direction: Float32Array[],
  weights: readonly Float32Array[],
  kinds: readonly ParamKind[],
  shapes: readonly (readonly number[])[],
): void {
  direction.forEach((d, v) => {
    if (kinds[v] !== 'kernel') {
      d.fill(0);
      return;
    }
    const w = weights[v]!;
    const columns = shapes[v]?.[1] ?? 1;
    const rows = d.length / columns;
    for (let j = 0; j < columns; j++) {
      let dNorm = 0;
      let wNorm = 0;
      for (let k = 0; k < rows; k++) {
        dNorm += d[k * columns + j]! ** 2;
        wNorm += w[k * columns + j]! ** 2;
      }
      // A zero direction column has no direction to rescale: it stays zero.
      const scale = dNorm > 0 ? Math.sqrt(wNorm / dNorm) : 0;
      for (let k = 0; k < rows; k++) d[k * columns + j]! *= scale;
    }
  });
}

/**
 * Strict local minima of a slice that lie strictly inside it, besides its global minimum. A dip
 * counts only when the values fall by more than `tolerance` into it and rise by more than
 * `tolerance` out of it, so float noise on a flat stretch is not a minimum; the default tolerance
 * is 0.1% of the slice's range, well below what a chart shows. An end of the slice is never
 * counted: there the loss may keep falling beyond the slice.
 */
export function countExtraMinima(losses: readonly number[], tolerance?: number): number {
  if (losses.length < 3) return 0;
  const lowest = Math.min(...losses);
  const threshold = tolerance ?? 1e-3 * (Math.max(...losses) - lowest);
  // Zig-zag walk: `falling` is undefined until the values first move by more than the threshold.
  let falling: boolean | undefined;
  let low = losses[0]!;
  let high = losses[0]!;
  const minima: number[] = [];
  for (const value of losses) {
    if (falling !== false) low = Math.min(low, value);
    if (falling !== true) high = Math.max(high, value);
    if (falling !== false && value > low + threshold) {
      // Only a dip that was entered by a fall is an interior minimum (not the slice's first point).
      if (falling === true) minima.push(low);
      falling = false;
      high = value;
    } else if (falling !== true && value < high - threshold) {
      falling = true;
      low = value;
    }
  }
  const globalInside = minima.some((m) => m === lowest);
  return minima.length - (globalInside ? 1 : 0);
}

/**
 * How far a slice is from a single valley: its total variation sum |L[i+1] - L[i]| divided by
 * the least variation a slice with the same end values, minimum and maximum can have as a valley,
 * max(|L[first] - min| + |L[last] - min|, max - min). This is exactly 1 for any slice that only
 * falls and then only rises (a bowl, or a monotone slope) and grows with every extra bump: each
 * detour of height h adds 2h to the numerator. A constant slice counts as 1.
 */
export function roughness(losses: readonly number[]): number {
  if (losses.length < 2) return 1;
  let variation = 0;
  for (let i = 1; i < losses.length; i++) variation += Math.abs(losses[i]! - losses[i - 1]!);
  const lowest = Math.min(...losses);
  const highest = Math.max(...losses);
  const valley = Math.abs(losses[0]! - lowest) + Math.abs(losses.at(-1)! - lowest);
  const baseline = Math.max(valley, highest - lowest);
  return baseline > 0 ? variation / baseline : 1;
}
