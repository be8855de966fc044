import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Bot } from '../../bot/create-bot.js';
import { LESSONS } from '../../bot/lessons/index.js';
import { createRequestLifecycle } from '../../bot/lifecycle/request-lifecycle.js';
import type { Logger } from '../../bot/logger.js';
import type { LessonLike } from '../../bot/services.js';
import type { Reply } from '../../bot/types.js';
import type { Adapter, TeachersOf } from '../types.js';
import { toBoltLogger } from './bolt-logger.js';
import { deliverPublic, notifyPrivately } from './delivery.js';
import type { RecentRunsOf } from './history.js';
import { registerListeners } from './listeners.js';
import { createChannelPacer } from './pacer.js';
import { createTeacherCheck } from './teachers.js';

export { privateMessage, replyMessage } from './blocks.js';
export type { RecentRunsOf } from './history.js';
export { buildSlackManifest, renderManifest } from './manifest.js';
export { toBotRequest, toButtonPress } from './translate.js';

/*
 * The Slack adapter: Bolt in HTTP mode (signed requests at /slack/events on SLACK_PORT) or in
 * Socket Mode (SLACK_APP_TOKEN; no public endpoint, the easy path for a teacher). Everything
 * Slack-specific lives here; the bot sees neutral requests and answers with neutral replies.
 */

/** How to start the Slack adapter; main.ts fills it from config.slack. */
export interface SlackAdapterOptions {
  bot: Bot;
  /** SLACK_BOT_TOKEN (xoxb-…). */
  botToken: string;
  /** SLACK_SIGNING_SECRET: HTTP mode. */
  signingSecret?: string | undefined;
  /** SLACK_APP_TOKEN (xapp-…): Socket Mode, preferred when both are set. */
  appToken?: string | undefined;
  /** SLACK_PORT: HTTP mode's port; 0 picks a free one. */
  port: number;
  /** HTTP mode's bind address; default every interface (Slack must reach it). */
  host?: string;
  /** SLACK_API_URL: the Web API base, e.g. a proxy or a test server. */
  apiUrl?: string | undefined;
  logger: Logger;
  /** The lessons the App Home lists; default the tutor's own. */
  lessons?: readonly LessonLike[];
  /** The user's recent runs for the App Home: the history /history reads; absent without a database. */
  recentRuns?: RecentRunsOf;
  /** Users who may run teacher-only commands, besides workspace admins. */
  teacherUserIds?: readonly string[];
  /** Teachers named by a workspace's settings (/settings), besides the ids above and admins. */
  teachersOf?: TeachersOf;
  /** Workspace admins and owners count as teachers (needs users:read); default: when a teacher-only command exists. */
  adminsAreTeachers?: boolean;
  /** Ack by this time even if the bot has not decided yet; default 2500 ms (Slack allows 3 s). */
  ackDeadlineMs?: number;
  /** Least time between two writes to one channel; default 1000 ms (Slack's rate). */
  channelIntervalMs?: number;
  /** How long stop() waits for runs in flight; default 10 000 ms. */
  stopGraceMs?: number;
}

/** The Slack adapter as main.ts and tests see it. */
export interface SlackAdapter extends Adapter {
  readonly mode: 'http' | 'socket';
  /** HTTP mode: the port listened on, once started. */
  httpPort(): number | undefined;
}

/** Creates the adapter; nothing connects until `start`. */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  if (!options.appToken && !options.signingSecret) {
    throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)');
  }
  const mode = options.appToken ? 'socket' : 'http';
  const log = options.logger.child({ platform: 'slack' });
  const boltLogger = toBoltLogger(log);
  const slackApiUrl =
    options.apiUrl && (options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
  const clientOptions = () => ({ logger: boltLogger, ...(slackApiUrl ? { slackApiUrl } : {}) });
  const client = new webApi.WebClient(options.botToken, clientOptions());
  const pacer = createChannelPacer(options.channelIntervalMs ?? 1000);
  const lifecycle = createRequestLifecycle({
    bot: options.bot,
    log,
    // Progress edits share the channel's pace (the pacer), so they need no faster throttle.
    timing: {
      ackDeadlineMs: options.ackDeadlineMs ?? 2500,
      progressIntervalMs: options.channelIntervalMs ?? 1000,
    },
  });
  let app: App | undefined;
  let server: Server | undefined;
  let ready = false;
  let stopping = false;

  async function start(): Promise<void> {
    if (app) throw new Error('the Slack adapter is already started');
    // Checking the token first gives a clear start-up error, and Bolt then needs no auth.test of its own.
    const check = new webApi.WebClient(options.botToken, { ...clientOptions(), retryConfig: { retries: 1 } });
    const auth = await check.auth.test().catch((error: unknown) => {
      const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
      throw new Error(`Slack refused SLACK_BOT_TOKEN: ${reason}`);
    });
    const receiver =
      mode === 'socket'
        ? new SocketModeReceiver({
            appToken: options.appToken!,
            logger: boltLogger,
            installerOptions: { clientOptions: clientOptions() },
          })
        : new HTTPReceiver({ signingSecret: options.signingSecret!, logger: boltLogger });
    if (receiver instanceof SocketModeReceiver) {
      receiver.client.on('connected', () => {
        ready = !stopping;
      });
      receiver.client.on('reconnecting', () => {
        ready = false;
      });
      receiver.client.on('disconnected', () => {
        ready = false;
      });
    }
    const bolt = new App({
      token: options.botToken,
      botId: auth.bot_id,
      botUserId: auth.user_id,
      receiver,
      logger: boltLogger,
      clientOptions: clientOptions(),
    });
    bolt.error(async (error) => {
      log.error({ err: error }, 'slack: unhandled error in a listener');
    });
    registerListeners(
      bolt,
      {
        bot: options.bot,
        lifecycle,
        client,
        pacer,
        logger: log,
        lessons: options.lessons ?? LESSONS,
        ...(options.recentRuns ? { recentRuns: options.recentRuns } : {}),
        isTeacher: createTeacherCheck({
          client,
          teacherUserIds: options.teacherUserIds ?? [],
          // users.info needs users:read, which the manifest asks for once a teacher-only command exists.
          adminsAreTeachers: options.adminsAreTeachers ?? options.bot.commands.some((c) => c.teacherOnly),
          logger: log,
          ...(options.teachersOf ? { teachersOf: options.teachersOf } : {}),
        }),
      },
      log,
    );
    app = bolt;
    if (mode === 'http') {
      server = (await bolt.start(
        options.host ? { port: options.port, host: options.host } : options.port,
      )) as Server;
    } else {
      await bolt.start();
    }
    ready = true;
    log.info(
      { mode, team: auth.team, botUser: auth.user_id, port: server ? httpPortOf(server) : undefined },
      'slack ready',
    );
  }

  async function stop(): Promise<void> {
    if (!app || stopping) return;
    stopping = true;
    ready = false;
    lifecycle.stopAccepting();
    // Stop taking requests first; answers still go out through the Web API, which needs no receiver.
    await app.stop().catch((error: unknown) => log.warn({ err: error }, 'slack: receiver stop failed'));
    await lifecycle.drain(options.stopGraceMs ?? 10_000);
  }

  return {
    platform: 'slack',
    mode,
    async start() {
      await start();
      return {};
    },
    stop,
    async post(conversation: string, reply: Reply) {
      const outcome = await deliverPublic({ client, pacer, logger: log }, conversation, reply);
      if (outcome.problem) throw new Error(`Slack refused the post to ${conversation}: ${outcome.problem}`);
    },
    notify: (target, reply) => notifyPrivately({ client, pacer, logger: log }, target, reply),
    isReady: () => ready,
    httpPort: () => (server ? httpPortOf(server) : undefined),
  };
}

function httpPortOf(server: Server): number | undefined {
  const address = server.address();
  return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
}
