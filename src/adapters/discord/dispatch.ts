import type { AutocompleteInteraction, Interaction, RepliableInteraction } from 'discord.js';
import { decodeButton } from '../../bot/buttons.js';
import type { Bot } from '../../bot/create-bot.js';
import type { Logger } from '../../bot/logger.js';
import { apologyReply, privateNote } from '../../bot/replies/plain-replies.js';
import type { CommandIo, Reply } from '../../bot/types.js';
import { EXPERIMENTS } from '../../engine/spec.js';
import type { TeachersOf } from '../types.js';
import { type SuggestionSources, suggest } from './autocomplete.js';
import {
  createInteractionSession,
  type InteractionSession,
  type SessionTiming,
} from './interaction-session.js';
import type { DiscordMessage } from './message-payload.js';
import type { OptionNames } from './option-names.js';
import { interactionPort } from './reply-port.js';
import { safeError } from './safe-error.js';
import { isTeacher } from './teacher.js';
import { type InteractionFacts, toBotRequest, toButtonPress } from './translate.js';

/*
 * Routes interactions to the bot. Each one gets a session that guarantees an answer in time,
 * whatever the bot does; this is the adapter's one catch-all, so a bug ends in an apology, not in
 * "The application did not respond".
 */

/** What the dispatcher needs from the adapter. */
export interface DispatchOptions {
  bot: Bot;
  log: Logger;
  timing: SessionTiming;
  names: Map<string, OptionNames>;
  suggestions: SuggestionSources;
  toMessage: (reply: Reply) => DiscordMessage;
  teacherRoleId?: string;
  teachersOf?: TeachersOf;
}

/** The interaction router and its shutdown. */
export interface Dispatcher {
  handle(interaction: Interaction): void;
  /** Refuses new interactions from now on, politely. */
  stopAccepting(): void;
  /** Waits up to `graceMs` for in-flight interactions, then answers the rest with a restart note. */
  drain(graceMs: number): Promise<void>;
  inFlight(): number;
}

const experimentNames = new Set<string>(EXPERIMENTS);

const facts = (interaction: RepliableInteraction, options: DispatchOptions): InteractionFacts => ({
  id: interaction.id,
  user: {
    id: interaction.user.id,
    username: interaction.user.username,
    globalName: interaction.user.globalName,
  },
  channelId: interaction.channelId,
  guildId: interaction.guildId,
  teacher: isTeacher(interaction, options.teacherRoleId, options.teachersOf),
});

/** Creates the dispatcher. */
export function createDispatcher(options: DispatchOptions): Dispatcher {
  const { bot, log } = options;
  const sessions = new Map<InteractionSession, Promise<void>>();
  let accepting = true;

  function run(
    interaction: RepliableInteraction,
    command: string,
    call: (io: CommandIo) => Promise<Reply>,
  ): void {
    const requestLog = log.child({ interaction: interaction.id, user: interaction.user.id, command });
    const session = createInteractionSession({
      port: interactionPort(interaction),
      userId: interaction.user.id,
      // Experiments show their run to the channel; anything else answers only the asker.
      defaultVisibility: experimentNames.has(command) ? 'public' : 'private',
      timing: options.timing,
      log: requestLog,
      toMessage: options.toMessage,
    });
    const answer = accepting
      ? call(session.io).catch((error: unknown) => {
          requestLog.error({ err: safeError(error) }, 'bot failed to answer');
          return apologyReply(interaction.id);
        })
      : Promise.resolve(privateNote('The tutor is restarting; try again in a minute.'));
    const done = answer
      .then((reply) => session.finish(reply))
      .catch((error: unknown) => requestLog.error({ err: safeError(error) }, 'could not deliver the answer'))
      .finally(() => sessions.delete(session));
    sessions.set(session, done);
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const name = options.names.get(interaction.commandName)?.fromDiscord(focused.name) ?? focused.name;
    const source = options.suggestions.get(`${interaction.commandName}.${name}`);
    const choices = source ? suggest(source(), String(focused.value)) : [];
    await interaction.respond(choices);
  }

  return {
    handle(interaction) {
      try {
        if (interaction.isAutocomplete()) {
          autocomplete(interaction).catch((error: unknown) =>
            log.warn({ err: safeError(error), interaction: interaction.id }, 'autocomplete failed'),
          );
        } else if (interaction.isChatInputCommand()) {
          const { commandName } = interaction;
          const request = toBotRequest(
            facts(interaction, options),
            commandName,
            interaction.options.data,
            options.names.get(commandName),
          );
          run(interaction, commandName, (io) => bot.handle(request, io));
        } else if (interaction.isButton()) {
          const press = toButtonPress(facts(interaction, options), interaction.customId);
          const command = decodeButton(interaction.customId)?.command ?? 'button';
          run(interaction, command, (io) => bot.handleButton(press, io));
        }
      } catch (error) {
        log.error({ err: safeError(error), interaction: interaction.id }, 'interaction dispatch failed');
      }
    },
    stopAccepting() {
      accepting = false;
    },
    async drain(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.all(sessions.values()), grace]);
      clearTimeout(timer);
      const note = privateNote('The tutor restarted before this finished.', [
        'Please run the command again.',
      ]);
      await Promise.all([...sessions.keys()].map((session) => session.finish(note)));
    },
    inFlight: () => sessions.size,
  };
}
