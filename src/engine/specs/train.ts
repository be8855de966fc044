import { type Field, field } from '../fields.js';
import { LIMITS } from '../limits.js';
import {
  type AnimationOptions,
  animationFields,
  type DataOptions,
  dataFields,
  depthHelp,
  type ModelOptions,
  modelFields,
  seedsHelp,
  type TrainingOptions,
  trainingFields,
} from './options.js';

/** `train`: one configuration, several seeds. */
export interface TrainSpec extends DataOptions, ModelOptions, TrainingOptions, AnimationOptions {
  depth: number;
  seeds: number;
  gridSize: number;
}

/** The option table of `train`. */
export const TRAIN_FIELDS = {
  depth: field.int(depthHelp, LIMITS.depth, 5),
  ...modelFields,
  ...trainingFields,
  ...dataFields,
  seeds: field.int(seedsHelp, LIMITS.seeds, 3),
  gridSize: field.int('decision-boundary grid side (0 = none)', LIMITS.gridSize, 100),
  ...animationFields,
} satisfies Record<keyof TrainSpec, Field>;
