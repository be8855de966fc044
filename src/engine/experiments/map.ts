import { mapAxisValues, withAxisValue } from '../map-axis.js';
import { initialGradientRatio, mean } from '../measure-summary.js';
import type { MapCell, MapResult, RunResult } from '../result.js';
import type { MapSpec } from '../spec.js';
import type { ExperimentPlanner, SignalUnitResult, WorkUnit } from '../units.js';
import { asRunResults, seededFitSpec } from './train.js';

/*
 * `map`: one training run per depth, column value and seed. Each cell is exactly the run
 * `/train depth:d <axis>:<value>` with the map's other options would make, so any cell can be
 * rerun alone. The mean-field overlay (tanh, Gaussian init, σ_w² columns) is one more unit.
 */

/** True when the mean-field theory of tanh networks applies to the map's columns. */
function hasSignalTheory(spec: MapSpec): boolean {
  return spec.axis === 'weightScale' && spec.activation === 'tanh' && spec.init === 'gaussian';
}

/** The first loss-curve step at or below the threshold, or null when training never got there. */
export function stepsToThreshold(run: RunResult, threshold: number): number | null {
  const index = run.lossCurve.losses.findIndex((loss) => loss <= threshold);
  return index < 0 ? null : run.lossCurve.steps[index]!;
}

function fitUnits(spec: MapSpec): WorkUnit[] {
  const values = mapAxisValues(spec);
  return spec.depths.flatMap((depth) =>
    values.flatMap((value) =>
      Array.from({ length: spec.seeds }, (_, i) => ({
        kind: 'fit' as const,
        spec: seededFitSpec(withAxisValue(spec, value), depth, i, 0),
      })),
    ),
  );
}

/** A column's value as a progress label says it: "σ_w² 1.76", "width 16", "relu". */
function columnWords(spec: MapSpec, value: number | string): string {
  const shown = typeof value === 'number' ? Number(value.toPrecision(3)).toString() : value;
  switch (spec.axis) {
    case 'weightScale':
      return `σ_w² ${shown}`;
    case 'learningRate':
      return `learning rate ${shown}`;
    case 'width':
      return `width ${shown}`;
    case 'activation':
      return shown;
    case 'init':
      return `${shown} init`;
  }
}

/** "cell 7 of 20: depth 8, σ_w² 1.76" for each fit unit, in fitUnits' order (", seed 2 of 3" with seeds). */
function cellLabels(spec: MapSpec): string[] {
  const values = mapAxisValues(spec);
  const cells = spec.depths.length * values.length;
  return spec.depths.flatMap((depth, row) =>
    values.flatMap((value, column) =>
      Array.from({ length: spec.seeds }, (_, i) => {
        const cell = `cell ${row * values.length + column + 1} of ${cells}: depth ${depth}, ${columnWords(spec, value)}`;
        return spec.seeds > 1 ? `${cell}, seed ${i + 1} of ${spec.seeds}` : cell;
      }),
    ),
  );
}

function cellOf(spec: MapSpec, depth: number, value: number | string, runs: RunResult[]): MapCell {
  const finalLosses = runs.map((r) => r.finalLoss);
  const ratios = runs.map(initialGradientRatio).filter((r): r is number => r !== undefined);
  return {
    depth,
    value,
    finalLosses,
    meanFinalLoss: mean(finalLosses),
    stepsToThreshold: runs.map((r) => stepsToThreshold(r, spec.threshold)),
    ...(ratios.length > 0 ? { gradientRatio: mean(ratios) } : {}),
  };
}

export const mapPlanner: ExperimentPlanner<MapSpec, MapResult> = {
  // The theory unit goes first: it is quick and then out of the way of the training runs.
  plan: (spec) => [
    ...(hasSignalTheory(spec)
      ? [
          {
            kind: 'signal' as const,
            spec: { weightScales: mapAxisValues(spec).map(Number), biasScale: spec.biasScale },
          },
        ]
      : []),
    ...fitUnits(spec),
  ],
  labels: (spec) => [...(hasSignalTheory(spec) ? ['mean-field theory'] : []), ...cellLabels(spec)],
  assemble: (spec, results) => {
    const axisValues = [...mapAxisValues(spec)];
    const runs = asRunResults(results, spec.depths.length * axisValues.length * spec.seeds);
    const cells = spec.depths.flatMap((depth, row) =>
      axisValues.map((value, column) => {
        const start = (row * axisValues.length + column) * spec.seeds;
        return cellOf(spec, depth, value, runs.slice(start, start + spec.seeds));
      }),
    );
    const theory = results.find((r): r is SignalUnitResult => 'signal' in r)?.signal;
    return { axisValues, cells, ...(theory ? { theory } : {}) };
  },
};
