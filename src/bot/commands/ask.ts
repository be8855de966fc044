import { type CommandDefinition, textOption } from '../command.js';
import { privateNote } from '../replies/plain-replies.js';
import type { TutorServices } from '../services.js';

/** `/ask <question>`: the best passage from the lessons (and the teacher's notes, if any). */
export default {
  name: 'ask',
  description: "Ask a question; I answer from the tutor's lessons and your teacher's notes",
  options: {
    question: textOption('your question, e.g. why is depth hard?', 300, true),
  },
  rest: 'question',
  examples: ['/ask why is depth hard?', '/ask what is a linear program?'],
  async run(request, { services }) {
    const question = String(request.values.question ?? '');
    const answer = services.ask(question);
    if (!answer) {
      return privateNote("I don't have anything on that.", [
        'I only know about training neural networks and why depth makes it hard. Try `/explain` for the list of lessons.',
      ]);
    }
    const where =
      answer.source.source === 'lesson'
        ? `From the lesson *${answer.title}* (\`/explain ${answer.source.lessonId}\`)`
        : `From your teacher's notes, section *${answer.source.heading}*`;
    return {
      visibility: 'public',
      headline: `Q: ${question.slice(0, 200)}`,
      blocks: [answer.passage, where],
      fields: [],
      images: [],
      buttons: [],
    };
  },
} satisfies CommandDefinition<TutorServices>;
