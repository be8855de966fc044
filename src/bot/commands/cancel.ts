import { defineCommand, type TypedCommand, textOption } from '../command.js';
import { privateNote } from '../replies/plain-replies.js';
import type { TutorServices } from '../services.js';

const ANSWERS = {
  cancelled: 'Cancelled.',
  'not-found': 'That run has already finished or is no longer known (for example after a restart).',
  'not-yours': 'Only the person who started a run can cancel it.',
  'already-finished': 'That run has already finished.',
} as const;

const OPTIONS = {
  job: textOption('the job id shown on its Cancel button', 64, true),
};

/** `/cancel <job>`: stops the caller's queued or running job (the Cancel button sends this). */
export default defineCommand({
  name: 'cancel',
  description: 'Stop one of your queued or running experiments',
  options: OPTIONS,
  rest: 'job',
  examples: ['/cancel 7f3a'],
  async run(request, { services }) {
    const outcome = await services.jobs.cancel(request.values.job, request.user.id);
    return privateNote(ANSWERS[outcome]);
  },
} satisfies TypedCommand<TutorServices, typeof OPTIONS>);
