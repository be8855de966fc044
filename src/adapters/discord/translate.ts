import type { ButtonPress } from '../../bot/create-bot.js';
import type { BotRequest } from '../../bot/types.js';
import type { OptionNames } from './option-names.js';

/*
 * Discord events as the bot's neutral requests. These work on the few facts they need rather
 * than on discord.js classes, so they read (and test) as plain data.
 */

/** What every interaction tells about where it came from. */
export interface InteractionFacts {
  /** The interaction's id: unique, so it doubles as the request id in logs. */
  id: string;
  user: { id: string; username: string; globalName?: string | null };
  channelId: string | null;
  /** The server the interaction came from; null in DMs. */
  guildId: string | null;
  /** The adapter's verdict: Manage Server, or the configured teacher role (see teacher.ts). */
  teacher: boolean;
}

/** One option as Discord delivers it: already typed (number, boolean or string). */
export interface DeliveredOption {
  name: string;
  value?: string | number | boolean | undefined;
}

function origin(facts: InteractionFacts): Omit<BotRequest, 'command' | 'options'> {
  return {
    platform: 'discord',
    requestId: facts.id,
    user: { id: facts.user.id, name: facts.user.globalName ?? facts.user.username, teacher: facts.teacher },
    // A DM without a channel id still needs a conversation key that cannot collide with a channel.
    conversation: facts.channelId ?? `dm-${facts.user.id}`,
    ...(facts.guildId ? { server: facts.guildId } : {}),
  };
}

/** A slash command as a BotRequest with typed options under the bot's own option names. */
export function toBotRequest(
  facts: InteractionFacts,
  command: string,
  options: readonly DeliveredOption[],
  names: OptionNames | undefined,
): BotRequest {
  const values: Record<string, unknown> = {};
  for (const option of options) {
    if (option.value === undefined) continue;
    // An unknown name goes through as sent, so the bot can say which option it does not know.
    values[names?.fromDiscord(option.name) ?? option.name] = option.value;
  }
  return { ...origin(facts), command, options: { kind: 'typed', values } };
}

/** A button press as the bot's ButtonPress (the button's custom id is the bot's button id). */
export function toButtonPress(facts: InteractionFacts, customId: string): ButtonPress {
  return { ...origin(facts), buttonId: customId };
}
