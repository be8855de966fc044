import type { CommandDefinition } from '../../bot/command.js';
import { optionSpelling } from '../../bot/command-options.js';

/*
 * Discord wants option names in lower case (^[-_\p{L}\p{N}]{1,32}$), while the bot's options are
 * camelCase (`learningRate`). Each name goes out in the spelling the tutor shows everywhere
 * (`learning_rate`, which the bot's own texts use too) and is looked up on the way back, per
 * command.
 */

const DISCORD_NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

/** `learningRate` → `learning_rate`; already-lower names are unchanged. */
export function toDiscordName(name: string): string {
  const snake = optionSpelling(name);
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
