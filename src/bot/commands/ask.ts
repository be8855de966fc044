import { defineCommand, type TypedCommand, textOption } from '../command.js';
import { privateNote } from '../replies/plain-replies.js';
import type { TutorServices } from '../services.js';

const OPTIONS = {
  question: textOption('your question, e.g. why is depth hard?', 300, true),
};

/** `/ask <question>`: the best passage from the lessons (and the teacher's notes, if any). */
export default defineCommand({
  name: 'ask',
  description: "Ask a question; I answer from the tutor's lessons and your teacher's notes",
  options: OPTIONS,
  rest: 'question',
  examples: ['/ask why is depth hard?', '/ask what is a linear program?'],
  async run(request, { services }) {
    const { question } = request.values;
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
} satisfies TypedCommand<TutorServices, typeof OPTIONS>);
