import { type ChoiceField, type Field, field } from '../../engine/fields.js';
import type { ExperimentName, ExperimentSpec } from '../../engine/spec.js';
import { SPEC_FIELDS } from '../../engine/spec.js';
import { cancelButton } from '../buttons.js';
import { CHART_VIEWS } from '../charts/layer-charts.js';
import { effectiveSettings } from '../classroom/class-settings.js';
import { defineCommand, type TypedCommand } from '../command.js';
import { isUserError, userError } from '../errors.js';
import { describeSpec } from '../replies/describe-spec.js';
import { experimentReply } from '../replies/experiment-reply.js';
import { rerunButton } from '../replies/follow-ups.js';
import { privateNote } from '../replies/plain-replies.js';
import type { TutorServices } from '../services.js';
import type { BotRequest, Reply } from '../types.js';

/** The queue forgot the run (its Redis restarted empty): say so, and that running it again is safe. */
function lostReply(name: ExperimentName, spec: ExperimentSpec): Reply {
  const again = rerunButton(spec);
  return {
    ...privateNote(`The training queue lost this ${name} run before it finished.`, [
      'Its Redis server was restarted or emptied while the run waited or ran, so no result was kept.',
      `Nothing else depends on it: running it again is safe${again ? ' (the button below does that).' : '.'}`,
    ]),
    buttons: again ? [again] : [],
  };
}

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
      if (!checked.ok) {
        const [first, ...rest] = checked.errors;
        return rest.length === 0 && first
          ? userError('invalid-option', first.message, first.field)
          : userError('invalid-option', checked.errors.map((e) => `• ${e.message}`).join('\n'));
      }
      // A teacher's limits for this channel (/settings), when the classroom is on.
      const refusal = services.classroom?.checkExperiment(request, checked.spec);
      if (refusal) return refusal;
      const spec = withChannelAnimation(checked.spec, services, request);
      const ticket = await services.jobs.submit(
        { user: request.user.id, conversation: request.conversation, spec, label: describeSpec(spec) },
        {
          onQueued: (position) => io.progress({ kind: 'queued', position }),
          onProgress: (p) => io.progress({ kind: 'running', ...p }),
        },
      );
      if (isUserError(ticket)) return ticket;
      const where = ticket.cached
        ? 'from the cache'
        : ticket.position > 0
          ? `queued #${ticket.position}`
          : 'starting';
      await io.accept({
        visibility: 'public',
        summary: `${describeSpec(spec)} (${where})`,
        ...(ticket.cached ? {} : { cancelButton: cancelButton(ticket.id) }),
      });
      const outcome = await ticket.done;
      switch (outcome.status) {
        case 'done': {
          const reply = await experimentReply(outcome.result, services, outcome, view);
          services.classroom?.recordRun(request, spec, reply.headline);
          return reply;
        }
        case 'cancelled':
          return privateNote('Cancelled.', [`The ${name} run was stopped before it finished.`]);
        case 'timeout': {
          const seconds =
            outcome.limitMs < 10_000
              ? (outcome.limitMs / 1000).toFixed(1)
              : Math.round(outcome.limitMs / 1000);
          return privateNote(`This ${name} run took longer than ${seconds} s and was stopped.`, [
            'Try fewer steps, seeds or points.',
          ]);
        }
        case 'lost':
          return lostReply(name, spec);
        case 'failed':
          // createBot logs this once, with the request's context, and answers with an apology.
          throw new Error(`${name} failed: ${outcome.error.name}: ${outcome.error.message}`, {
            cause: { spec },
          });
      }
    },
  });
}
