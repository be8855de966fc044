import { once } from 'node:events';
import {
  type APIInteraction,
  Client,
  Events,
  GatewayDispatchEvents,
  type GatewayDispatchPayload,
  GatewayIntentBits,
  type REST,
} from 'discord.js';
import type { CommandDefinition } from '../../bot/command.js';
import type { Logger } from '../../bot/logger.js';
import { buildCommandJson } from './command-json.js';
import { syncCommands } from './command-sync.js';
import { safeError } from './safe-error.js';

/*
 * The discord.js client, for the gateway: logged in with mention parsing off, connection trouble
 * logged, and each interaction handed on as the JSON Discord sent (the `raw` dispatch), the form
 * an HTTP interaction arrives in too, so both modes share one router. And the command
 * registration, over REST.
 */

/** Logs in and resolves with the ready client; a failed login leaves nothing running. */
export async function connectClient(
  settings: { token: string; apiUrl?: string | undefined },
  route: (interaction: APIInteraction) => void,
  log: Logger,
): Promise<Client<true>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...(settings.apiUrl ? { rest: { api: settings.apiUrl } } : {}),
  });
  client.on(Events.Raw, (packet: GatewayDispatchPayload) => {
    if (packet.t === GatewayDispatchEvents.InteractionCreate) route(packet.d);
  });
  client.on(Events.Error, (error) => log.error({ err: safeError(error) }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event) => log.warn({ code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardResume, () => log.info({}, 'gateway resumed'));
  const ready = once(client, Events.ClientReady) as Promise<[Client<true>]>;
  try {
    await client.login(settings.token);
    const [readyClient] = await ready;
    return readyClient;
  } catch (error) {
    // A failed login (bad token, unreachable API) leaves nothing running, so start may be retried.
    await client.destroy();
    throw error;
  }
}

/** Registers the commands (in one guild, or globally) when they changed; a failure is logged. */
export async function registerCommands(
  rest: REST,
  applicationId: string,
  commands: readonly CommandDefinition<never>[],
  autocompleted: ReadonlySet<string>,
  guildId: string | undefined,
  log: Logger,
): Promise<void> {
  const json = buildCommandJson(commands, autocompleted);
  for (const warning of json.warnings) log.warn({ warning }, 'command registration trimmed');
  const target = { applicationId, ...(guildId ? { guildId } : {}) };
  try {
    const { changed } = await syncCommands(rest, target, json.commands);
    log.info(
      { changed, scope: guildId ? 'guild' : 'global', count: json.commands.length },
      'commands registered',
    );
  } catch (error) {
    // Commands registered earlier keep working; the next start tries again.
    log.error({ err: safeError(error) }, 'command registration failed');
  }
}
