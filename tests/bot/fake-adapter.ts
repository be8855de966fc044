import type { Bot, ButtonPress } from '../../src/bot/create-bot.js';
import type { BotRequest, CommandIo, ProgressUpdate, Reply, ReplyButton } from '../../src/bot/types.js';

/** What one request went through, as an adapter would have seen it. */
export interface Exchange {
  accepted?: { visibility: 'public' | 'private'; summary: string; cancelButton?: ReplyButton };
  progress: ProgressUpdate[];
  /** Every final answer given; a correct bot gives exactly one. */
  finals: Reply[];
  /** Resolves when the command has been accepted (deferred), or has answered without accepting. */
  acceptedOrAnswered: Promise<void>;
  done: Promise<Reply>;
}

let counter = 0;

/**
 * Drives a bot the way every adapter does, without a network: neutral requests in, neutral
 * replies out, recording what the adapter would have shown.
 */
export function createFakeAdapter(bot: Bot) {
  function track(start: (io: CommandIo) => Promise<Reply>): Exchange {
    let signal!: () => void;
    const exchange: Exchange = {
      progress: [],
      finals: [],
      acceptedOrAnswered: new Promise<void>((resolve) => {
        signal = resolve;
      }),
      done: Promise.resolve(undefined as unknown as Reply),
    };
    const io: CommandIo = {
      accept: async (info) => {
        if (exchange.accepted) throw new Error('accepted twice');
        exchange.accepted = info;
        signal();
      },
      progress: (update) => exchange.progress.push(update),
    };
    exchange.done = start(io).then((reply) => {
      exchange.finals.push(reply);
      signal();
      return reply;
    });
    return exchange;
  }

  const base = (user: string): Omit<BotRequest, 'command' | 'options'> => ({
    platform: 'test',
    requestId: `req-${++counter}`,
    user: { id: user },
    conversation: 'class-1',
  });

  return {
    /** Sends `/command text` as a user. */
    send(user: string, line: string): Exchange {
      const [command = '', ...rest] = line.replace(/^\//, '').split(' ');
      return track((io) =>
        bot.handle({ ...base(user), command, options: { kind: 'text', text: rest.join(' ') } }, io),
      );
    },
    /** Sends typed options, as Discord does. */
    sendTyped(user: string, command: string, values: Record<string, unknown>): Exchange {
      return track((io) => bot.handle({ ...base(user), command, options: { kind: 'typed', values } }, io));
    },
    press(user: string, button: ReplyButton | string): Exchange {
      const press: ButtonPress = { ...base(user), buttonId: typeof button === 'string' ? button : button.id };
      return track((io) => bot.handleButton(press, io));
    },
  };
}

/** All the text of a reply, for assertions. */
export function replyText(reply: Reply): string {
  return [reply.headline, ...reply.blocks, ...reply.fields.map((f) => `${f.label}: ${f.value}`)].join('\n');
}
