import { planeDataOf, toDataPoints } from '../datasets.js';
import { summarizeRuns } from '../measure-summary.js';
import type { DataPoints, FitSpec, RunResult, TableView, TrainResult } from '../result.js';
import type { CompareSpec, MapSpec, TrainSpec } from '../spec.js';
import type { DataOptions } from '../specs/options.js';
import { principalComponents, tableInputs } from '../tables/prepare.js';
import type { Table } from '../tables/table.js';
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
    ...tableOptions(spec),
  };
}

/** True unless the data are a table of other than 2 features: those get no decision grid and no animation. */
export function hasPlane(spec: { table?: Table }): boolean {
  return !spec.table || spec.table.features.length === 2;
}

/** A spec's table and standardization, for a run's FitSpec (nothing for the generated shapes). */
export function tableOptions(spec: {
  table?: Table;
  standardize?: boolean;
}): Pick<FitSpec, 'table' | 'standardize'> {
  return spec.table ? { table: spec.table, standardize: spec.standardize ?? true } : {};
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

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
          ? seededFitSpec(
              spec,
              spec.depth,
              i,
              spec.gridSize,
              spec.animate && hasPlane(spec) ? spec.frames : 0,
            )
          : seededFitSpec(spec, spec.depth, i, 0),
    })),
  labels: (spec) => Array.from({ length: spec.seeds }, (_, i) => `seed ${i + 1} of ${spec.seeds}`),
  assemble: (spec, results) => {
    const runs = asRunResults(results, spec.seeds);
    const { data, view } = shownData(spec);
    return { data, ...(view ? { tableView: view } : {}), runs, summary: summarizeRuns(spec.depth, runs) };
  },
};

/**
 * The data as a train result shows them: the points in the plane (a shape's, or a 2-feature
 * table's standardized rows), or for any other table its projection onto two principal
 * components of the inputs the net saw; with a table, how they are shown.
 */
export function shownData(spec: DataOptions): { data: DataPoints; view?: TableView } {
  const plane = planeDataOf(spec);
  const { table } = spec;
  if (!table) return { data: toDataPoints(plane!) };
  const standardized = spec.standardize ?? true;
  if (plane) return { data: toDataPoints(plane), view: { standardized, plane: 'inputs' } };
  const inputs = tableInputs(table, standardized);
  const pca = principalComponents(inputs, table.rows.length, table.features.length);
  return {
    data: { x: pca.points.map(([a, b]) => [round4(a), round4(b)]), y: [...table.labels] },
    view: {
      standardized,
      plane: 'projection',
      projection: {
        components: [pca.components[0].map(round4), pca.components[1].map(round4)],
        explained: [round4(pca.explained[0]), round4(pca.explained[1])],
      },
    },
  };
}
