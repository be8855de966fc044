import type { Server } from 'node:http';
import { type App, webApi } from '@slack/bolt';
import type { Bot } from '../../bot/create-bot.js';
import { LESSONS } from '../../bot/lessons/index.js';
import { createRequestLifecycle } from '../../bot/lifecycle/request-lifecycle.js';
import type { Logger } from '../../bot/logger.js';
import type { LessonLike } from '../../bot/services.js';
import type { Reply } from '../../bot/types.js';
import type { Adapter, TeachersOf } from '../types.js';
import { createBoltApp, httpPortOf, startBoltApp, webClientOptions } from './bolt-app.js';
import { deliverPublic, notifyPrivately } from './delivery.js';
import type { RecentRunsOf } from './history.js';
import { registerListeners } from './listeners.js';
import { createChannelPacer } from './pacer.js';
import { slackSafeError } from './safe-error.js';
import { createTeacherCheck, LOOKUP_LIMIT_MS } from './teachers.js';

/**
 * Slack drops a slash command not acknowledged within 3 s. The teacher lookup runs before the
 * request reaches the lifecycle (whose clock starts there) and may take LOOKUP_LIMIT_MS, so the
 * lifecycle gets what is left, less half a second for the network.
 */
const SLASH_ACK_DEADLINE_MS = 3000 - LOOKUP_LIMIT_MS - 500;

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
  /** Ack by this time even if the bot has not decided yet; default SLASH_ACK_DEADLINE_MS (Slack allows 3 s). */
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
  const settings = { ...options, log };
  const client = new webApi.WebClient(options.botToken, webClientOptions(settings));
  const channelIntervalMs = options.channelIntervalMs ?? 1000;
  const delivery = { client, pacer: createChannelPacer(channelIntervalMs), logger: log };
  const lifecycle = createRequestLifecycle({
    bot: options.bot,
    log,
    loggable: slackSafeError,
    // Progress edits share the channel's pace (the pacer), so they need no faster throttle.
    timing: {
      ackDeadlineMs: options.ackDeadlineMs ?? SLASH_ACK_DEADLINE_MS,
      progressIntervalMs: channelIntervalMs,
    },
  });
  let app: App | undefined;
  let server: Server | undefined;
  let ready = false;
  let stopping = false;

  return {
    platform: 'slack',
    mode,
    async start() {
      if (app) throw new Error('the Slack adapter is already started');
      const created = await createBoltApp(settings, (up) => {
        ready = up && !stopping;
      });
      app = created.app;
      registerListeners(app, { ...delivery, lifecycle, ...listenerParts(options, client, log) }, log);
      server = await startBoltApp(app, settings);
      ready = true;
      const { team, user_id: botUser } = created.auth;
      log.info({ mode, team, botUser, port: httpPortOf(server) }, 'slack ready');
      return {};
    },
    async stop() {
      if (!app || stopping) return;
      stopping = true;
      ready = false;
      lifecycle.stopAccepting();
      // Stop taking requests first; answers still go out through the Web API, which needs no receiver.
      await app
        .stop()
        .catch((error: unknown) => log.warn({ err: slackSafeError(error) }, 'slack: receiver stop failed'));
      await lifecycle.drain(options.stopGraceMs);
    },
    async post(conversation: string, reply: Reply) {
      const outcome = await deliverPublic(delivery, conversation, reply);
      if (outcome.problem) throw new Error(`Slack refused the post to ${conversation}: ${outcome.problem}`);
    },
    notify: (target, reply) => notifyPrivately(delivery, target, reply),
    isReady: () => ready,
    httpPort: () => httpPortOf(server),
  };
}

/** What the listeners need besides delivery: the bot, the App Home's content and the teacher check. */
function listenerParts(options: SlackAdapterOptions, client: webApi.WebClient, log: Logger) {
  return {
    bot: options.bot,
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
  };
}
