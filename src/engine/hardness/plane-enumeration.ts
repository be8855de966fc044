import type { AbortFlag } from '../units.js';
import { abortError } from '../worker/errors.js';
import type { HardnessInstance } from './types.js';

/*
 * In a fixed dimension, exact training is polynomial (Blum & Rivest 1992 note this). In the plane:
 * any line that separates a labelling of points in general position (no three on a line) can be
 * slid and turned until it passes through two of the points without any other point changing
 * side. So the labellings one threshold unit can produce are found by taking each of the n(n-1)/2
 * lines through two points, putting the points strictly on one side on, and each of the two points
 * on either side: O(n²) candidates. A three-node AND fits when two candidates both contain every
 * positive point and, between them, reject every negative one; OR is AND on flipped labels.
 */

/*
 * The enumeration is synchronous and takes up to a second or two at n = 128 on a loaded machine, so
 * it looks at the cancel flag as it goes: once per line in the first pass, and every CHECK_EVERY
 * candidates in the pair loop (a flag backed by shared memory costs a load; this keeps it rare).
 */
const CHECK_EVERY = 64;

/** Throws the cancellation when the flag is up. */
function checkCancelled(signal: AbortFlag | undefined): void {
  if (signal?.aborted) throw abortError();
}

/**
 * Work of one enumeration on n points, in the units of the engine's work cap (work.ts): the pair
 * loop compares up to about (4n²)² / 2 candidate pairs, twice (AND and OR). Measured at n = 128 with
 * random labels: 0.32 s on an idle core, about 1.9e9 units at the cap's rate; 16 n⁴ (4.3e9) leaves
 * room for a loaded machine.
 */
export function enumerationWork(n: number): number {
  return 16 * n ** 4;
}

/** A set of point indices as a bit mask (one bit per point, 32 per word). */
type Mask = Uint32Array;

function emptyMask(n: number): Mask {
  return new Uint32Array(Math.ceil(n / 32));
}

function setBit(mask: Mask, i: number): void {
  mask[i >> 5]! |= 1 << (i & 31);
}

function maskOf(indices: number[], n: number): Mask {
  const mask = emptyMask(n);
  for (const i of indices) setBit(mask, i);
  return mask;
}

/** The "on" sets of every threshold unit on these 2-D points (both orientations, no duplicates). */
export function unitLabellings(
  x: readonly (readonly number[])[],
  signal?: AbortFlag,
): { sets: Mask[]; lines: number } {
  const n = x.length;
  const seen = new Set<string>();
  const sets: Mask[] = [];
  const add = (mask: Mask) => {
    const key = mask.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    sets.push(mask);
  };
  add(emptyMask(n));
  add(
    maskOf(
      Array.from({ length: n }, (_, i) => i),
      n,
    ),
  );
  let lines = 0;
  for (let i = 0; i < n; i++) {
    checkCancelled(signal);
    for (let j = i + 1; j < n; j++) {
      lines++;
      const [ax, ay] = x[i]!;
      const [bx, by] = x[j]!;
      const above = emptyMask(n);
      const below = emptyMask(n);
      for (let k = 0; k < n; k++) {
        if (k === i || k === j) continue;
        const side = (bx! - ax!) * (x[k]![1]! - ay!) - (by! - ay!) * (x[k]![0]! - ax!);
        setBit(side > 0 ? above : below, k);
      }
      for (const base of [above, below]) {
        for (let extra = 0; extra < 4; extra++) {
          const mask = base.slice();
          if (extra & 1) setBit(mask, i);
          if (extra & 2) setBit(mask, j);
          add(mask);
        }
      }
    }
  }
  return { sets, lines };
}

/** True when two units from `sets` realize an AND of labels y: both contain the positives, together they miss every negative. */
function andFits(sets: Mask[], y: readonly number[], signal: AbortFlag | undefined): boolean {
  const n = y.length;
  const words = Math.ceil(n / 32);
  const positives = maskOf(
    y.flatMap((v, i) => (v === 1 ? [i] : [])),
    n,
  );
  const negatives = maskOf(
    y.flatMap((v, i) => (v === 1 ? [] : [i])),
    n,
  );
  // For each unit that contains every positive, the negatives it wrongly lets in, packed flat:
  // the pair loop below is the O(n^4) heart of the algorithm and runs millions of times.
  const leaks: number[] = [];
  for (const set of sets) {
    // (positives & ~set) is 0 when the set contains them all; comparing with === would trip over
    // bit 31, which makes a bitwise result negative while the Uint32Array holds it unsigned.
    if (!set.every((word, w) => (positives[w]! & ~word) === 0)) continue;
    for (let w = 0; w < words; w++) leaks.push(set[w]! & negatives[w]!);
  }
  const flat = Uint32Array.from(leaks);
  const count = flat.length / words;
  for (let a = 0; a < count; a++) {
    if (a % CHECK_EVERY === 0) checkCancelled(signal);
    for (let b = a; b < count; b++) {
      let disjoint = true;
      for (let w = 0; w < words && disjoint; w++)
        disjoint = (flat[a * words + w]! & flat[b * words + w]!) === 0;
      if (disjoint) return true;
    }
  }
  return false;
}

/**
 * Exact three-node training in the plane by enumeration, in polynomial time. Assumes no three
 * points on a line (true with probability 1 for Gaussian points). Throws an AbortError soon after
 * `signal` is raised.
 */
export function enumerateThreeNodeFit(
  instance: HardnessInstance,
  signal?: AbortFlag,
): {
  fit: boolean;
  lines: number;
  solveMs: number;
} {
  if (instance.d !== 2) throw new Error('the line enumeration works in two dimensions only');
  const started = performance.now();
  checkCancelled(signal);
  const { sets, lines } = unitLabellings(instance.x, signal);
  const fit =
    andFits(sets, instance.y, signal) ||
    andFits(
      sets,
      instance.y.map((v) => 1 - v),
      signal,
    );
  return { fit, lines, solveMs: performance.now() - started };
}
