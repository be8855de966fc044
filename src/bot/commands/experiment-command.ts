import { type ChoiceField, type Field, field } from '../../engine/fields.js';
import type { ExperimentName, ExperimentSpec } from '../../engine/spec.js';
import { SPEC_FIELDS } from '../../engine/spec.js';
import { cancelButton } from '../buttons.js';
import { CHART_VIEWS } from '../charts/layer-charts.js';
import { effectiveSettings } from '../classroom/class-settings.js';
import { defineCommand, type TypedCommand } from '../command.js';
import { isUserError, type UserError, userError } from '../errors.js';
import type { JobTicket } from '../jobs/types.js';
import { progressHooks } from '../progress-words.js';
import { describeSpec } from '../replies/describe-spec.js';
import { experimentReply } from '../replies/experiment-reply.js';
import type { TutorServices } from '../services.js';
import type { BotRequest, CommandIo } from '../types.js';
import { unfinishedReply } from './experiment-outcome.js';

const VIEW_FIELD = field.choice('which charts: the usual ones, or layers over training', CHART_VIEWS, 'main');

/** An experiment's own fields, plus the chart view where the command offers one. */
type ExperimentOptions = { view?: ChoiceField<typeof CHART_VIEWS> } & Readonly<Record<string, Field>>;

/** The spec with animation off when the channel's teacher turned animations off (/settings animate:false). */
function withChannelAnimation(
  spec: ExperimentSpec,
  services: TutorServices,
  request: BotRequest,
): ExperimentSpec {
  if (spec.experiment !== 'train' && spec.experiment !== 'compare') return spec;
  const classroom = services.classroom;
  if (!classroom || effectiveSettings(classroom.store, request).animate !== false) return spec;
  return { ...spec, animate: false };
}

/** The engine's objections as one user error: the field named when there is only one. */
function invalidSpec(errors: readonly { field: string; message: string }[]): UserError {
  const [first, ...rest] = errors;
  return rest.length === 0 && first
    ? userError('invalid-option', first.message, first.field)
    : userError('invalid-option', errors.map((e) => `• ${e.message}`).join('\n'));
}

/**
 * Queues the run with progress going to `io`, then accepts the command. The summary names the
 * run only; where it stands (queued #2, running, done) is the progress status, which moves on.
 */
async function queueRun(
  services: TutorServices,
  request: BotRequest,
  spec: ExperimentSpec,
  io: CommandIo,
): Promise<{ ticket: JobTicket; shown: ReturnType<typeof progressHooks> } | UserError> {
  const shown = progressHooks(io);
  const ticket = await services.jobs.submit(
    { user: request.user.id, conversation: request.conversation, spec, label: describeSpec(spec) },
    shown.hooks,
  );
  if (isUserError(ticket)) return ticket;
  shown.initial(ticket);
  await io.accept({
    visibility: 'public',
    summary: ticket.cached ? `${describeSpec(spec)} (from the cache)` : describeSpec(spec),
    ...(ticket.cached ? {} : { cancelButton: cancelButton(ticket.id) }),
  });
  return { ticket, shown };
}

/**
 * The shape every experiment command shares: validate, queue, show progress, answer with the
 * result. Options are the engine's own field table, so limits are stated once.
 */
export function experimentCommand(
  name: ExperimentName,
  description: string,
  examples: string[],
): TypedCommand<TutorServices, ExperimentOptions> {
  // Train and compare can show the layers watched over training instead of their usual charts:
  // a bot-side option, kept out of the engine's spec so both views share one cached result.
  const viewable = name === 'train' || name === 'compare';
  return defineCommand<TutorServices, ExperimentOptions>({
    name,
    description,
    options: viewable ? { ...SPEC_FIELDS[name], view: VIEW_FIELD } : SPEC_FIELDS[name],
    examples,
    // A run is shown to the whole conversation, its progress included.
    visibility: 'public',
    async run(request, { services, io }) {
      const { view, ...values } = request.values;
      const checked = services.validate({ experiment: name, ...values });
      if (!checked.ok) return invalidSpec(checked.errors);
      // A teacher's limits for this channel (/settings), when the classroom is on.
      const refusal = services.classroom?.checkExperiment(request, checked.spec);
      if (refusal) return refusal;
      const spec = withChannelAnimation(checked.spec, services, request);
      const queued = await queueRun(services, request, spec, io);
      if (isUserError(queued)) return queued;
      const outcome = await queued.ticket.done;
      if (outcome.status !== 'done') return unfinishedReply(name, spec, outcome);
      // The charts and the explanation take a moment more: the message says the run itself is done.
      queued.shown.done();
      const reply = await experimentReply(outcome.result, services, outcome, view);
      services.classroom?.recordRun(request, spec, reply.headline);
      return reply;
    },
  });
}
