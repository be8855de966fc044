import { type Field, field } from '../fields.js';
import type { MapAxis, MapMetric } from '../limits.js';
import { CHOICES, LIMITS } from '../limits.js';
import * as shared from './options.js';

/** `map`: a trainability map, one cell per depth and value of a second axis. */
export interface MapSpec extends shared.DataOptions, shared.ModelOptions, shared.TrainingOptions {
  depths: number[];
  axis: MapAxis;
  /** The second axis's values (numeric axes); empty for the axis's own grid. */
  values: number[];
  metric: MapMetric;
  threshold: number;
  seeds: number;
}

/**
 * The option table of `map`. Its defaults were measured on this machine (docs/map.md): tanh with
 * Gaussian weights and σ_b² = 0.05 over σ_w² on either side of the order-to-chaos edge.
 */
export const MAP_FIELDS = {
  depths: field.intList('depths (rows of the map)', LIMITS.depth, LIMITS.depths, [2, 4, 8, 16]),
  axis: field.choice('what the columns vary', CHOICES.mapAxis, 'weightScale'),
  values: field.numberList(
    'column values of a numeric axis (empty: the axis grid)',
    LIMITS.mapValue,
    LIMITS.mapValues,
    [],
  ),
  metric: field.choice('cell colour: final loss or steps to reach the threshold', CHOICES.mapMetric, 'loss'),
  threshold: field.number('loss threshold of metric:steps', LIMITS.threshold, 0.35),
  ...shared.modelFields,
  activation: field.choice('activation of the hidden units', CHOICES.activation, 'tanh'),
  init: field.choice('weight initialization', CHOICES.init, 'gaussian'),
  biasScale: field.number('σ_b² of init:gaussian (bias variance)', LIMITS.biasScale, 0.05),
  ...shared.trainingFields,
  ...shared.dataFields,
  points: field.int('number of training points', LIMITS.points, 128),
  seeds: field.int(shared.seedsHelp, LIMITS.seeds, 1),
} satisfies Record<Exclude<keyof MapSpec, 'table'>, Field>;
