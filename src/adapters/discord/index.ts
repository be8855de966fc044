import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Bot } from '../../bot/create-bot.js';
import { createRequestLifecycle, type RequestLifecycle } from '../../bot/lifecycle/request-lifecycle.js';
import type { Logger } from '../../bot/logger.js';
import type { Reply } from '../../bot/types.js';
import type { Adapter, TeachersOf } from '../types.js';
import { suggestionSources } from './autocomplete.js';
import { buildCommandJson } from './command-json.js';
import { syncCommands } from './command-sync.js';
import { createInteractionRouter } from './interaction-router.js';
import { toDiscordMessage } from './message-payload.js';
import { discordWording, optionNameTables } from './option-names.js';
import { sendDirect, sendToChannel } from './reply-port.js';
import { safeError } from './safe-error.js';

export { buildCommandJson } from './command-json.js';
export { toDiscordMessage } from './message-payload.js';
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

/** The Discord adapter: slash commands, buttons and autocomplete through discord.js v14. */
export function createDiscordAdapter(options: DiscordAdapterOptions): Adapter {
  const log = options.logger.child({ platform: 'discord' });
  const { bot } = options;
  const wording = discordWording(bot.commands);
  const toMessage = (reply: Reply) => toDiscordMessage(reply, wording);
  const suggestions = suggestionSources(bot.commands);
  let client: Client | undefined;
  let lifecycle: RequestLifecycle | undefined;
  let taking = false;

  const connected = (): Client => {
    if (!client?.isReady()) throw new Error('the Discord adapter is not connected');
    return client;
  };

  async function register(ready: Client<true>): Promise<void> {
    const { commands, warnings } = buildCommandJson(bot.commands, new Set(suggestions.keys()));
    for (const warning of warnings) log.warn({ warning }, 'command registration trimmed');
    const target = {
      applicationId: ready.application.id,
      ...(options.guildId ? { guildId: options.guildId } : {}),
    };
    const { changed } = await syncCommands(ready.rest, target, commands);
    log.info(
      { changed, scope: options.guildId ? 'guild' : 'global', count: commands.length },
      'commands registered',
    );
  }

  return {
    platform: 'discord',
    async start() {
      if (client) throw new Error('the Discord adapter is already started');
      lifecycle = createRequestLifecycle({
        bot,
        log,
        loggable: safeError,
        timing: {
          ackDeadlineMs: options.deferDeadlineMs ?? 2000,
          progressIntervalMs: options.progressIntervalMs ?? 1500,
          answerWindowMs: options.channelFallbackAfterMs ?? 14 * 60_000,
        },
      });
      const route = createInteractionRouter({
        lifecycle,
        log,
        names: optionNameTables(bot.commands),
        suggestions,
        toMessage,
        ...(options.teacherRoleId ? { teacherRoleId: options.teacherRoleId } : {}),
        ...(options.teachersOf ? { teachersOf: options.teachersOf } : {}),
      });
      const started = new Client({
        intents: [GatewayIntentBits.Guilds],
        allowedMentions: { parse: [] },
        ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
      });
      client = started;
      started.on(Events.InteractionCreate, route);
      started.on(Events.Error, (error) => log.error({ err: safeError(error) }, 'discord client error'));
      started.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
      started.on(Events.ShardDisconnect, (event) => log.warn({ code: event.code }, 'gateway disconnected'));
      started.on(Events.ShardResume, () => log.info({}, 'gateway resumed'));
      const ready = once(started, Events.ClientReady) as Promise<[Client<true>]>;
      let readyClient: Client<true>;
      try {
        await started.login(options.token);
        [readyClient] = await ready;
      } catch (error) {
        // A failed login (bad token, unreachable API) leaves nothing running, so start may be retried.
        client = undefined;
        await started.destroy();
        throw error;
      }
      taking = true;
      log.info({ user: readyClient.user.tag }, 'connected to Discord');
      try {
        await register(readyClient);
      } catch (error) {
        // Commands registered earlier keep working; the next start tries again.
        log.error({ err: safeError(error) }, 'command registration failed');
      }
      return {};
    },
    async stop() {
      if (!client || !lifecycle) return;
      taking = false;
      lifecycle.stopAccepting();
      await lifecycle.drain(options.stopGraceMs ?? 10_000);
      await client.destroy();
      client = undefined;
    },
    async post(conversation, reply) {
      await sendToChannel(connected(), conversation, toMessage({ ...reply, visibility: 'public' }));
    },
    async notify({ conversation, user }, reply) {
      const ready = connected();
      const message = toMessage({ ...reply, visibility: 'private' });
      try {
        await sendDirect(ready, user, message);
      } catch (error) {
        // DMs closed for this server: the channel, with a mention Discord delivers as a ping.
        log.info({ err: safeError(error), user }, 'could not DM the user; mentioning them in the channel');
        await sendToChannel(ready, conversation, message, user);
      }
    },
    isReady: () => taking && client?.isReady() === true,
  };
}
