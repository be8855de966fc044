import type { ExperimentName, ExperimentSpec } from '../../engine/spec.js';
import { SPEC_FIELDS } from '../../engine/spec.js';
import { cancelButton } from '../buttons.js';
import { effectiveSettings } from '../classroom/class-settings.js';
import type { CommandDefinition } from '../command.js';
import { isUserError, userError } from '../errors.js';
import { describeSpec } from '../replies/describe-spec.js';
import { experimentReply } from '../replies/experiment-reply.js';
import { privateNote } from '../replies/plain-replies.js';
import type { TutorServices } from '../services.js';
import type { BotRequest } from '../types.js';

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
): CommandDefinition<TutorServices> {
  return {
    name,
    description,
    options: SPEC_FIELDS[name],
    examples,
    async run(request, { services, io }) {
      const checked = services.validate({ experiment: name, ...request.values });
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
          const reply = await experimentReply(outcome.result, services, outcome);
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
        case 'failed':
          // createBot logs this once, with the request's context, and answers with an apology.
          throw new Error(`${name} failed: ${outcome.error.name}: ${outcome.error.message}`, {
            cause: { spec },
          });
      }
    },
  };
}
