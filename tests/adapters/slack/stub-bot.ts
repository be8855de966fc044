import { createCanvas } from '@napi-rs/canvas';
import type { CommandDefinition } from '../../../src/bot/command.js';
import type { Bot } from '../../../src/bot/create-bot.js';
import { privateNote } from '../../../src/bot/replies/plain-replies.js';
import type { TutorServices } from '../../../src/bot/services.js';
import type { Reply } from '../../../src/bot/types.js';

/*
 * A bot with scripted commands, for the adapter's own paths that the real tutor reaches only by
 * accident: a slow decision, a teacher-only command, a public answer with a chart and no
 * accept, a bot that breaks its promise and rejects.
 */

const definition = (name: string, teacherOnly = false): CommandDefinition<TutorServices> => ({
  name,
  description: `the ${name} command`,
  options: {},
  examples: [`/${name}`],
  ...(teacherOnly ? { teacherOnly } : {}),
  run: async () => privateNote(name),
});

/** A small real PNG. */
export const TINY_PNG = (() => {
  const canvas = createCanvas(4, 4);
  canvas.getContext('2d').fillRect(0, 0, 2, 2);
  return canvas.toBuffer('image/png');
})();

/** A public reply with one chart. */
export const chartReply = (headline: string): Reply => ({
  visibility: 'public',
  headline,
  blocks: ['What the chart shows.'],
  fields: [{ label: 'Seeds', value: '1' }],
  images: [{ name: 'tiny.png', png: TINY_PNG, alt: 'a tiny square' }],
  buttons: [],
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The scripted bot. */
export function createStubBot(): Bot {
  return {
    commands: ['schedule', 'slow', 'chart', 'broken', 'run'].map((n) => definition(n, n === 'schedule')),
    async handle(request, io) {
      switch (request.command) {
        case 'schedule':
          // The real bot refuses teacher-only commands the same way, on the adapter's verdict.
          return request.user.teacher
            ? privateNote('Scheduled.')
            : privateNote('Only teachers can use /schedule.');
        case 'slow':
          await sleep(700);
          return privateNote('Thought about it.');
        case 'chart':
          return chartReply('A chart without accept');
        case 'run':
          await io.accept({ visibility: 'public', summary: 'a scripted run' });
          io.progress({ kind: 'running', percent: 50 });
          await sleep(50);
          return chartReply('A scripted run');
        default:
          throw new Error('the stub bot broke its promise');
      }
    },
    async handleButton() {
      return privateNote('pressed');
    },
  };
}
