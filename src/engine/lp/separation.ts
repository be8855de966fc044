import type { TrainingData } from '../datasets.js';

/*
 * The two linear programs of the `lp` experiment, written in CPLEX LP format. Labels 0/1 become
 * y' = -1/+1, and a point is on the right side with margin when y'(w·x + b) >= 1.
 */

/** A hyperplane w·x + b = 0: a line in the plane, for the generated shapes and 2-feature tables. */
export interface Hyperplane {
  w: number[];
  b: number;
}

// Signed term text: "+ 0.25 w1" or "- 0.25 w1". Coefficients keep all their digits, so the LP
// sees the same float32 points the network trains on.
function term(coefficient: number, variable: string): string {
  return `${coefficient < 0 ? '-' : '+'} ${Math.abs(coefficient)} ${variable}`;
}

function signedLabel(data: TrainingData, i: number): number {
  return data.y[i]! > 0.5 ? 1 : -1;
}

/**
 * The hard (feasibility) LP: every point on its side of the line with margin 1. Feasibility alone
 * would leave the answer arbitrary (any separating line scaled up is feasible too), so it also
 * minimizes the L1 norm |w1| + |w2|, with each w_j split into p_j - n_j (p_j, n_j >= 0, and at the
 * optimum one of them is 0). Since the L-infinity distance of x to the line is |w·x + b| / |w|_1,
 * this picks the line with the widest margin in that distance: the LP cousin of a linear SVM,
 * which minimizes |w|_2 and so needs a quadratic program. The result is well defined and bounded.
 */
export function hardMarginLp(data: TrainingData): string {
  const rows: string[] = [];
  const d = data.inputs;
  for (let i = 0; i < data.n; i++) {
    const y = signedLabel(data, i);
    const terms: string[] = [];
    for (let j = 0; j < d; j++) {
      const a = y * data.x[d * i + j]!;
      terms.push(`${term(a, `p${j + 1}`)} ${term(-a, `n${j + 1}`)}`);
    }
    rows.push(` m${i}: ${terms.join(' ')} ${term(y, 'b')} >= 1`);
  }
  const norm = Array.from({ length: d }, (_, j) => `p${j + 1} + n${j + 1}`).join(' + ');
  return ['Minimize', ` norm: ${norm}`, 'Subject To', ...rows, 'Bounds', ' b free', 'End'].join('\n');
}

/**
 * The soft LP: each point may fall short of margin 1 by a slack s_i >= 0, and the LP minimizes
 * the total slack (the hinge loss). Its optimum is 0 exactly when the hard LP is feasible.
 */
export function softMarginLp(data: TrainingData): string {
  const rows: string[] = [];
  const slacks: string[] = [];
  const d = data.inputs;
  for (let i = 0; i < data.n; i++) {
    const y = signedLabel(data, i);
    const terms = Array.from({ length: d }, (_, j) => term(y * data.x[d * i + j]!, `w${j + 1}`));
    rows.push(` m${i}: ${terms.join(' ')} ${term(y, 'b')} + s${i} >= 1`);
    slacks.push(`s${i}`);
  }
  return [
    'Minimize',
    ` slack: ${slacks.join(' + ')}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...Array.from({ length: d }, (_, j) => ` w${j + 1} free`),
    ' b free',
    'End',
  ].join('\n');
}

/** The line of a solved hard LP, from its split variables. */
export function hardMarginHyperplane(values: ReadonlyMap<string, number>, inputs = 2): Hyperplane {
  const get = (name: string) => values.get(name) ?? 0;
  const w = Array.from({ length: inputs }, (_, j) => get(`p${j + 1}`) - get(`n${j + 1}`));
  return { w, b: get('b') };
}

/**
 * Points whose slack in a solved soft LP exceeds `tolerance`: they are misclassified or inside the
 * margin under the line that minimizes the total slack.
 */
export function countViolations(values: ReadonlyMap<string, number>, n: number, tolerance = 1e-6): number {
  let count = 0;
  for (let i = 0; i < n; i++) if ((values.get(`s${i}`) ?? 0) > tolerance) count++;
  return count;
}

/** Fraction of points on the side of the line their label says (w·x + b > 0 means label 1). */
export function hyperplaneAccuracy(plane: Hyperplane, data: TrainingData): number {
  let correct = 0;
  for (let i = 0; i < data.n; i++) {
    let score = plane.b;
    for (let j = 0; j < data.inputs; j++) score += plane.w[j]! * data.x[data.inputs * i + j]!;
    if ((score > 0 ? 1 : 0) === data.y[i]) correct++;
  }
  return data.n === 0 ? 0 : correct / data.n;
}
