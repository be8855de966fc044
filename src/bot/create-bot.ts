import { decodeButton } from './buttons.js';
import type { CommandDefinition } from './command.js';
import { COMMANDS } from './commands/index.js';
import { didYouMeanText } from './did-you-mean.js';
import { isUserError } from './errors.js';
import type { Logger } from './logger.js';
import { resolveOptions } from './options/resolve.js';
import { apologyReply, privateNote, userErrorReply } from './replies/plain-replies.js';
import type { TutorServices } from './services.js';
import type { BotRequest, CommandIo, Reply } from './types.js';

/** A button press, platform-neutral. */
export interface ButtonPress extends Omit<BotRequest, 'command' | 'options'> {
  buttonId: string;
}

/** The tutor, ready for adapters: each call ends in exactly one Reply, whatever happens. */
export interface Bot {
  commands: readonly CommandDefinition<TutorServices>[];
  handle(request: BotRequest, io: CommandIo): Promise<Reply>;
  handleButton(press: ButtonPress, io: CommandIo): Promise<Reply>;
}

/** Builds the bot from its services; adapters and tests drive it through `handle`. */
export function createBot(options: {
  services: Omit<TutorServices, 'catalog'>;
  logger: Logger;
  commands?: readonly CommandDefinition<TutorServices>[];
}): Bot {
  const commands = options.commands ?? COMMANDS;
  const services: TutorServices = { ...options.services, catalog: () => commands };
  const byName = new Map(commands.map((c) => [c.name, c]));

  async function handle(request: BotRequest, io: CommandIo): Promise<Reply> {
    const log = options.logger.child({
      platform: request.platform,
      user: request.user.id,
      command: request.command,
      requestId: request.requestId,
    });
    const command = byName.get(request.command);
    if (!command) {
      const typed = request.command.slice(0, 40);
      const names = commands.map((c) => c.name);
      return privateNote(`There is no command "/${typed}".${didYouMeanText(typed, names, (n) => `/${n}`)}`, [
        `Commands: ${commands.map((c) => `/${c.name}`).join(', ')}`,
      ]);
    }
    // A teacher may have limited the channels the bot answers students in (/settings).
    const refusal = services.classroom?.admit(request);
    if (refusal) return refusal;
    if (command.teacherOnly && !request.user.teacher) {
      return privateNote(`Only teachers can use /${command.name}.`, [
        'If you teach this class, ask an admin to make you a teacher (see `/help settings`).',
      ]);
    }
    const parsed = resolveOptions(command, request.options);
    if (!parsed.ok) {
      const lines = parsed.errors.map((e) => e.message);
      return privateNote(
        lines.length === 1 ? lines[0]! : 'Some options need fixing:',
        lines.length === 1 ? [] : lines.map((l) => `• ${l}`),
      );
    }
    try {
      const outcome = await command.run({ ...request, values: parsed.values }, { services, io, log });
      return isUserError(outcome) ? userErrorReply(outcome) : outcome;
    } catch (error) {
      log.error({ err: error }, 'command failed');
      return apologyReply(request.requestId);
    }
  }

  return {
    commands,
    handle,
    async handleButton(press, io) {
      const decoded = decodeButton(press.buttonId);
      if (!decoded || !byName.has(decoded.command)) {
        return privateNote('This button no longer works; type the command instead.');
      }
      const { buttonId: _id, ...rest } = press;
      return handle({ ...rest, command: decoded.command, options: { kind: 'text', text: decoded.text } }, io);
    },
  };
}
