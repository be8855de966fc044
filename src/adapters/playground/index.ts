import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bot } from '../../bot/create-bot.js';
import type { Logger } from '../../bot/logger.js';
import type { Adapter } from '../types.js';
import {
  type AddressLimits,
  createBackoff,
  createHolds,
  createRateWindow,
  DEFAULT_ADDRESS_LIMITS,
} from './address-limits.js';
import { CHANNEL } from './bodies.js';
import { catalogOf } from './catalog.js';
import { createChannelHub } from './channels.js';
import { clientAddress, plain } from './client-address.js';
import { createDispatcher } from './dispatch.js';
import { isLoopback } from './http-guard.js';
import { createImageStore } from './image-store.js';
import { handleHttp } from './routes.js';
import { createSessions } from './session.js';
import { createStaticFiles } from './static-files.js';

export { catalogOf } from './catalog.js';
export { conversationOf, splitCommandLine, toBotRequest, toButtonPress, toWireReply } from './translate.js';

/*
 * The local web playground: a page that behaves like a class channel. Like every adapter it only
 * translates (page requests in, neutral replies out) and owns its platform's habits: here, an
 * event stream per open page instead of a chat API.
 */

/** How to start the playground. */
export interface PlaygroundOptions {
  bot: Bot;
  /** PLAYGROUND_HOST; loopback by default. */
  host: string;
  /** PLAYGROUND_PORT; 0 picks a free port (tests). */
  port: number;
  logger: Logger;
  /** PLAYGROUND_TEACHER_TOKEN: who enters it in the page counts as a teacher; unset, nobody does. */
  teacherToken?: string | undefined;
  /** Where the page's files are; default: the `web` folder beside this module (plus the built scripts, run from src). */
  webDir?: string;
  /** How long stop() waits for requests in flight before answering them itself; default 10 s. */
  stopGraceMs?: number;
  /** PLAYGROUND_TRUSTED_PROXY: peers whose X-Forwarded-For names the client; default none. */
  trustedProxies?: readonly string[];
  /** The caps per client address; default DEFAULT_ADDRESS_LIMITS (a class of about 30 behind one NAT). */
  addressLimits?: Partial<AddressLimits>;
}

/*
 * Wrong teacher tokens: a session gets three tries, then waits 1 s, 2 s, 4 s... up to a minute; an
 * address (a class behind one NAT, where a student could be guessing) gets ten, then waits up to
 * 30 s, so a guesser is slowed to a couple of tries a minute while the teacher waits half a minute
 * at worst. Failures are forgotten after a quarter of an hour without one.
 */
const TEACHER_BACKOFF_PER_SESSION = { free: 3, baseMs: 1000, maxMs: 60_000, forgetMs: 15 * 60_000 };
const TEACHER_BACKOFF_PER_ADDRESS = { free: 10, baseMs: 1000, maxMs: 30_000, forgetMs: 15 * 60_000 };

/**
 * The playground as main.ts sees it. `start` resolves with the address to open in a browser;
 * conversations are channel names (`class` or `playground:class`), users are page client ids.
 */
export interface PlaygroundAdapter extends Adapter {
  start(): Promise<{ url: string }>;
}

/** The URL a person can open: an unspecified bind address is reached through localhost. */
function urlFor(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

/** The channel a conversation id names (`class` or `playground:class`). */
function channelOf(conversation: string): string {
  const channel = conversation.replace(/^playground:/, '');
  if (!CHANNEL.test(channel)) throw new Error(`not a playground channel: ${conversation.slice(0, 60)}`);
  return channel;
}

/** Listens on `port` at `host`; rejects when the port is taken. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Creates the playground adapter; nothing listens until `start`. */
export function createPlaygroundAdapter(options: PlaygroundOptions): PlaygroundAdapter {
  const logger = options.logger.child({ platform: 'playground' });
  const hub = createChannelHub();
  const images = createImageStore({ maxImages: 300, maxBytes: 64 * 1024 * 1024 });
  const limits = { ...DEFAULT_ADDRESS_LIMITS, ...options.addressLimits };
  const sessions = createSessions(options.teacherToken);
  const dispatcher = createDispatcher({
    bot: options.bot,
    hub,
    images,
    logger,
    maxInFlightPerAddress: limits.inFlight,
    tagOf: sessions.tagOf,
  });
  const trusted = new Set((options.trustedProxies ?? []).map(plain));
  const deps = {
    dispatcher,
    hub,
    images,
    files: createStaticFiles(options.webDir === undefined ? undefined : [options.webDir]),
    commands: catalogOf(options.bot.commands),
    sessions,
    boundHost: options.host,
    logger,
    addressOf: (req: IncomingMessage) => clientAddress(req, trusted),
    limits: {
      streamsPerAddress: createHolds(limits.streams),
      newSessions: createRateWindow(limits.newSessionsPerMinute, 60_000),
      teacherBySession: createBackoff(TEACHER_BACKOFF_PER_SESSION),
      teacherByAddress: createBackoff(TEACHER_BACKOFF_PER_ADDRESS),
    },
  };
  let server: Server | undefined;
  let taking = false;

  return {
    platform: 'playground',
    async start() {
      if (server) throw new Error('the playground is already started');
      const listening = createServer((req, res) => void handleHttp(req, res, deps));
      server = listening;
      await listen(listening, options.port, options.host);
      const { port } = listening.address() as AddressInfo;
      const url = urlFor(options.host, port);
      taking = true;
      logger.info({ url }, 'playground listening');
      if (!isLoopback(options.host)) {
        logger.warn(
          { host: options.host },
          'the playground is reachable from other machines: anyone who can reach this address can run experiments and read the channel',
        );
      }
      return { url };
    },
    async stop() {
      const closing = server;
      server = undefined;
      if (!closing) return;
      taking = false;
      // Runs in flight get their answer on the open pages before the streams close.
      await dispatcher.stop(options.stopGraceMs);
      hub.closeAll();
      // Requests here answer at once; whatever is still open is an idle keep-alive or a stream.
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        closing.closeAllConnections();
      });
    },
    async post(conversation, reply) {
      dispatcher.post(channelOf(conversation), reply);
    },
    async notify({ conversation, user }, reply) {
      dispatcher.notify(channelOf(conversation), user, reply);
    },
    isReady: () => taking,
  };
}
