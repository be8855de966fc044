import { field } from '../../engine/fields.js';
import { noClassroomReply } from '../classroom/notes.js';
import { HISTORY_LENGTH, historyReply } from '../classroom/run-history.js';
import { defineCommand, type TypedCommand } from '../command.js';
import type { TutorServices } from '../services.js';

const OPTIONS = {
  count: field.int('how many recent runs to show', { min: 1, max: 25 }, HISTORY_LENGTH),
};

/** `/history`: the caller's recent runs, each repeatable exactly. */
export default defineCommand({
  name: 'history',
  needsClassroom: true,
  description: 'Your recent experiments, each with the command that repeats it',
  options: OPTIONS,
  positionals: ['count'],
  examples: ['/history', '/history count:5'],
  async run(request, { services }) {
    const classroom = services.classroom;
    if (!classroom) return noClassroomReply('history');
    const count = request.values.count ?? HISTORY_LENGTH;
    const runs = classroom.store.runs.recent(request.platform, request.user.id, count);
    return historyReply(runs, classroom.clock.now());
  },
} satisfies TypedCommand<TutorServices, typeof OPTIONS>);
