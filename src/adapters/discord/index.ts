import { REST, Routes } from 'discord.js';
import type { Bot } from '../../bot/create-bot.js';
import { createRequestLifecycle, type RequestLifecycle } from '../../bot/lifecycle/request-lifecycle.js';
import type { Logger } from '../../bot/logger.js';
import type { Adapter, TeachersOf } from '../types.js';
import { suggestionSources } from './autocomplete.js';
import { registerCommands } from './client.js';
import { createGatewayTurn, type GatewayLease, type GatewayTurn } from './gateway.js';
import { sendCharts } from './interaction-port.js';
import { createInteractionRouter } from './interaction-router.js';
import {
  type InteractionsEndpoint,
  type ReplayMemory,
  startInteractionsEndpoint,
} from './interactions-endpoint.js';
import { toDiscordReply } from './message-payload.js';
import { optionNameTables } from './option-names.js';
import { callbackResponse, sendDirect, sendToChannel } from './reply-port.js';
import { safeError } from './safe-error.js';

export { buildCommandJson } from './command-json.js';
export type { GatewayLease } from './gateway.js';
export type { ReplayMemory } from './interactions-endpoint.js';
export { toDiscordReply } from './message-payload.js';
export { toBotRequest, toButtonPress } from './translate.js';

/**
 * Interactions over HTTP (Discord's Interactions Endpoint URL) instead of the gateway. `replays`
 * is shared by the replicas behind the URL (Redis); without it, each replica remembers its own.
 */
export interface InteractionsSettings {
  /** The application's public key (Developer Portal → General Information), 64 hex digits. */
  publicKey: string;
  port: number;
  host?: string | undefined;
  replays?: ReplayMemory | undefined;
}

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
  /** Set: interactions arrive over HTTP and no gateway is opened. */
  interactions?: InteractionsSettings | undefined;
  /** Gateway mode with several replicas: only the lease's holder opens the gateway. */
  gatewayLease?: GatewayLease | undefined;
}

/** Discord's clocks: defer within its 3 s, edit at a pace it accepts, leave the 15-minute token in time. */
function discordTiming(options: DiscordAdapterOptions) {
  return {
    ackDeadlineMs: options.deferDeadlineMs ?? 2000,
    progressIntervalMs: options.progressIntervalMs ?? 1500,
    answerWindowMs: options.channelFallbackAfterMs ?? 14 * 60_000,
  };
}

/**
 * The Discord adapter: slash commands, buttons and autocomplete, arriving over the gateway
 * (discord.js v14) or over HTTP (the Interactions Endpoint); answers, posts and DMs over REST.
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): Adapter {
  const log = options.logger.child({ platform: 'discord' });
  const { bot } = options;
  const toMessage = toDiscordReply;
  const suggestions = suggestionSources(bot.commands);
  // Posts and DMs go out with the bot token from any replica, gateway or not.
  const rest = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(options.token);
  let lifecycle: RequestLifecycle | undefined;
  let gateway: GatewayTurn | undefined;
  let endpoint: InteractionsEndpoint | undefined;
  let taking = false;

  const register = (applicationId: string) =>
    registerCommands(rest, applicationId, bot.commands, new Set(suggestions.keys()), options.guildId, log);

  async function startHttp(
    settings: InteractionsSettings,
    route: ReturnType<typeof createInteractionRouter>,
  ) {
    // The bot token names the application, which the command registration needs.
    const application = (await rest.get(Routes.currentApplication())) as { id: string };
    endpoint = await startInteractionsEndpoint({
      ...settings,
      rest,
      log,
      route,
    });
    log.info({ url: endpoint.url }, 'Discord interactions endpoint listening');
    await register(application.id);
    return endpoint.url;
  }

  return {
    platform: 'discord',
    async start() {
      if (lifecycle) throw new Error('the Discord adapter is already started');
      lifecycle = createRequestLifecycle({ bot, log, loggable: safeError, timing: discordTiming(options) });
      const route = createInteractionRouter({
        lifecycle,
        log,
        rest,
        names: optionNameTables(bot.commands),
        suggestions,
        toMessage,
        ...(options.teacherRoleId ? { teacherRoleId: options.teacherRoleId } : {}),
        ...(options.teachersOf ? { teachersOf: options.teachersOf } : {}),
      });
      let url: string | undefined;
      try {
        if (options.interactions) url = await startHttp(options.interactions, route);
        else {
          gateway = createGatewayTurn({
            settings: options,
            route: (interaction) => route(interaction, callbackResponse(rest, interaction)),
            lease: options.gatewayLease,
            onConnected: (client) => register(client.application.id),
            log,
          });
          await gateway.start();
        }
      } catch (error) {
        // A failed start leaves nothing running, so start may be retried.
        lifecycle = undefined;
        gateway = undefined;
        await endpoint?.stop();
        endpoint = undefined;
        throw error;
      }
      taking = true;
      // The endpoint's local address; Discord reaches it through the public URL in front of it.
      return url ? { url } : {};
    },
    async stop() {
      if (!lifecycle) return;
      taking = false;
      lifecycle.stopAccepting();
      await lifecycle.drain(options.stopGraceMs);
      await gateway?.stop();
      await endpoint?.stop();
      gateway = undefined;
      endpoint = undefined;
      lifecycle = undefined;
    },
    async post(conversation, reply) {
      const { answer, charts } = toMessage({ ...reply, visibility: 'public' });
      await sendToChannel(rest, conversation, answer);
      await sendCharts(charts, (chart) => sendToChannel(rest, conversation, chart), log);
    },
    async notify({ conversation, user }, reply) {
      const { answer, charts } = toMessage({ ...reply, visibility: 'private' });
      try {
        await sendDirect(rest, user, answer);
      } catch (error) {
        // DMs closed for this server: the channel, with a mention Discord delivers as a ping.
        log.info({ err: safeError(error), user }, 'could not DM the user; mentioning them in the channel');
        await sendToChannel(rest, conversation, answer, user);
        await sendCharts(charts, (chart) => sendToChannel(rest, conversation, chart), log);
        return;
      }
      await sendCharts(charts, (chart) => sendDirect(rest, user, chart), log);
    },
    isReady: () => taking && (endpoint !== undefined || gateway?.ready() === true),
    role: () => (endpoint ? 'http' : (gateway?.role() ?? 'stopped')),
  };
}
