import type { AutocompleteInteraction, Interaction, RepliableInteraction } from 'discord.js';
import type { RequestLifecycle } from '../../bot/lifecycle/request-lifecycle.js';
import type { Logger } from '../../bot/logger.js';
import type { Reply } from '../../bot/types.js';
import type { TeachersOf } from '../types.js';
import { type SuggestionSources, suggest } from './autocomplete.js';
import { interactionPort } from './interaction-port.js';
import type { DiscordReply } from './message-payload.js';
import type { OptionNames } from './option-names.js';
import { interactionCalls } from './reply-port.js';
import { safeError } from './safe-error.js';
import { isTeacher } from './teacher.js';
import { type InteractionFacts, toBotRequest, toButtonPress } from './translate.js';

/*
 * Routes interactions: slash commands and buttons become neutral requests served by the bot
 * core's lifecycle (which guarantees one answer in time); autocomplete is answered here.
 */

/** What the router needs from the adapter. */
export interface RouterOptions {
  lifecycle: RequestLifecycle;
  log: Logger;
  names: Map<string, OptionNames>;
  suggestions: SuggestionSources;
  toMessage: (reply: Reply) => DiscordReply;
  teacherRoleId?: string;
  teachersOf?: TeachersOf;
}

const facts = (interaction: RepliableInteraction, options: RouterOptions): InteractionFacts => ({
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

async function autocomplete(interaction: AutocompleteInteraction, options: RouterOptions): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const name = options.names.get(interaction.commandName)?.fromDiscord(focused.name) ?? focused.name;
  const source = options.suggestions.get(`${interaction.commandName}.${name}`);
  await interaction.respond(source ? suggest(source(), String(focused.value)) : []);
}

/** Creates the router: the discord.js InteractionCreate handler. */
export function createInteractionRouter(options: RouterOptions): (interaction: Interaction) => void {
  const { lifecycle, log } = options;
  const portOf = (interaction: RepliableInteraction) =>
    interactionPort({
      calls: interactionCalls(interaction),
      userId: interaction.user.id,
      toMessage: options.toMessage,
      log: log.child({ interaction: interaction.id }),
    });
  return (interaction) => {
    try {
      if (interaction.isAutocomplete()) {
        autocomplete(interaction, options).catch((error: unknown) =>
          log.warn({ err: safeError(error), interaction: interaction.id }, 'autocomplete failed'),
        );
      } else if (interaction.isChatInputCommand()) {
        const { commandName } = interaction;
        const names = options.names.get(commandName);
        const request = toBotRequest(
          facts(interaction, options),
          commandName,
          interaction.options.data,
          names,
        );
        void lifecycle.serve(request, portOf(interaction));
      } else if (interaction.isButton()) {
        const press = toButtonPress(facts(interaction, options), interaction.customId);
        void lifecycle.serve(press, portOf(interaction));
      }
    } catch (error) {
      log.error({ err: safeError(error), interaction: interaction.id }, 'interaction dispatch failed');
    }
  };
}
