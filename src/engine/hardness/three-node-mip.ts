import type { AbortFlag } from '../units.js';
import { abortError } from '../worker/errors.js';
import { WEIGHT_BOUND } from './instances.js';
import { type MipRun, runMip } from './mip-solver.js';
import { fitsEveryPoint } from './threshold-net.js';
import type { ExactOutcome, HardnessInstance, ThreeNodeNet, ThresholdUnit } from './types.js';

/*
 * Exact training of the three-node network as a mixed-integer program. For an AND output, every
 * point labelled 1 must be on the positive side of both hidden units (margin 1), and every point
 * labelled 0 on the negative side of at least one: a binary z_i picks which unit rejects point i
 * (z_i = 0: unit 1, z_i = 1: unit 2), and a big-M term switches the other unit's constraint off.
 * That is one binary per negative point; "unit 1 rejects the first negative point" removes the
 * mirror image of every solution (swapping the units) without losing any network. An OR output
 * is the AND of the negated units on the flipped labels, so the same program covers it.
 */

function term(coefficient: number, variable: string): string {
  return `${coefficient < 0 ? '-' : '+'} ${Math.abs(coefficient)} ${variable}`;
}

function l1(x: readonly number[]): number {
  return x.reduce((sum, v) => sum + Math.abs(v), 0);
}

/** Column names of hidden unit k (1 or 2): its d weights and its bias. */
function unitColumns(k: number, d: number): string[] {
  return [...Array.from({ length: d }, (_, j) => `w${k}_${j}`), `b${k}`];
}

/** The AND program for labels y, in CPLEX LP format. Exported for tests. */
export function andProgram(x: readonly (readonly number[])[], y: readonly number[]): string {
  const d = x[0]?.length ?? 0;
  const biasBound = WEIGHT_BOUND * (1 + Math.max(0, ...x.map(l1)));
  const bigM = WEIGHT_BOUND * Math.max(0, ...x.map(l1)) + biasBound + 1;
  const affine = (k: number, point: readonly number[]) =>
    `${point.map((v, j) => term(v, `w${k}_${j}`)).join(' ')} + b${k}`;
  const rows: string[] = [];
  const binaries: string[] = [];
  x.forEach((point, i) => {
    if (y[i] === 1) {
      rows.push(` p${i}u1: ${affine(1, point)} >= 1`, ` p${i}u2: ${affine(2, point)} >= 1`);
      return;
    }
    rows.push(` n${i}u1: ${affine(1, point)} - ${bigM} z${i} <= -1`);
    rows.push(` n${i}u2: ${affine(2, point)} + ${bigM} z${i} <= ${bigM - 1}`);
    if (binaries.length === 0) rows.push(` mirror: z${i} = 0`);
    binaries.push(`z${i}`);
  });
  const bounds = [1, 2].flatMap((k) => [
    ...Array.from({ length: d }, (_, j) => ` -${WEIGHT_BOUND} <= w${k}_${j} <= ${WEIGHT_BOUND}`),
    ` -${biasBound} <= b${k} <= ${biasBound}`,
  ]);
  const integers = binaries.length > 0 ? ['Binaries', ` ${binaries.join(' ')}`] : [];
  // A feasibility problem: the objective is constant, so the first integer-feasible point is optimal.
  return ['Minimize', ' obj: 0 b1', 'Subject To', ...rows, 'Bounds', ...bounds, ...integers, 'End'].join(
    '\n',
  );
}

function readUnit(values: Map<string, number>, k: number, d: number, sign: 1 | -1): ThresholdUnit {
  const w = Array.from({ length: d }, (_, j) => sign * (values.get(`w${k}_${j}`) ?? 0));
  return { w, b: sign * (values.get(`b${k}`) ?? 0) };
}

/** Options of the exact search: the time limit shared by its runs and the cancel flag. */
export interface ExactOptions {
  timeLimitSeconds: number;
  signal?: AbortFlag | undefined;
}

/**
 * Decides whether a three-node threshold network (within the weight bound, margin 1) fits every
 * point: the AND program first, then the OR program with what is left of the time limit. A fit is
 * reported only after evaluating the network on the points; a solution that fails that check
 * throws, since it would mean the model or the solver is wrong.
 */
export async function exactThreeNodeFit(
  instance: HardnessInstance,
  options: ExactOptions,
): Promise<ExactOutcome> {
  const columns = [1, 2].flatMap((k) => unitColumns(k, instance.d));
  let solveMs = 0;
  let nodes = 0;
  let lpIterations = 0;
  for (const output of ['and', 'or'] as const) {
    const labels = output === 'and' ? instance.y : instance.y.map((v) => 1 - v);
    const left = options.timeLimitSeconds - solveMs / 1000;
    if (left <= 0) return { status: 'time-limit', solveMs, nodes, lpIterations };
    const run: MipRun = await runMip(andProgram(instance.x, labels), columns, {
      timeLimitSeconds: left,
      signal: options.signal,
    });
    solveMs += run.ms;
    nodes += run.nodes;
    lpIterations += run.lpIterations;
    if (run.end === 'cancelled' || options.signal?.aborted) throw abortError();
    if (run.end === 'time-limit') return { status: 'time-limit', solveMs, nodes, lpIterations };
    if (run.end === 'failed')
      throw new Error(`HiGHS ended the ${output} program with model status ${run.modelStatus}`);
    if (run.end === 'solved') {
      const sign = output === 'and' ? 1 : -1;
      const net: ThreeNodeNet = {
        hidden: [readUnit(run.values, 1, instance.d, sign), readUnit(run.values, 2, instance.d, sign)],
        output,
      };
      if (!fitsEveryPoint(net, instance))
        throw new Error(`the ${output} program's solution misclassifies a training point`);
      return { status: 'fit', solveMs, nodes, lpIterations, net };
    }
  }
  return { status: 'no-fit', solveMs, nodes, lpIterations };
}
