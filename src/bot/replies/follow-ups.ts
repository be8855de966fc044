import type { Field } from '../../engine/fields.js';
import type { ExperimentResult, ResultByName } from '../../engine/result.js';
import type { ExperimentName, ExperimentSpec } from '../../engine/spec.js';
import { SPEC_FIELDS } from '../../engine/spec.js';
import { commandButton } from '../buttons.js';
import type { ChartView } from '../charts/layer-charts.js';
import { optionText } from '../options/option-text.js';
import type { ReplyButton } from '../types.js';
import { compareFollowUps, mapFollowUps, trainFollowUps } from './depth-follow-ups.js';
import {
  type FollowUpList,
  type FollowUpsOf,
  followUpButton,
  type OptionValues,
  type SpecOf,
} from './follow-up-button.js';
import {
  hardnessFollowUps,
  landscapeFollowUps,
  lpFollowUps,
  restartsFollowUps,
} from './hardness-follow-ups.js';

/*
 * Follow-ups that teach: each button changes one thing about the run just shown, so a student
 * can see what that one thing does. Buttons carry their whole command in their id.
 */

/** Each experiment's own follow-ups; the mapped type makes a new experiment fail to compile until it has some. */
const BY_EXPERIMENT: { [E in ExperimentName]: FollowUpsOf<E> } = {
  train: trainFollowUps,
  compare: compareFollowUps,
  map: mapFollowUps,
  restarts: restartsFollowUps,
  landscape: landscapeFollowUps,
  lp: lpFollowUps,
  hardness: hardnessFollowUps,
};

/** The buttons that depend on which experiment ran and what it showed. */
function experimentFollowUps<E extends ExperimentName>(
  result: ResultByName[E],
  values: OptionValues,
): FollowUpList {
  const spec = result.spec as SpecOf<E>;
  const ofExperiment: FollowUpsOf<E> = BY_EXPERIMENT[spec.experiment];
  return ofExperiment(spec, values, result);
}

/** Switches a train or compare reply between its usual charts and the layers watched over training. */
function viewButton(spec: ExperimentSpec, view: ChartView): ReplyButton | undefined {
  const { experiment, ...values } = spec;
  const fields = SPEC_FIELDS[experiment] as Record<string, Field>;
  const text = optionText(values, fields, true);
  const other = view === 'layers' ? '' : 'view:layers';
  const label = view === 'layers' ? 'Back to the usual charts' : 'Layers over training';
  return commandButton(label, experiment, [text, other].filter((t) => t !== '').join(' '));
}

/** The follow-up buttons for a finished experiment, chosen by what its run showed. */
export function followUps(result: ExperimentResult, view: ChartView = 'main'): ReplyButton[] {
  const { spec } = result;
  const { experiment: _experiment, ...values } = spec;
  const buttons = experimentFollowUps(result, values);
  if (spec.experiment === 'train' || spec.experiment === 'compare') buttons.push(viewButton(spec, view));
  return buttons.filter((b): b is ReplyButton => b !== undefined);
}

/** The same experiment again, as a button (undefined when its command is too long for a button id). */
export function rerunButton(spec: ExperimentSpec): ReplyButton | undefined {
  const { experiment, ...values } = spec;
  return followUpButton('Run it again', experiment, values, 'primary');
}
