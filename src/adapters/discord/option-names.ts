import type { CommandDefinition } from '../../bot/command.js';

/*
 * Discord wants option names in lower case (^[-_\p{L}\p{N}]{1,32}$), while the bot's options are
 * camelCase (`learningRate`). Each name is mapped to snake_case on the way out and looked up on
 * the way back, per command, so a reply never carries a name the student cannot type.
 */

const DISCORD_NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

/** `learningRate` → `learning_rate`; already-lower names are unchanged. */
export function toDiscordName(name: string): string {
  const snake = name.replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1_$2').toLowerCase();
  if (!DISCORD_NAME.test(snake)) throw new Error(`option name "${name}" cannot be a Discord option name`);
  return snake;
}

/** Both directions of one command's option names. */
export interface OptionNames {
  toDiscord(name: string): string;
  /** The bot's name for a Discord option name; undefined for a name the command does not have. */
  fromDiscord(discordName: string): string | undefined;
}

/** The name tables of every command, keyed by command name. */
export function optionNameTables(commands: readonly CommandDefinition<never>[]): Map<string, OptionNames> {
  const tables = new Map<string, OptionNames>();
  for (const command of commands) {
    const back = new Map<string, string>();
    for (const name of Object.keys(command.options)) {
      const discordName = toDiscordName(name);
      if (back.has(discordName)) {
        throw new Error(
          `/${command.name}: options "${back.get(discordName)}" and "${name}" map to one Discord name`,
        );
      }
      back.set(discordName, name);
    }
    tables.set(command.name, {
      toDiscord: toDiscordName,
      fromDiscord: (discordName) => back.get(discordName),
    });
  }
  return tables;
}

/**
 * Rewrites the camelCase option names the bot's texts mention (`learningRate:0.01`, "learningRate
 * must be …") to the names Discord shows, so help and error messages match the slash-command UI.
 */
export function discordWording(commands: readonly CommandDefinition<never>[]): (text: string) => string {
  const renames = new Map<string, string>();
  for (const command of commands) {
    for (const name of Object.keys(command.options)) {
      const discordName = toDiscordName(name);
      if (discordName !== name) renames.set(name, discordName);
    }
  }
  if (renames.size === 0) return (text) => text;
  const pattern = new RegExp(`\\b(${[...renames.keys()].join('|')})\\b`, 'g');
  return (text) => text.replace(pattern, (name) => renames.get(name) ?? name);
}
