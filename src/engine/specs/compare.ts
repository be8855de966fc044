import { type Field, field } from '../fields.js';
import { LIMITS } from '../limits.js';
import * as shared from './options.js';

/** `compare`: a depth sweep with everything else equal. */
export interface CompareSpec
  extends shared.DataOptions,
    shared.ModelOptions,
    shared.TrainingOptions,
    shared.AnimationOptions {
  depths: number[];
  seeds: number;
}

/** The option table of `compare`. */
export const COMPARE_FIELDS = {
  depths: field.intList('depths to compare', LIMITS.depth, LIMITS.depths, [1, 2, 4, 8, 16]),
  ...shared.modelFields,
  ...shared.trainingFields,
  ...shared.dataFields,
  seeds: field.int(shared.seedsHelp, LIMITS.seeds, 3),
  ...shared.animationFields,
} satisfies Record<Exclude<keyof CompareSpec, 'table'>, Field>;
