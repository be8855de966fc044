import { field } from '../../engine/fields.js';
import { noClassroomReply } from '../classroom/notes.js';
import { readOptions, textOf } from '../classroom/options.js';
import { QUIZ_FIELDS, QUIZ_KINDS } from '../classroom/quiz-kinds.js';
import type { CommandDefinition } from '../command.js';
import { userError } from '../errors.js';
import type { TutorServices } from '../services.js';
import type { RequestOptions } from '../types.js';

const OPTIONS = {
  action: field.choice(
    'start a quiz, vote in one, or reveal its answer',
    ['start', 'vote', 'reveal'],
    'start',
  ),
  // The first text option: in typed text the whole line is checked against its length.
  quiz: { kind: 'text', description: 'the quiz number, to vote or reveal', required: false, maxLength: 300 },
  answer: {
    kind: 'text',
    description: 'your answer when voting by hand, e.g. deep',
    required: false,
    maxLength: 20,
  },
  ...QUIZ_FIELDS,
} satisfies CommandDefinition['options'];

const RULES = { positionals: ['action', 'quiz', 'answer'], aliases: { id: 'quiz', choice: 'answer' } };

/** `/quiz restarts` reads as `/quiz kind:restarts`: a leading quiz kind names the kind. */
function kindFirst(options: RequestOptions): RequestOptions {
  if (options.kind !== 'text') return options;
  const [first = '', ...rest] = options.text.trim().split(/\s+/);
  return Object.hasOwn(QUIZ_KINDS, first.toLowerCase())
    ? { kind: 'text', text: [`kind:${first.toLowerCase()}`, ...rest].join(' ') }
    : options;
}

/** `/quiz`: predict, vote, then see the experiment decide. */
export default {
  name: 'quiz',
  description: 'Start a predict-then-reveal quiz: vote, then an experiment shows who was right',
  options: OPTIONS,
  examples: [
    '/quiz depth shallow:2 deep:12 steps:300',
    '/quiz restarts restarts:10 net:neuron seconds:60',
    '/quiz reveal 4',
    '/quiz vote 4 deep',
  ],
  async run(request, { services, io }) {
    const classroom = services.classroom;
    if (!classroom) return noClassroomReply('quiz');
    const read = readOptions(kindFirst(request.options), OPTIONS, RULES);
    if (!read.ok) return userError('invalid-option', read.message);
    const action = String(read.values.action ?? 'start');
    if (action === 'start') return classroom.quizzes.start(request, read.values);
    const id = textOf(read.values, 'quiz');
    if (id === undefined) return userError('invalid-option', 'quiz is needed: the quiz number', 'quiz');
    const number = Number(id.replace(/^#/, ''));
    if (action === 'reveal') return classroom.quizzes.revealBy(request, number, io);
    const answer = textOf(read.values, 'answer');
    if (answer === undefined)
      return userError('invalid-option', 'answer is needed: which answer you vote for', 'answer');
    return classroom.quizzes.vote(request, number, answer.toLowerCase());
  },
} satisfies CommandDefinition<TutorServices>;
