import { type Field, field } from '../fields.js';
import type { Activation, Init } from '../limits.js';
import { CHOICES, LIMITS } from '../limits.js';
import { type DataOptions, dataFields, type TrainingOptions, trainingFields } from './options.js';

/** `landscape`: 1-D slices of the loss surface, shallow vs deep, with and without residuals. */
export interface LandscapeSpec extends DataOptions, TrainingOptions {
  depth: number;
  width: number;
  activation: Activation;
  init: Init;
  slicePoints: number;
  span: number;
}

/** The option table of `landscape`. */
export const LANDSCAPE_FIELDS = {
  depth: field.int('hidden layers of the deep nets', LIMITS.depth, 10),
  width: field.int('units per hidden layer', LIMITS.width, 16),
  activation: field.choice('activation of the hidden units', CHOICES.activation, 'relu'),
  init: field.choice('weight initialization', CHOICES.init, 'he'),
  slicePoints: field.int('points along each slice', LIMITS.slicePoints, 41),
  span: field.number('how far each slice reaches, in units of the direction', LIMITS.span, 1),
  ...trainingFields,
  // Adam: with SGD at 0.1 the He-initialized residual net diverged while its branches were
  // unscaled (each block doubled the signal's variance; now scaled, see model/layers.ts). Measured
  // over seeds 1-16 with the pre-activation block, the deep plain slice was the bumpiest of the
  // three (extra minima + roughness - 1) for 14 seeds, seed 1 included; means: extra minima 1.25
  // plain, 0.13 residual, 0.06 shallow; roughness 1.26, 1.02, 1.04; every net trained to a loss
  // below 0.08.
  optimizer: field.choice('optimizer', CHOICES.optimizer, 'adam'),
  learningRate: field.number('learning rate', LIMITS.learningRate, 0.01),
  ...dataFields,
} satisfies Record<Exclude<keyof LandscapeSpec, 'table'>, Field>;
