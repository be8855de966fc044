import { type Field, field } from '../fields.js';
import { LIMITS } from '../limits.js';
import {
  type AnimationOptions,
  animationFields,
  type DataOptions,
  dataFields,
  type ModelOptions,
  modelFields,
  seedsHelp,
  type TrainingOptions,
  trainingFields,
} from './options.js';

/** `compare`: a depth sweep with everything else equal. */
export interface CompareSpec extends DataOptions, ModelOptions, TrainingOptions, AnimationOptions {
  depths: number[];
  seeds: number;
}

/** The option table of `compare`. */
export const COMPARE_FIELDS = {
  depths: field.intList('depths to compare', LIMITS.depth, LIMITS.depths, [1, 2, 4, 8, 16]),
  ...modelFields,
  ...trainingFields,
  ...dataFields,
  seeds: field.int(seedsHelp, LIMITS.seeds, 3),
  ...animationFields,
} satisfies Record<keyof CompareSpec, Field>;
