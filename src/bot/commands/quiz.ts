import { field } from '../../engine/fields.js';
import { noClassroomReply } from '../classroom/notes.js';
import { QUIZ_FIELDS } from '../classroom/quiz-kinds.js';
import { defineCommand, type OptionTable, type TypedCommand, textOption } from '../command.js';
import { userError } from '../errors.js';
import type { TutorServices } from '../services.js';

const OPTIONS = {
  action: field.choice(
    'start a quiz, vote in one, or reveal its answer',
    ['start', 'vote', 'reveal'],
    'start',
  ),
  quiz: textOption('the quiz number, to vote or reveal', 300),
  answer: textOption('your answer when voting by hand, e.g. deep', 20),
  ...QUIZ_FIELDS,
} satisfies OptionTable;

/** `/quiz restarts` reads as kind:restarts: a bare word naming a quiz kind fills `kind`. */
const RULES = {
  positionals: ['action', 'quiz', 'answer', 'kind'] as const,
  aliases: { id: 'quiz', choice: 'answer' },
};

/** `/quiz`: predict, vote, then see the experiment decide. */
export default defineCommand({
  name: 'quiz',
  needsClassroom: true,
  description: 'Start a predict-then-reveal quiz: vote, then an experiment shows who was right',
  options: OPTIONS,
  examples: [
    '/quiz depth shallow:2 deep:12 steps:300',
    '/quiz restarts restarts:10 net:neuron seconds:60',
    '/quiz reveal 4',
    '/quiz vote 4 deep',
  ],
  ...RULES,
  async run(request, { services, io }) {
    const classroom = services.classroom;
    if (!classroom) return noClassroomReply('quiz');
    const { action = 'start', quiz: id, answer } = request.values;
    if (action === 'start') return classroom.quizzes.start(request, request.values);
    if (id === undefined) return userError('invalid-option', 'quiz is needed: the quiz number', 'quiz');
    const number = Number(id.replace(/^#/, ''));
    if (action === 'reveal') return classroom.quizzes.revealBy(request, number, io);
    if (answer === undefined)
      return userError('invalid-option', 'answer is needed: which answer you vote for', 'answer');
    return classroom.quizzes.vote(request, number, answer.toLowerCase());
  },
} satisfies TypedCommand<TutorServices, typeof OPTIONS>);
