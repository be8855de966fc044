import type { TrainingData } from '../datasets.js';
import type { Table } from './table.js';

/*
 * A table's rows as the network sees them, and as a chart can show them. Standardizing puts every
 * feature on the same scale (mean 0, standard deviation 1 over the table's rows), so that no
 * feature dominates the first layer's initial weights merely by its units and the default
 * learning rate suits every table. A table of more than two features has no plane to draw a
 * decision boundary in; a principal-components projection gives a faithful 2-D picture of its
 * points instead (the two directions along which the inputs vary most).
 */

/** Per-feature mean and standard deviation over the rows (a constant feature gets 1, so it only centres). */
export function featureScales(rows: readonly (readonly number[])[], features: number) {
  const mean = new Array<number>(features).fill(0);
  const sd = new Array<number>(features).fill(0);
  for (const row of rows) for (let j = 0; j < features; j++) mean[j] = mean[j]! + row[j]!;
  for (let j = 0; j < features; j++) mean[j] = mean[j]! / rows.length;
  for (const row of rows) for (let j = 0; j < features; j++) sd[j] = sd[j]! + (row[j]! - mean[j]!) ** 2;
  for (let j = 0; j < features; j++) {
    const s = Math.sqrt(sd[j]! / rows.length);
    sd[j] = s > 0 ? s : 1;
  }
  return { mean, sd };
}

/** The table's inputs, row-major [rows, features], standardized or as given, in float64. */
export function tableInputs(table: Table, standardize: boolean): Float64Array {
  const d = table.features.length;
  const x = new Float64Array(table.rows.length * d);
  const { mean, sd } = standardize ? featureScales(table.rows, d) : { mean: [], sd: [] };
  table.rows.forEach((row, i) => {
    for (let j = 0; j < d; j++) x[i * d + j] = standardize ? (row[j]! - mean[j]!) / sd[j]! : row[j]!;
  });
  return x;
}

/** A table in the layout the engine trains on. */
export function tableTrainingData(table: Table, standardize: boolean): TrainingData {
  return {
    x: Float32Array.from(tableInputs(table, standardize)),
    y: Float32Array.from(table.labels),
    n: table.rows.length,
    inputs: table.features.length,
    classes: table.classes.length,
  };
}

/** Two principal components of a table's inputs and its points projected onto them. */
export interface Projection {
  /** Unit directions in input space, [2][features]; the second is orthogonal to the first. */
  components: [number[], number[]];
  /** Share of the inputs' total variance along each component, 0..1. */
  explained: [number, number];
  /** Each row's coordinates along the two components (of the centred inputs). */
  points: [number, number][];
}

const POWER_ITERATIONS = 500;

/**
 * The leading eigenvector of a symmetric positive semi-definite matrix (d × d, row-major) by power
 * iteration from a fixed start, so the same data always give the same direction; its sign is
 * chosen so that its largest entry is positive.
 */
function leadingEigenvector(matrix: Float64Array, d: number): { vector: number[]; value: number } {
  // A start with unequal entries, so it is not orthogonal to the answer by symmetry.
  let v = Array.from({ length: d }, (_, j) => 1 + j / d);
  let value = 0;
  for (let iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
    const next = new Array<number>(d).fill(0);
    for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) next[r] = next[r]! + matrix[r * d + c]! * v[c]!;
    const norm = Math.hypot(...next);
    if (norm === 0) break;
    const normalized = next.map((x) => x / norm);
    const change = Math.max(...normalized.map((x, j) => Math.abs(x - v[j]!)));
    v = normalized;
    value = norm;
    if (change < 1e-12) break;
  }
  const norm = Math.hypot(...v);
  v = v.map((x) => x / norm);
  const largest = v.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
  return { vector: largest < 0 ? v.map((x) => -x) : v, value };
}

/**
 * The first two principal components of row-major inputs x ([n, d]): power iteration on the d × d
 * covariance, then again after removing (deflating) the first. With one feature the second
 * component is empty and every point's second coordinate 0.
 */
export function principalComponents(x: ArrayLike<number>, n: number, d: number): Projection {
  const mean = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + x[i * d + j]! / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++)
    for (let r = 0; r < d; r++) {
      const a = x[i * d + r]! - mean[r]!;
      for (let c = 0; c < d; c++) cov[r * d + c] = cov[r * d + c]! + (a * (x[i * d + c]! - mean[c]!)) / n;
    }
  let total = 0;
  for (let j = 0; j < d; j++) total += cov[j * d + j]!;
  const first = leadingEigenvector(cov, d);
  const deflated = cov.map(
    (value, k) => value - first.value * first.vector[Math.floor(k / d)]! * first.vector[k % d]!,
  );
  const second = d > 1 ? leadingEigenvector(deflated, d) : { vector: [0], value: 0 };
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    let p1 = 0;
    let p2 = 0;
    for (let j = 0; j < d; j++) {
      const centred = x[i * d + j]! - mean[j]!;
      p1 += centred * first.vector[j]!;
      p2 += centred * second.vector[j]!;
    }
    points.push([p1, p2]);
  }
  const share = (value: number) => (total > 0 ? Math.min(1, Math.max(0, value / total)) : 0);
  return {
    components: [first.vector, second.vector],
    explained: [share(first.value), share(second.value)],
    points,
  };
}
