import { type Field, field } from '../fields.js';
import { LIMITS } from '../limits.js';
import * as shared from './options.js';

/** `train`: one configuration, several seeds. */
export interface TrainSpec
  extends shared.DataOptions,
    shared.ModelOptions,
    shared.TrainingOptions,
    shared.AnimationOptions {
  depth: number;
  seeds: number;
  gridSize: number;
}

/** The option table of `train`. */
export const TRAIN_FIELDS = {
  depth: field.int(shared.depthHelp, LIMITS.depth, 5),
  ...shared.modelFields,
  ...shared.trainingFields,
  ...shared.dataFields,
  seeds: field.int(shared.seedsHelp, LIMITS.seeds, 3),
  gridSize: field.int('decision-boundary grid side (0 = none)', LIMITS.gridSize, 100),
  ...shared.animationFields,
} satisfies Record<Exclude<keyof TrainSpec, 'table'>, Field>;
