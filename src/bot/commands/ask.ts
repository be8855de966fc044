import { defineCommand, type TypedCommand, textOption } from '../command.js';
import { privateNote } from '../replies/plain-replies.js';
import type { AskAnswerLike, TutorServices } from '../services.js';

const OPTIONS = {
  question: textOption('your question, e.g. why is depth hard?', 300, true),
};

/** Where a topic lives, as the student can open it. */
function whereToRead(topic: Pick<AskAnswerLike, 'title' | 'source'>): string {
  return topic.source.source === 'lesson'
    ? `*${topic.title}* (\`/explain ${topic.source.lessonId}\`)`
    : `your teacher's notes, section *${topic.source.heading}*`;
}

/** `/ask <question>`: a definition or the best passage from the lessons (and the teacher's notes). */
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
      // A weak match quoted as an answer misleads; naming the nearest lessons lets the student judge.
      const closest = services.closest(question);
      return closest.length > 0
        ? privateNote("I don't have a good answer to that.", [
            `The closest lessons:\n${closest.map((topic) => `• ${whereToRead(topic)}`).join('\n')}`,
          ])
        : privateNote("I don't have anything on that.", [
            'I only know about training neural networks and why depth makes it hard. Try `/explain` for the list of lessons.',
          ]);
    }
    const where = answer.term
      ? `*${answer.term}* is treated in the lesson ${whereToRead(answer)}`
      : answer.source.source === 'lesson'
        ? `From the lesson ${whereToRead(answer)}`
        : `From ${whereToRead(answer)}`;
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
