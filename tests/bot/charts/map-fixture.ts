import { mapAxisValues } from '../../../src/engine/map-axis.js';
import type { MapCell, MapResult } from '../../../src/engine/result.js';
import type { MapSpec } from '../../../src/engine/spec.js';
import { signalPoint } from '../../../src/engine/theory/mean-field.js';
import { validateSpec } from '../../../src/engine/validate.js';

/*
 * A map shaped like the default map measured on this machine (docs/map.md): tanh, Gaussian
 * init, σ_b² 0.05, depths 2-16 against σ_w² 0.25-12. An input for chart and explanation code.
 */

/** Final losses, rows = depths 2, 4, 8, 16; columns = σ_w² 0.25, 0.5, 1, 1.76, 12. */
const LOSSES = [
  [0.186, 0.122, 0.075, 0.054, 0.05],
  [0.054, 0.015, 0.009, 0.006, 0.01],
  [0.691, 0.003, 0.002, 0.001, 0.005],
  [0.694, 0.692, 0.005, 0.001, 0.495],
];

/** A validated map spec with some options set. */
export function mapSpec(options: Record<string, unknown> = {}): { experiment: 'map' } & MapSpec {
  const checked = validateSpec({ experiment: 'map', ...options });
  if (!checked.ok || checked.spec.experiment !== 'map') throw new Error(JSON.stringify(checked));
  return checked.spec;
}

/** A map result with the given final losses (rows follow spec.depths) and the real theory. */
export function mapFixture(
  losses: number[][] = LOSSES,
  options: Record<string, unknown> = {},
  theory = true,
): MapResult {
  const spec = mapSpec(options);
  const axisValues = [...mapAxisValues(spec)];
  const cells: MapCell[] = spec.depths.flatMap((depth, row) =>
    axisValues.map((value, column) => {
      const loss = losses[row]?.[column] ?? Number.NaN;
      return {
        depth,
        value,
        finalLosses: [loss],
        meanFinalLoss: loss,
        stepsToThreshold: [loss <= spec.threshold ? 20 * (row + 1) : null],
      };
    }),
  );
  return {
    experiment: 'map',
    backend: 'wasm',
    spec,
    durationMs: 9000,
    axisValues,
    cells,
    ...(theory ? { theory: axisValues.map((w) => signalPoint(Number(w), spec.biasScale)) } : {}),
  };
}
