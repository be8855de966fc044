import type { Field } from '../../engine/fields.js';
import { LIMITS } from '../../engine/limits.js';
import type { ResultByName } from '../../engine/result.js';
import type { ExperimentName, ExperimentSpec } from '../../engine/spec.js';
import { SPEC_FIELDS } from '../../engine/spec.js';
import { commandButton } from '../buttons.js';
import { optionText } from '../options/option-text.js';
import type { ReplyButton } from '../types.js';

/*
 * The pieces every follow-up is made of. A button carries its whole command in its id, so a
 * follow-up is just a label, an experiment and the option values it runs with.
 */

/** Option values by name, as a spec holds them. */
export type OptionValues = Record<string, unknown>;

/** A list of follow-ups; undefined entries are buttons whose command was too long for an id. */
export type FollowUpList = (ReplyButton | undefined)[];

/** One experiment's spec, narrowed by its name. */
export type SpecOf<E extends ExperimentName> = Extract<ExperimentSpec, { experiment: E }>;

/** Makes one experiment's follow-ups from its spec, the spec's option values and what the run showed. */
export type FollowUpsOf<E extends ExperimentName> = (
  spec: SpecOf<E>,
  values: OptionValues,
  result: ResultByName[E],
) => FollowUpList;

/** The tricks that flatten the depth trend in practice: ReLU, He initialization and Adam. */
export const FIX = { activation: 'relu', init: 'he', optimizer: 'adam', learningRate: 0.01 };

/**
 * A button running `experiment` with `values`. Values the experiment has no option for are
 * dropped, so a follow-up can pass a whole spec of another experiment along.
 */
export function followUpButton(
  label: string,
  experiment: ExperimentName,
  values: OptionValues,
  style?: ReplyButton['style'],
) {
  const fields = SPEC_FIELDS[experiment] as Record<string, Field>;
  const known = Object.fromEntries(Object.entries(values).filter(([key]) => Object.hasOwn(fields, key)));
  return commandButton(label, experiment, optionText(known, fields, true), style);
}

/** The first seed past those the run used, so a rerun draws fresh ones. */
export const freshSeed = (spec: { seed: number; seeds?: number; restarts?: number }) =>
  Math.min(LIMITS.seed.max, spec.seed + (spec.seeds ?? spec.restarts ?? 1));
