import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition } from '../../bot/command.js';
import { optionSpelling, shownValue } from '../../bot/command-options.js';
import type { CommandOption } from '../../bot/types.js';
import { MAX_CHOICES } from './autocomplete.js';
import { toDiscordName } from './option-names.js';

/*
 * Discord's slash-command registration, derived from the bot's command definitions and nothing
 * else: types and bounds come from the engine's field table, so a limit is written once.
 */

/** Discord's limits on a command's JSON. */
export const DISCORD_LIMITS = { description: 100, options: 25, choiceName: 100 } as const;

/** The registration of every command, plus what had to be left out to fit Discord's limits. */
export interface CommandJson {
  commands: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  warnings: string[];
}

/** The first of `main + suffix` (suffixes in order of preference) that fits Discord's 100 characters. */
export function fitDescription(main: string, ...suffixes: string[]): string {
  const max = DISCORD_LIMITS.description;
  for (const suffix of suffixes) {
    const full = `${main}${suffix}`.trim();
    if (full.length <= max) return full;
  }
  const bare = main.trim();
  return bare.length <= max ? bare : `${bare.slice(0, max - 1)}…`;
}

type ListOption = Extract<CommandOption, { kind: 'int-list' | 'number-list' | 'choice-list' }>;

/**
 * Discord has no list type: a list is a string whose description shows the format to type.
 * An empty default (the map's axis values) means "chosen for you": no example to show.
 */
function listDescription(option: ListOption): string {
  const example = option.default.length > 0 ? `, e.g. ${shownValue(option, option.default)}` : '';
  const format =
    option.kind === 'int-list'
      ? `whole numbers ${option.min}-${option.max}`
      : option.kind === 'number-list'
        ? `numbers ${option.min}-${option.max}`
        : 'choices' in option
          ? option.choices.map(optionSpelling).join('|')
          : '';
  return fitDescription(
    `${option.description}, comma-separated`,
    `: ${format}${example}`,
    `: ${format}`,
    example,
  );
}

function optionJson(
  name: string,
  option: CommandOption,
  autocomplete: boolean,
): APIApplicationCommandBasicOption {
  const base = { name: toDiscordName(name), description: '' };
  switch (option.kind) {
    case 'int':
    case 'number': {
      const numeric = {
        ...base,
        description: fitDescription(option.description, ` (default ${option.default})`),
        min_value: option.min,
        max_value: option.max,
      };
      return option.kind === 'int'
        ? { ...numeric, type: ApplicationCommandOptionType.Integer }
        : { ...numeric, type: ApplicationCommandOptionType.Number };
    }
    case 'boolean':
      return {
        ...base,
        type: ApplicationCommandOptionType.Boolean,
        description: fitDescription(option.description, ` (default ${option.default})`),
      };
    case 'choice': {
      const description = fitDescription(
        option.description,
        ` (default ${shownValue(option, option.default)})`,
      );
      if (autocomplete || option.choices.length > MAX_CHOICES) {
        return { ...base, type: ApplicationCommandOptionType.String, description, autocomplete: true };
      }
      const choices = option.choices.map((c) => ({
        name: optionSpelling(c).slice(0, DISCORD_LIMITS.choiceName),
        value: c,
      }));
      return { ...base, type: ApplicationCommandOptionType.String, description, choices };
    }
    case 'int-list':
    case 'number-list':
    case 'choice-list':
      return { ...base, type: ApplicationCommandOptionType.String, description: listDescription(option) };
    case 'text':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        description: fitDescription(option.description),
        max_length: option.maxLength,
        ...(option.required ? { required: true } : {}),
        ...(autocomplete ? { autocomplete: true } : {}),
      };
  }
}

const isRequired = (option: CommandOption) => option.kind === 'text' && option.required;

/**
 * Builds the registration JSON. Required options come first (Discord insists), at most 25 per
 * command. Teacher-only commands are hidden from members without Manage Server by default (a
 * server admin can grant them to a teacher role) and are offered in servers only.
 */
export function buildCommandJson(
  commands: readonly CommandDefinition<never>[],
  autocompleted: ReadonlySet<string>,
): CommandJson {
  const warnings: string[] = [];
  const json = commands.map((command): RESTPostAPIChatInputApplicationCommandsJSONBody => {
    const entries = Object.entries(command.options);
    const ordered = [
      ...entries.filter(([, o]) => isRequired(o)),
      ...entries.filter(([, o]) => !isRequired(o)),
    ];
    if (ordered.length > DISCORD_LIMITS.options) {
      const left = ordered.slice(DISCORD_LIMITS.options).map(([name]) => name);
      warnings.push(
        `/${command.name}: Discord allows ${DISCORD_LIMITS.options} options; left out ${left.join(', ')}`,
      );
    }
    if (command.description.length > DISCORD_LIMITS.description) {
      warnings.push(`/${command.name}: description shortened to ${DISCORD_LIMITS.description} characters`);
    }
    const options = ordered
      .slice(0, DISCORD_LIMITS.options)
      .map(([name, option]) => optionJson(name, option, autocompleted.has(`${command.name}.${name}`)));
    return {
      type: ApplicationCommandType.ChatInput,
      name: command.name,
      description: fitDescription(command.description),
      options,
      default_member_permissions: command.teacherOnly ? PermissionFlagsBits.ManageGuild.toString() : null,
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: command.teacherOnly
        ? [InteractionContextType.Guild]
        : [InteractionContextType.Guild, InteractionContextType.BotDM],
    };
  });
  return { commands: json, warnings };
}
