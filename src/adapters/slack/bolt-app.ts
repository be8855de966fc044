import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Logger } from '../../bot/logger.js';
import { toBoltLogger } from './bolt-logger.js';
import { slackSafeError } from './safe-error.js';

/*
 * Bolt itself: the token check, the receiver (Socket Mode with an app token, else signed HTTP at
 * /slack/events) and the started app. The adapter registers its listeners in between.
 */

/** How the adapter talks to Slack. */
export interface BoltSettings {
  botToken: string;
  signingSecret?: string | undefined;
  appToken?: string | undefined;
  port: number;
  host?: string | undefined;
  apiUrl?: string | undefined;
  log: Logger;
}

/** Web API client options: the adapter's logger, and the API base when one is set. */
export function webClientOptions(settings: BoltSettings) {
  const { apiUrl } = settings;
  const slackApiUrl = apiUrl && (apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  return { logger: toBoltLogger(settings.log), ...(slackApiUrl ? { slackApiUrl } : {}) };
}

/** A Bolt app, its listeners not yet registered; `onLink` hears Socket Mode's connection state. */
export async function createBoltApp(settings: BoltSettings, onLink: (up: boolean) => void) {
  const clientOptions = webClientOptions(settings);
  // Checking the token first gives a clear start-up error, and Bolt then needs no auth.test of its own.
  const check = new webApi.WebClient(settings.botToken, { ...clientOptions, retryConfig: { retries: 1 } });
  const auth = await check.auth.test().catch((error: unknown) => {
    const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    throw new Error(`Slack refused SLACK_BOT_TOKEN: ${reason}`);
  });
  const logger = clientOptions.logger;
  const receiver = settings.appToken
    ? new SocketModeReceiver({ appToken: settings.appToken, logger, installerOptions: { clientOptions } })
    : new HTTPReceiver({ signingSecret: settings.signingSecret ?? '', logger });
  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on('connected', () => onLink(true));
    receiver.client.on('reconnecting', () => onLink(false));
    receiver.client.on('disconnected', () => onLink(false));
  }
  const app = new App({
    token: settings.botToken,
    botId: auth.bot_id,
    botUserId: auth.user_id,
    receiver,
    logger,
    clientOptions,
  });
  app.error(async (error) => {
    settings.log.error({ err: slackSafeError(error) }, 'slack: unhandled error in a listener');
  });
  return { app, auth };
}

/** Starts the app: listening on the HTTP port, or connecting the socket. */
export async function startBoltApp(app: App, settings: BoltSettings): Promise<Server | undefined> {
  if (settings.appToken) {
    await app.start();
    return undefined;
  }
  const { port, host } = settings;
  return (await app.start(host ? { port, host } : port)) as Server;
}

/** The port a started HTTP server listens on. */
export function httpPortOf(server: Server | undefined): number | undefined {
  const address = server?.address();
  return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
}
