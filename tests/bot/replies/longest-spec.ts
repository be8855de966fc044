import type { Field } from '../../../src/engine/fields.js';
import {
  EXPERIMENTS,
  type ExperimentName,
  type ExperimentSpec,
  SPEC_FIELDS,
} from '../../../src/engine/spec.js';

/*
 * The spec of each experiment whose description is longest: every option away from its default,
 * at the value that prints longest within its bounds. Not necessarily runnable (the work cap
 * refuses most of them), which only makes it longer than any headline a run can have.
 */

/** Numbers in range with the most printed characters; 17 significant digits print whole. */
function longestNumber(f: { min: number; max: number; default: unknown }, int: boolean): number {
  const candidates = int
    ? [f.max, f.max - 1, f.min]
    : [f.min * 1.2345678901234567, f.min + (f.max - f.min) / 3, f.max / 7, (f.min + f.max) / 9.87654321];
  return candidates
    .filter((v) => v >= f.min && v <= f.max && v !== f.default)
    .sort((a, b) => String(b).length - String(a).length)[0]!;
}

const longest = (values: readonly string[]) => [...values].sort((a, b) => b.length - a.length)[0]!;

/** The value of one option that prints longest and is not its default. */
export function longestValue(f: Field): unknown {
  switch (f.kind) {
    case 'int':
    case 'number':
      return longestNumber(f, f.kind === 'int');
    case 'boolean':
      return !f.default;
    case 'choice':
      return longest(f.choices.filter((c) => c !== f.default));
    case 'int-list':
    case 'number-list':
      return Array.from({ length: f.maxCount }, (_, i) =>
        longestNumber({ ...f, max: f.max - i, default: undefined }, f.kind === 'int-list'),
      );
    case 'choice-list':
      // Every choice, in reverse: as long as a list gets, and not the default (which is in order).
      return [...f.choices].reverse();
  }
}

/** The longest-described spec of one experiment. */
export function longestSpec<K extends ExperimentName>(
  experiment: K,
): Extract<ExperimentSpec, { experiment: K }> {
  const fields = SPEC_FIELDS[experiment] as Record<string, Field>;
  const values = Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, longestValue(f)]));
  // The map's longest axis is a numeric one, so its values are printed.
  if (experiment === 'map') values.axis = 'learningRate';
  return { experiment, ...values } as Extract<ExperimentSpec, { experiment: K }>;
}

/** Every experiment's longest spec. */
export const LONGEST_SPECS = EXPERIMENTS.map((name) => longestSpec(name));
