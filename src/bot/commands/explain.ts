import { defineCommand, type TypedCommand, textOption } from '../command.js';
import { didYouMean } from '../did-you-mean.js';
import { lessonReply } from '../replies/lesson-reply.js';
import { privateNote } from '../replies/plain-replies.js';
import type { LessonLike, TutorServices } from '../services.js';
import type { Reply } from '../types.js';

const OPTIONS = {
  topic: textOption('lesson topic, e.g. vanishing-gradients (leave empty for the list)', 100),
};

/** The lesson, and the other lessons that also treat what the student asked about. */
function withRelated(lesson: LessonLike, topic: string, services: TutorServices): Reply {
  const reply = lessonReply(lesson);
  const others = services
    .closest(topic)
    .flatMap((t) =>
      t.source.source === 'lesson' && t.source.lessonId !== lesson.id ? [t.source.lessonId] : [],
    );
  if (others.length === 0) return reply;
  const list = others.map((id) => `\`/explain ${id}\``).join(', ');
  return { ...reply, blocks: [...reply.blocks, `"${topic.slice(0, 60)}" also comes up in ${list}.`] };
}

/** `/explain <topic>`: one of the tutor's lessons, or the list of topics. */
export default defineCommand({
  name: 'explain',
  description: 'Read a short lesson: why depth makes training hard, step by step',
  options: OPTIONS,
  rest: 'topic',
  examples: ['/explain', '/explain convex-neuron', '/explain vanishing-gradients'],
  async run(request, { services }) {
    // `/explain ""` or `/explain "restarts"`: the quotes are the user's way of writing text, not the topic.
    const topic = (request.values.topic ?? '')
      .replace(/^["'\u201c\u201d]+|["'\u201c\u201d]+$/g, '')
      .trim()
      .toLowerCase();
    const { lessons } = services;
    const list = lessons.map((l) => `• \`${l.id}\`: ${l.summary}`).join('\n');
    if (topic === '') {
      return {
        ...privateNote('Lessons, in the order they tell the story'),
        blocks: [list],
        visibility: 'public',
      };
    }
    const byId = (id: string | undefined) => lessons.find((l) => l.id === id);
    const exact = lessons.find((l) => l.id === topic || l.title.toLowerCase() === topic);
    if (exact) return lessonReply(exact);
    // A term or an alias ("batchnorm", "ResNet") names the lesson that treats it.
    const named = byId(services.lessonForTerm(topic));
    if (named) return withRelated(named, topic, services);
    // A typo of an id ("vanishing-gradiants") is that lesson; say which was meant.
    const guessed = byId(
      didYouMean(
        topic,
        lessons.map((l) => l.id),
      ),
    );
    if (guessed) {
      const reply = lessonReply(guessed);
      return {
        ...reply,
        blocks: [`(Showing \`${guessed.id}\` for "${topic.slice(0, 60)}".)`, ...reply.blocks],
      };
    }
    const found = services.ask(topic);
    const viaSearch = byId(found?.source.source === 'lesson' ? found.source.lessonId : undefined);
    if (viaSearch) return withRelated(viaSearch, topic, services);
    return privateNote(`I have no lesson on "${topic.slice(0, 60)}".`, [`Topics:\n${list}`]);
  },
} satisfies TypedCommand<TutorServices, typeof OPTIONS>);
