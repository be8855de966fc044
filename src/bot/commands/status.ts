import { defineCommand, type TypedCommand } from '../command.js';
import { privateNote } from '../replies/plain-replies.js';
import type { TutorServices } from '../services.js';

const OPTIONS = {};

/** `/status`: is the tutor busy? Queue length, running jobs, backend, uptime. */
export default defineCommand({
  name: 'status',
  description: 'How busy the training queue is, and which backend runs the experiments',
  options: OPTIONS,
  examples: ['/status'],
  async run(_request, { services }) {
    const { running, queued } = services.jobs.snapshot();
    const minutes = Math.floor((Date.now() - services.startedAt) / 60_000);
    return privateNote('Tutor status', [
      `${running} running, ${queued} waiting. Backend: ${services.backend()}. Up for ${minutes} min.`,
    ]);
  },
} satisfies TypedCommand<TutorServices, typeof OPTIONS>);
