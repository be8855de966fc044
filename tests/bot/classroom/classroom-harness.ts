import type { Classroom } from '../../../src/bot/classroom/classroom.js';
import type { PostTarget, RunAs } from '../../../src/bot/classroom/ports.js';
import { commandRunner } from '../../../src/bot/classroom/run-command.js';
import { createBot } from '../../../src/bot/create-bot.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { createTutorServices } from '../../../src/bot/tutor-services.js';
import type { BotRequest, CommandIo, Reply, ReplyButton } from '../../../src/bot/types.js';
import type { Engine } from '../../../src/engine/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import type { ManualClock } from './manual-clock.js';

/** Who sends a request, and where from. */
export interface Sender {
  user: string;
  name?: string;
  teacher?: boolean;
  conversation?: string;
  server?: string;
}

/** One request's answer and what the adapter was asked to show before it. */
export interface Answer {
  reply: Reply;
  accepted?: { visibility: string; summary: string };
}

let counter = 0;

/** The whole tutor with its classroom on a store and a manual clock, driven like an adapter would. */
export function classroomTutor(engine: Engine, clock: ManualClock, file = ':memory:') {
  const store: Store = openStore(file, { now: () => clock.now() });
  const { services, classroom } = createTutorServices({
    engine,
    logger: silentLogger,
    charts: { kind: 'local' },
    concurrency: 2,
    store,
    classroom: { clock, retryDelaysMs: [60_000] },
  });
  const bot = createBot({ services, logger: silentLogger });
  const posts: { target: PostTarget; reply: Reply; at: number }[] = [];
  const notes: { target: RunAs; reply: Reply }[] = [];
  const room = classroom as Classroom;
  room.start({
    post: async (target, reply) => {
      posts.push({ target, reply, at: clock.now() });
    },
    notifyOwner: async (target, reply) => {
      notes.push({ target, reply });
    },
    runCommand: commandRunner(bot),
  });

  const base = (from: Sender): Omit<BotRequest, 'command' | 'options'> => ({
    platform: 'test',
    requestId: `req-${++counter}`,
    user: {
      id: from.user,
      ...(from.name ? { name: from.name } : {}),
      ...(from.teacher ? { teacher: true } : {}),
    },
    conversation: from.conversation ?? 'class-1',
    server: from.server ?? 'school',
  });
  async function answer(start: (io: CommandIo) => Promise<Reply>): Promise<Answer> {
    const result: Partial<Answer> = {};
    const io: CommandIo = {
      accept: async (info) => {
        result.accepted = info;
      },
      progress: () => {},
    };
    const reply = await start(io);
    return { ...result, reply } as Answer;
  }
  return {
    bot,
    store,
    classroom: room,
    posts,
    notes,
    /** Sends `/command text`. */
    send(from: Sender, line: string): Promise<Answer> {
      const [, command = '', text = ''] = /^\/?(\S*)\s*([\s\S]*)$/.exec(line) ?? [];
      return answer((io) => bot.handle({ ...base(from), command, options: { kind: 'text', text } }, io));
    },
    /** Sends typed options, as Discord does. */
    sendTyped(from: Sender, command: string, values: Record<string, unknown>): Promise<Answer> {
      return answer((io) => bot.handle({ ...base(from), command, options: { kind: 'typed', values } }, io));
    },
    press(from: Sender, button: ReplyButton | string): Promise<Answer> {
      const buttonId = typeof button === 'string' ? button : button.id;
      return answer((io) => bot.handleButton({ ...base(from), buttonId }, io));
    },
    async stop() {
      await room.stop();
      store.close();
    },
  };
}

/** A small run that takes well under a second. */
export const SMALL = 'depth:2 width:8 steps:40 points:64 seeds:1 grid_size:10';
