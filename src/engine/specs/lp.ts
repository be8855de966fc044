import { type Field, field } from '../fields.js';
import { CHOICES, LIMITS } from '../limits.js';
import { type DataOptions, dataFields } from './options.js';

/** `lp`: one layer trained by linear programming, against gradient descent on the same data. */
export interface LpSpec extends DataOptions {
  steps: number;
  learningRate: number;
}

/** The option table of `lp`. */
export const LP_FIELDS = {
  ...dataFields,
  dataset: field.choice('the training data set', CHOICES.dataset, 'blobs'),
  steps: field.int('gradient-descent steps for the comparison', LIMITS.steps, 500),
  learningRate: field.number('gradient-descent learning rate', LIMITS.learningRate, 0.5),
} satisfies Record<Exclude<keyof LpSpec, 'table'>, Field>;
