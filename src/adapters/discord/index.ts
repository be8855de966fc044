import type { Client } from 'discord.js';
import type { Bot } from '../../bot/create-bot.js';
import { createRequestLifecycle, type RequestLifecycle } from '../../bot/lifecycle/request-lifecycle.js';
import type { Logger } from '../../bot/logger.js';
import type { Adapter, TeachersOf } from '../types.js';
import { suggestionSources } from './autocomplete.js';
import { connectClient, registerCommands } from './client.js';
import { sendCharts } from './interaction-port.js';
import { createInteractionRouter } from './interaction-router.js';
import { toDiscordReply } from './message-payload.js';
import { optionNameTables } from './option-names.js';
import { sendDirect, sendToChannel } from './reply-port.js';
import { safeError } from './safe-error.js';

export { buildCommandJson } from './command-json.js';
export { toDiscordReply } from './message-payload.js';
export { toBotRequest, toButtonPress } from './translate.js';

/** How to connect the tutor to Discord. */
export interface DiscordAdapterOptions {
  bot: Bot;
  token: string;
  /** Register commands in this guild (instant) instead of globally. */
  guildId?: string | undefined;
  /** REST base, e.g. a REST proxy's `https://proxy.example/api`; the gateway URL comes from GET /gateway/bot. */
  apiUrl?: string | undefined;
  /** Members with this role may run teacher-only commands, besides those with Manage Server. */
  teacherRoleId?: string | undefined;
  /** Teachers named by a server's settings (/settings), besides Manage Server and the role above. */
  teachersOf?: TeachersOf;
  logger: Logger;
  /** Least time between two progress edits of one message; default 1500 ms. */
  progressIntervalMs?: number;
  /** Defer by then if the bot has not answered (Discord allows 3 s); default 2000 ms. */
  deferDeadlineMs?: number;
  /** After this long the result goes to the channel, as the 15-minute token is about to expire; default 14 min. */
  channelFallbackAfterMs?: number;
  /** How long stop() waits for in-flight interactions before answering them itself; default 10 s. */
  stopGraceMs?: number;
}

/** Discord's clocks: defer within its 3 s, edit at a pace it accepts, leave the 15-minute token in time. */
function discordTiming(options: DiscordAdapterOptions) {
  return {
    ackDeadlineMs: options.deferDeadlineMs ?? 2000,
    progressIntervalMs: options.progressIntervalMs ?? 1500,
    answerWindowMs: options.channelFallbackAfterMs ?? 14 * 60_000,
  };
}

/** The Discord adapter: slash commands, buttons and autocomplete through discord.js v14. */
export function createDiscordAdapter(options: DiscordAdapterOptions): Adapter {
  const log = options.logger.child({ platform: 'discord' });
  const { bot } = options;
  const toMessage = toDiscordReply;
  const suggestions = suggestionSources(bot.commands);
  let client: Client<true> | undefined;
  let lifecycle: RequestLifecycle | undefined;
  let taking = false;

  const connected = (): Client<true> => {
    if (!client?.isReady()) throw new Error('the Discord adapter is not connected');
    return client;
  };

  return {
    platform: 'discord',
    async start() {
      if (client) throw new Error('the Discord adapter is already started');
      lifecycle = createRequestLifecycle({ bot, log, loggable: safeError, timing: discordTiming(options) });
      const route = createInteractionRouter({
        lifecycle,
        log,
        names: optionNameTables(bot.commands),
        suggestions,
        toMessage,
        ...(options.teacherRoleId ? { teacherRoleId: options.teacherRoleId } : {}),
        ...(options.teachersOf ? { teachersOf: options.teachersOf } : {}),
      });
      client = await connectClient(options, route, log);
      taking = true;
      log.info({ user: client.user.tag }, 'connected to Discord');
      await registerCommands(client, bot.commands, new Set(suggestions.keys()), options.guildId, log);
      return {};
    },
    async stop() {
      if (!client || !lifecycle) return;
      taking = false;
      lifecycle.stopAccepting();
      await lifecycle.drain(options.stopGraceMs);
      await client.destroy();
      client = undefined;
    },
    async post(conversation, reply) {
      const ready = connected();
      const { answer, charts } = toMessage({ ...reply, visibility: 'public' });
      await sendToChannel(ready, conversation, answer);
      await sendCharts(charts, (chart) => sendToChannel(ready, conversation, chart), log);
    },
    async notify({ conversation, user }, reply) {
      const ready = connected();
      const { answer, charts } = toMessage({ ...reply, visibility: 'private' });
      try {
        await sendDirect(ready, user, answer);
      } catch (error) {
        // DMs closed for this server: the channel, with a mention Discord delivers as a ping.
        log.info({ err: safeError(error), user }, 'could not DM the user; mentioning them in the channel');
        await sendToChannel(ready, conversation, answer, user);
        await sendCharts(charts, (chart) => sendToChannel(ready, conversation, chart), log);
        return;
      }
      await sendCharts(charts, (chart) => sendDirect(ready, user, chart), log);
    },
    isReady: () => taking && client?.isReady() === true,
  };
}
