import { commandButton } from '../buttons.js';
import type { LessonLike } from '../services.js';
import type { Reply, ReplyButton } from '../types.js';

/** A lesson as a public reply, with a button that runs its demonstration. */
export function lessonReply(lesson: LessonLike): Reply {
  const [command, ...rest] = lesson.command.replace(/^\//, '').split(' ');
  const demo = command
    ? commandButton(`Run it: ${lesson.command}`.slice(0, 80), command, rest.join(' '), 'primary')
    : undefined;
  return {
    visibility: 'public',
    headline: lesson.title,
    blocks: [lesson.body, `*Sources:* ${lesson.citations.join('; ')}`],
    fields: [],
    images: [],
    buttons: [demo].filter((b): b is ReplyButton => b !== undefined),
  };
}
