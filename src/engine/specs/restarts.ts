import { type Field, field } from '../fields.js';
import type { Activation, Architecture } from '../limits.js';
import { CHOICES, LIMITS } from '../limits.js';
import { type DataOptions, dataFields, type TrainingOptions } from './options.js';

/** `restarts`: many random restarts of a few architectures on the same data. */
export interface RestartsSpec extends DataOptions, TrainingOptions {
  architectures: Architecture[];
  restarts: number;
  depth: number;
  width: number;
  activation: Activation;
}

/** The option table of `restarts`. */
export const RESTARTS_FIELDS = {
  architectures: field.choiceList(
    'architectures to restart',
    CHOICES.architecture,
    { minCount: 1, maxCount: CHOICES.architecture.length },
    CHOICES.architecture,
  ),
  restarts: field.int('random restarts per architecture', LIMITS.restarts, 10),
  // A small deep net: with 10 restarts of 4 architectures the defaults run in about 3 s on one core.
  depth: field.int('hidden layers of the deep net', LIMITS.depth, 4),
  width: field.int('units per hidden layer of the deep net', LIMITS.width, 8),
  activation: field.choice('activation of the hidden units', CHOICES.activation, 'sigmoid'),
  // Momentum at 0.5 brings every start of the convex neuron to its one minimum within 300 steps
  // (final losses agree to ~1e-6; Adam at 0.05 left them 1e-3 apart after 600), while the deep
  // sigmoid net's restarts escape their plateau at different times and end far apart.
  optimizer: field.choice('optimizer', CHOICES.optimizer, 'momentum'),
  learningRate: field.number('learning rate', LIMITS.learningRate, 0.5),
  steps: field.int('full-batch training steps', LIMITS.steps, 300),
  ...dataFields,
} satisfies Record<Exclude<keyof RestartsSpec, 'table'>, Field>;
