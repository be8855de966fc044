import type { TrainingData } from '../datasets.js';

/*
 * The two linear programs of the `lp` experiment, written in CPLEX LP format. Labels 0/1 become
 * y' = -1/+1, and a point is on the right side with margin when y'(w·x + b) >= 1.
 */

/** A line w·x + b = 0 in the plane. */
export interface Hyperplane {
  w: [number, number];
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
  for (let i = 0; i < data.n; i++) {
    const y = signedLabel(data, i);
    const a = y * data.x[2 * i]!;
    const c = y * data.x[2 * i + 1]!;
    rows.push(
      ` m${i}: ${term(a, 'p1')} ${term(-a, 'n1')} ${term(c, 'p2')} ${term(-c, 'n2')} ${term(y, 'b')} >= 1`,
    );
  }
  return ['Minimize', ' norm: p1 + n1 + p2 + n2', 'Subject To', ...rows, 'Bounds', ' b free', 'End'].join(
    '\n',
  );
}

/**
 * The soft LP: each point may fall short of margin 1 by a slack s_i >= 0, and the LP minimizes
 * the total slack (the hinge loss). Its optimum is 0 exactly when the hard LP is feasible.
 */
export function softMarginLp(data: TrainingData): string {
  const rows: string[] = [];
  const slacks: string[] = [];
  for (let i = 0; i < data.n; i++) {
    const y = signedLabel(data, i);
    const a = y * data.x[2 * i]!;
    const c = y * data.x[2 * i + 1]!;
    rows.push(` m${i}: ${term(a, 'w1')} ${term(c, 'w2')} ${term(y, 'b')} + s${i} >= 1`);
    slacks.push(`s${i}`);
  }
  return [
    'Minimize',
    ` slack: ${slacks.join(' + ')}`,
    'Subject To',
    ...rows,
    'Bounds',
    ' w1 free',
    ' w2 free',
    ' b free',
    'End',
  ].join('\n');
}

/** The line of a solved hard LP, from its split variables. */
export function hardMarginHyperplane(values: ReadonlyMap<string, number>): Hyperplane {
  const get = (name: string) => values.get(name) ?? 0;
  return { w: [get('p1') - get('n1'), get('p2') - get('n2')], b: get('b') };
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
    const score = plane.w[0] * data.x[2 * i]! + plane.w[1] * data.x[2 * i + 1]! + plane.b;
    if ((score > 0 ? 1 : 0) === data.y[i]) correct++;
  }
  return data.n === 0 ? 0 : correct / data.n;
}
