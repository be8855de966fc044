import { optionSpelling } from './fields.js';
import { CHOICES, type Init, LIMITS, type MapAxis } from './limits.js';
import type { MapSpec } from './spec.js';

/*
 * The map's second axis: which option its columns vary, the values they take when the student
 * gives none, and the bounds each numeric axis imposes on the values it is given.
 */

/** Inits compared by the init axis: Saxe et al. (2014)'s Gaussian against orthogonal. */
const INIT_AXIS: readonly Init[] = ['gaussian', 'orthogonal'];

/** Column values when `values` is empty. */
const DEFAULT_GRID: Record<MapAxis, readonly (number | string)[]> = {
  // Both sides of the tanh order-to-chaos edge at σ_w² ≈ 1.76 (for σ_b² = 0.05); 12 is far
  // enough into chaos that the predicted limit (6ξ ≈ 18) comes near the map's depths.
  weightScale: [0.25, 0.5, 1, 1.76, 12],
  learningRate: [0.01, 0.03, 0.1, 0.3, 1, 3],
  width: [4, 8, 16, 32, 64],
  activation: CHOICES.activation,
  init: INIT_AXIS,
};

const NUMERIC_BOUNDS: Partial<Record<MapAxis, { min: number; max: number; int?: boolean }>> = {
  weightScale: LIMITS.weightScale,
  learningRate: LIMITS.learningRate,
  width: { ...LIMITS.width, int: true },
};

/** The values of the map's columns, in order. */
export function mapAxisValues(spec: Pick<MapSpec, 'axis' | 'values'>): readonly (number | string)[] {
  return spec.values.length > 0 ? spec.values : DEFAULT_GRID[spec.axis];
}

/** A problem with `values` for the chosen axis, or undefined when they fit. */
export function checkMapValues(
  spec: Pick<MapSpec, 'axis' | 'values'>,
): { field: 'values'; message: string } | undefined {
  const bounds = NUMERIC_BOUNDS[spec.axis];
  if (!bounds) {
    if (spec.values.length === 0) return undefined;
    return {
      field: 'values',
      message: `values applies to the numeric axes (${Object.keys(NUMERIC_BOUNDS).map(optionSpelling).join(', ')}); axis:${optionSpelling(spec.axis)} always uses ${DEFAULT_GRID[spec.axis].join(', ')}`,
    };
  }
  const bad = spec.values.find(
    (v) => v < bounds.min || v > bounds.max || (bounds.int === true && !Number.isInteger(v)),
  );
  if (bad === undefined) return undefined;
  const kind = bounds.int ? 'whole numbers' : 'numbers';
  return {
    field: 'values',
    message: `values for axis:${optionSpelling(spec.axis)} must be ${kind} from ${bounds.min} to ${bounds.max} (got ${bad})`,
  };
}

/** The map's spec with the axis's option set to one column's value: that column's /train options. */
export function withAxisValue(spec: MapSpec, value: number | string): MapSpec {
  switch (spec.axis) {
    case 'weightScale':
    case 'learningRate':
    case 'width':
      return { ...spec, [spec.axis]: Number(value) };
    case 'activation':
      return { ...spec, activation: value as MapSpec['activation'] };
    case 'init':
      return { ...spec, init: value as Init };
  }
}
