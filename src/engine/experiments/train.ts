import { makeDataset, toDataPoints } from '../datasets.js';
import { summarizeRuns } from '../measure-summary.js';
import type { FitSpec, RunResult, TrainResult } from '../result.js';
import type { CompareSpec, MapSpec, TrainSpec } from '../spec.js';
import type { ExperimentPlanner, UnitResult } from '../units.js';

/** The FitSpec of run `index` (init seed spec.seed + index, data seed spec.seed) of a train or compare spec. */
export function seededFitSpec(
  spec: TrainSpec | CompareSpec | MapSpec,
  depth: number,
  index: number,
  gridSize: number,
  frames = 0,
): FitSpec {
  return {
    dataset: spec.dataset,
    points: spec.points,
    noise: spec.noise,
    dataSeed: spec.seed,
    seed: spec.seed + index,
    depth,
    width: spec.width,
    activation: spec.activation,
    init: spec.init,
    residual: spec.residual,
    normalization: spec.normalization,
    loss: spec.loss,
    optimizer: spec.optimizer,
    learningRate: spec.learningRate,
    steps: spec.steps,
    gridSize,
    // Only the Gaussian init reads its scales; leaving them out elsewhere keeps other specs unchanged.
    ...(spec.init === 'gaussian' ? { weightScale: spec.weightScale, biasScale: spec.biasScale } : {}),
    ...(frames > 0 ? { frames } : {}),
  };
}

/** Unit results of fit units, checked: a planner only ever gets back what it planned. */
export function asRunResults(results: readonly UnitResult[], expected: number): RunResult[] {
  const runs = results.filter((r): r is RunResult => 'lossCurve' in r);
  if (runs.length !== expected) throw new Error(`expected ${expected} training runs, got ${runs.length}`);
  return runs;
}

/**
 * `train`: one configuration over several seeds. Only the first run draws a decision boundary and
 * records animation frames: one of each is enough for the charts and keeps the result small.
 */
export const trainPlanner: ExperimentPlanner<TrainSpec, TrainResult> = {
  plan: (spec) =>
    Array.from({ length: spec.seeds }, (_, i) => ({
      kind: 'fit' as const,
      spec:
        i === 0
          ? seededFitSpec(spec, spec.depth, i, spec.gridSize, spec.animate ? spec.frames : 0)
          : seededFitSpec(spec, spec.depth, i, 0),
    })),
  labels: (spec) => Array.from({ length: spec.seeds }, (_, i) => `seed ${i + 1} of ${spec.seeds}`),
  assemble: (spec, results) => {
    const runs = asRunResults(results, spec.seeds);
    const data = toDataPoints(makeDataset(spec.dataset, spec.points, spec.noise, spec.seed));
    return { data, runs, summary: summarizeRuns(spec.depth, runs) };
  },
};
