import { fitData } from '../datasets.js';
import { shownData, tableOptions } from '../experiments/train.js';
import { abortError, trainRun } from '../fit.js';
import { plainFitSpec } from '../fit-defaults.js';
import type { FitSpec } from '../result.js';
import type { LpSpec } from '../spec.js';
import type { LpUnitResult, UnitRunOptions } from '../units.js';
import {
  countViolations,
  hardMarginHyperplane,
  hardMarginLp,
  hyperplaneAccuracy,
  softMarginLp,
} from './separation.js';
import { loadSolver, solveLpText } from './solver.js';

/** The single sigmoid neuron that gradient descent trains on the same data, for comparison. */
export function neuronFitSpec(spec: LpSpec): FitSpec {
  const { dataset, points, noise, seed, learningRate, steps } = spec;
  return plainFitSpec({
    ...tableOptions(spec),
    dataset,
    points,
    noise,
    seed,
    dataSeed: seed,
    depth: 0,
    width: 1,
    learningRate,
    steps,
  });
}

/**
 * One layer as a linear program: the hard-margin LP decides whether a separating line exists (and
 * finds one), the soft LP counts the points that cannot get margin 1, and gradient descent on one
 * sigmoid neuron runs on the same data for comparison.
 */
export async function runLpUnit(spec: LpSpec, options: UnitRunOptions = {}): Promise<LpUnitResult> {
  const data = fitData({ ...spec, dataSeed: spec.seed, ...tableOptions(spec) });
  const shown = shownData(spec);
  // Load the solver first so that solveMs measures solving, not instantiating WebAssembly.
  await loadSolver();
  if (options.signal?.aborted) throw abortError();
  const started = performance.now();
  const hard = await solveLpText(hardMarginLp(data));
  const solveMs = performance.now() - started;
  const soft = await solveLpText(softMarginLp(data));
  if (options.signal?.aborted) throw abortError();
  // The objective is bounded below by 0, so "infeasible or unbounded" can only mean infeasible.
  const feasible = hard.status === 'Optimal';
  const plane = feasible ? hardMarginHyperplane(hard.values, data.inputs) : undefined;
  const { result: neuron } = trainRun(neuronFitSpec(spec), options);
  return {
    data: shown.data,
    ...(shown.view ? { tableView: shown.view } : {}),
    feasible,
    solverStatus: hard.status,
    ...(plane ? { weights: plane, lpAccuracy: hyperplaneAccuracy(plane, data) } : {}),
    minViolations: soft.status === 'Optimal' ? countViolations(soft.values, data.n) : data.n,
    solveMs,
    gradientDescent: { finalLoss: neuron.finalLoss, accuracy: neuron.finalAccuracy, steps: spec.steps },
  };
}
