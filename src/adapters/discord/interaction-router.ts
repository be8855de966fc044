import {
  type APIApplicationCommandInteractionDataBasicOption,
  type APIInteraction,
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  type REST,
} from 'discord.js';
import type { RequestLifecycle } from '../../bot/lifecycle/request-lifecycle.js';
import type { Logger } from '../../bot/logger.js';
import type { Reply } from '../../bot/types.js';
import type { TeachersOf } from '../types.js';
import { type SuggestionSources, suggest } from './autocomplete.js';
import { interactionPort } from './interaction-port.js';
import type { DiscordReply } from './message-payload.js';
import type { OptionNames } from './option-names.js';
import { type FirstResponse, interactionCalls } from './reply-port.js';
import { safeError } from './safe-error.js';
import { isTeacher } from './teacher.js';
import { type InteractionFacts, toBotRequest, toButtonPress } from './translate.js';

/*
 * Routes interactions, as Discord sends them (the same JSON over the gateway and over HTTP):
 * slash commands and buttons become neutral requests served by the bot core's lifecycle (which
 * guarantees one answer in time); autocomplete is answered here. Only `first`, the way the first
 * response goes out, depends on how the interaction arrived.
 */

/** What the router needs from the adapter. */
export interface RouterOptions {
  lifecycle: RequestLifecycle;
  log: Logger;
  rest: REST;
  names: Map<string, OptionNames>;
  suggestions: SuggestionSources;
  toMessage: (reply: Reply) => DiscordReply;
  teacherRoleId?: string;
  teachersOf?: TeachersOf;
}

/** Routes one interaction; false when it is of a kind the tutor does not handle (nothing was sent). */
export type InteractionRouter = (interaction: APIInteraction, first: FirstResponse) => boolean;

function facts(interaction: APIInteraction, options: RouterOptions): InteractionFacts {
  // In a server the user comes inside `member`; in a DM as `user`.
  const user = interaction.member?.user ?? interaction.user;
  if (!user) throw new Error('interaction without a user');
  const guildId = interaction.guild_id ?? null;
  return {
    id: interaction.id,
    user: { id: user.id, username: user.username, globalName: user.global_name },
    channelId: interaction.channel?.id ?? interaction.channel_id ?? null,
    guildId,
    teacher: isTeacher(
      {
        userId: user.id,
        guildId,
        permissions: interaction.member?.permissions,
        roles: interaction.member?.roles ?? [],
      },
      options.teacherRoleId,
      options.teachersOf,
    ),
  };
}

type DataOption = APIApplicationCommandInteractionDataBasicOption & { focused?: boolean };

async function autocomplete(
  command: string,
  sent: readonly DataOption[],
  first: FirstResponse,
  options: RouterOptions,
): Promise<void> {
  const focused = sent.find((o) => o.focused);
  const name = focused && (options.names.get(command)?.fromDiscord(focused.name) ?? focused.name);
  const source = name === undefined ? undefined : options.suggestions.get(`${command}.${name}`);
  const choices = source && focused ? suggest(source(), String(focused.value ?? '')) : [];
  await first({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } }, []);
}

/** Creates the router. */
export function createInteractionRouter(options: RouterOptions): InteractionRouter {
  const { lifecycle, log } = options;
  const portOf = (interaction: APIInteraction, userId: string, first: FirstResponse) =>
    interactionPort({
      calls: interactionCalls(
        options.rest,
        {
          applicationId: interaction.application_id,
          token: interaction.token,
          channelId: interaction.channel?.id ?? interaction.channel_id,
        },
        first,
      ),
      userId,
      toMessage: options.toMessage,
      log: log.child({ interaction: interaction.id }),
    });
  return (interaction, first) => {
    try {
      if (
        interaction.type === InteractionType.ApplicationCommandAutocomplete &&
        interaction.data.type === ApplicationCommandType.ChatInput
      ) {
        const sent = (interaction.data.options ?? []) as DataOption[];
        autocomplete(interaction.data.name, sent, first, options).catch((error: unknown) =>
          log.warn({ err: safeError(error), interaction: interaction.id }, 'autocomplete failed'),
        );
        return true;
      }
      if (
        interaction.type === InteractionType.ApplicationCommand &&
        interaction.data.type === ApplicationCommandType.ChatInput
      ) {
        const { name } = interaction.data;
        const about = facts(interaction, options);
        const sent = (interaction.data.options ?? []) as DataOption[];
        const request = toBotRequest(about, name, sent, options.names.get(name));
        void lifecycle.serve(request, portOf(interaction, about.user.id, first));
        return true;
      }
      if (
        interaction.type === InteractionType.MessageComponent &&
        interaction.data.component_type === ComponentType.Button
      ) {
        const about = facts(interaction, options);
        const press = toButtonPress(about, interaction.data.custom_id);
        void lifecycle.serve(press, portOf(interaction, about.user.id, first));
        return true;
      }
    } catch (error) {
      log.error({ err: safeError(error), interaction: interaction.id }, 'interaction dispatch failed');
    }
    return false;
  };
}
