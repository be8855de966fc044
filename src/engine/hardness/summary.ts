import type { HardnessRecord } from './types.js';

/*
 * One sweep cell (n points in d dimensions) summarized over its instances (planted and/or random
 * labels). Times take the slower instance: the experiment is about the worst case. Pure functions
 * on plain records, shared by the charts, the explanation and the benchmark.
 */

/** The instances of one (n, d) cell, summarized. */
export interface HardnessCell {
  n: number;
  d: number;
  /** Slowest exact (mixed-integer) solve of the cell, ms. */
  mipMs: number;
  /** Most branch-and-bound nodes of the cell. */
  nodes: number;
  /** Most simplex iterations of the cell's exact solves (the solver's work, whatever the load). */
  lpIterations: number;
  /** True when some instance of the cell hit the time limit. */
  gaveUp: boolean;
  /** Slowest one-unit LP of the cell, ms. */
  lpMs: number;
  /** Slowest 2-D enumeration of the cell, ms (d = 2 only). */
  enumerationMs?: number;
  /** Gradient-descent restarts that reached 100 %, over the cell's instances with a proven fit. */
  descent?: { successes: number; restarts: number };
}

/** Cells in the order of first appearance (dimension, then size). */
export function hardnessCells(records: readonly HardnessRecord[]): HardnessCell[] {
  const cells = new Map<string, HardnessCell>();
  for (const r of records) {
    const key = `${r.d}:${r.n}`;
    const cell = cells.get(key) ?? {
      n: r.n,
      d: r.d,
      mipMs: 0,
      nodes: 0,
      lpIterations: 0,
      gaveUp: false,
      lpMs: 0,
    };
    cell.mipMs = Math.max(cell.mipMs, r.exact.solveMs);
    cell.nodes = Math.max(cell.nodes, r.exact.nodes);
    cell.lpIterations = Math.max(cell.lpIterations, r.exact.lpIterations);
    cell.gaveUp ||= r.exact.status === 'time-limit';
    cell.lpMs = Math.max(cell.lpMs, r.lp.solveMs);
    if (r.enumeration) cell.enumerationMs = Math.max(cell.enumerationMs ?? 0, r.enumeration.solveMs);
    if (r.gradientDescent) {
      const so = cell.descent ?? { successes: 0, restarts: 0 };
      cell.descent = {
        successes: so.successes + r.gradientDescent.successes,
        restarts: so.restarts + r.gradientDescent.restarts,
      };
    }
    cells.set(key, cell);
  }
  return [...cells.values()];
}

/** The median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
