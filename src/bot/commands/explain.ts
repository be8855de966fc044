import { defineCommand, type TypedCommand, textOption } from '../command.js';
import { lessonReply } from '../replies/lesson-reply.js';
import { privateNote } from '../replies/plain-replies.js';
import type { TutorServices } from '../services.js';

const OPTIONS = {
  topic: textOption('lesson topic, e.g. vanishing-gradients (leave empty for the list)', 100),
};

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
    const exact = lessons.find((l) => l.id === topic || l.title.toLowerCase() === topic);
    if (exact) return lessonReply(exact);
    const found = topic === '' ? undefined : services.ask(topic);
    const viaSearch = found?.source.source === 'lesson' ? found.source : undefined;
    const lesson = viaSearch && lessons.find((l) => l.id === viaSearch.lessonId);
    if (lesson) return lessonReply(lesson);
    const list = lessons.map((l) => `• \`${l.id}\`: ${l.summary}`).join('\n');
    return topic === ''
      ? { ...privateNote('Lessons, in the order they tell the story'), blocks: [list], visibility: 'public' }
      : privateNote(`I have no lesson on "${topic.slice(0, 60)}".`, [`Topics:\n${list}`]);
  },
} satisfies TypedCommand<TutorServices, typeof OPTIONS>);
