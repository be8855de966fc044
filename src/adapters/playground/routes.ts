import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../bot/logger.js';
import type { Backoff, Holds, RateWindow } from './address-limits.js';
import {
  BadRequest,
  CHANNEL,
  parseButtonBody,
  parseCommandBody,
  parseTeacherBody,
  readJson,
} from './bodies.js';
import type { ChannelHub } from './channels.js';
import type { Dispatcher } from './dispatch.js';
import { closeIfBodyUnread, refusal, sendError, sendJson, setSecurityHeaders } from './http-guard.js';
import type { ImageStore } from './image-store.js';
import type { Session, Sessions } from './session.js';
import type { StaticFiles } from './static-files.js';
import type { WireCommand, WireSession } from './web/wire.js';

/*
 * The playground's HTTP surface:
 *   GET  /, /<file>            the page (index.html, style.css, *.js, icon.svg)
 *   GET  /api/commands         command definitions for completion
 *   GET  /api/session          this browser's public id (sets the session cookie when missing)
 *   GET  /api/events           Server-Sent Events for one channel (?channel=)
 *   POST /api/command          { name, channel, text } -> 202 { requestId }
 *   POST /api/button           { name, channel, buttonId, label? } -> 202 { requestId }
 *   POST /api/teacher          { token } -> 200 session, as a teacher (PLAYGROUND_TEACHER_TOKEN)
 *   GET  /images/<id>.png      a chart from a recent reply (.gif: an animation of training)
 * Everything but the page, /api/commands and /api/session needs the session cookie; every POST
 * needs this server's Origin (or Sec-Fetch-Site: same-origin).
 */

/** The default class channel. */
export const DEFAULT_CHANNEL = 'class';
/** Open event streams the server accepts, all channels together. */
export const MAX_WATCHERS = 500;
/** Open event streams one browser may have (tabs, a projector window), so one cannot take them all. */
export const MAX_STREAMS_PER_CLIENT = 8;

/** The caps per client address, and the teacher sign-in's backoff. */
export interface RouteLimits {
  streamsPerAddress: Holds;
  newSessions: RateWindow;
  teacherBySession: Backoff;
  teacherByAddress: Backoff;
}

/** What the routes use. */
export interface RouteDeps {
  dispatcher: Dispatcher;
  hub: ChannelHub;
  images: ImageStore;
  files: StaticFiles;
  commands: WireCommand[];
  sessions: Sessions;
  boundHost: string;
  logger: Logger;
  /** The request's address key (X-Forwarded-For only from a trusted proxy). */
  addressOf(req: IncomingMessage): string;
  limits: RouteLimits;
}

async function serveFile(req: IncomingMessage, res: ServerResponse, deps: RouteDeps, name: string) {
  const file = await deps.files.get(name);
  if (!file) return sendError(res, 404, 'not found');
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, { ETag: file.etag });
    res.end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': file.type,
    'Content-Length': file.body.length,
    'Cache-Control': 'no-cache',
    ETag: file.etag,
  });
  res.end(file.body);
}

function serveImage(res: ServerResponse, deps: RouteDeps, id: string, contentType: string) {
  const image = deps.images.get(id);
  // A GIF is only served as .gif and a PNG as .png, so a URL always says what it gives.
  if (!image || image.contentType !== contentType)
    return sendError(res, 404, 'this chart is no longer kept; run the command again');
  res.writeHead(200, {
    'Content-Type': image.contentType,
    'Content-Length': image.data.length,
    'Cache-Control': 'private, max-age=86400, immutable',
  });
  res.end(image.data);
}

const NO_SESSION = 'no session: open the page first (GET /api/session sets the session cookie)';

function sessionOf(req: IncomingMessage, deps: RouteDeps): Session {
  const session = deps.sessions.read(req);
  if (!session) throw new BadRequest(401, NO_SESSION);
  return session;
}

function openEvents(req: IncomingMessage, res: ServerResponse, deps: RouteDeps, url: URL) {
  const channel = url.searchParams.get('channel') ?? DEFAULT_CHANNEL;
  if (!CHANNEL.test(channel))
    return sendError(res, 400, 'channel must be 1 to 32 lowercase letters, digits or -');
  const { id } = sessionOf(req, deps);
  if (deps.hub.watchers >= MAX_WATCHERS) return sendError(res, 503, 'too many open pages; try again later');
  if (deps.hub.streamsOf(id) >= MAX_STREAMS_PER_CLIENT)
    return sendError(res, 429, `at most ${MAX_STREAMS_PER_CLIENT} open pages per browser; close one first`);
  const release = deps.limits.streamsPerAddress.take(deps.addressOf(req));
  if (!release) return sendError(res, 429, 'too many open pages from your network; close some first');
  const unsubscribe = deps.hub.subscribe(channel, id, res);
  // The response's close, not the request's: a GET's request side may finish long before.
  res.on('close', () => {
    unsubscribe();
    release();
  });
}

/** This browser's session; a new one only while its address has not minted too many this minute. */
function openSession(req: IncomingMessage, res: ServerResponse, deps: RouteDeps) {
  const existing = deps.sessions.read(req);
  if (!existing) {
    const address = deps.addressOf(req);
    if (!deps.limits.newSessions.allow(address)) {
      res.setHeader('Retry-After', String(deps.limits.newSessions.retryAfterS(address)));
      return sendError(res, 429, 'too many new visitors from your network this minute; try again shortly');
    }
  }
  sendJson(res, 200, sessionAnswer(existing ?? deps.sessions.readOrIssue(req, res), deps));
}

function sessionAnswer(session: Session, deps: RouteDeps): WireSession {
  return { id: session.id, teacher: session.teacher, teacherSignIn: deps.sessions.teacherSignIn };
}

async function signInTeacher(req: IncomingMessage, res: ServerResponse, deps: RouteDeps) {
  const session = sessionOf(req, deps);
  if (!deps.sessions.teacherSignIn)
    return sendError(res, 404, 'teacher sign-in is off: the server has no PLAYGROUND_TEACHER_TOKEN');
  const { teacherBySession, teacherByAddress } = deps.limits;
  const address = deps.addressOf(req);
  // A waiting session or address is refused before its token is even read, so guessing is slow.
  const waitMs = Math.max(teacherBySession.waitMs(session.id), teacherByAddress.waitMs(address));
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    res.setHeader('Retry-After', String(seconds));
    throw new BadRequest(429, `too many wrong teacher tokens; try again in ${seconds} s`);
  }
  const { token } = parseTeacherBody(await readJson(req));
  if (!deps.sessions.signInTeacher(req, res, token)) {
    const nextWaitMs = Math.max(teacherBySession.fail(session.id), teacherByAddress.fail(address));
    // Who and from where, never what was typed: a near miss would give the token away in the log.
    deps.logger.warn({ session: session.id, address, nextWaitMs }, 'teacher sign-in refused: wrong token');
    return sendError(res, 403, 'that teacher token is not right');
  }
  teacherBySession.clear(session.id);
  deps.logger.info({ session: session.id, address }, 'teacher signed in');
  sendJson(res, 200, sessionAnswer({ ...session, teacher: true }, deps));
}

async function post(req: IncomingMessage, res: ServerResponse, deps: RouteDeps, route: 'command' | 'button') {
  const { id, teacher } = sessionOf(req, deps);
  const sender = { client: id, ...(teacher ? { teacher } : {}) };
  const json = await readJson(req);
  const address = deps.addressOf(req);
  const started =
    route === 'command'
      ? deps.dispatcher.command({ ...parseCommandBody(json), ...sender }, address)
      : deps.dispatcher.button({ ...parseButtonBody(json), ...sender }, address);
  if ('refused' in started) return sendError(res, 429, started.refused);
  sendJson(res, 202, started);
}

const POSTS = new Set(['/api/command', '/api/button', '/api/teacher']);

async function route(req: IncomingMessage, res: ServerResponse, deps: RouteDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://playground.invalid');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const reading = method === 'GET' || method === 'HEAD';
  if (POSTS.has(path)) {
    if (method !== 'POST') return sendError(res, 405, `use POST for ${path}`);
    if (path === '/api/teacher') return signInTeacher(req, res, deps);
    return post(req, res, deps, path === '/api/command' ? 'command' : 'button');
  }
  if (!reading) return sendError(res, 405, `use GET for ${path}`);
  if (path === '/api/commands') return sendJson(res, 200, deps.commands);
  if (path === '/api/session') return openSession(req, res, deps);
  if (path === '/api/events') return openEvents(req, res, deps, url);
  const image = /^\/images\/([0-9a-f]{32})\.(png|gif)$/.exec(path);
  if (image?.[1]) return serveImage(res, deps, image[1], `image/${image[2]}`);
  if (path.startsWith('/api/') || path.startsWith('/images/')) return sendError(res, 404, 'not found');
  return serveFile(req, res, deps, path === '/' ? 'index.html' : path.slice(1));
}

/** Handles one HTTP request; never lets an error escape as a stack trace. */
export async function handleHttp(req: IncomingMessage, res: ServerResponse, deps: RouteDeps): Promise<void> {
  setSecurityHeaders(res);
  const refused = refusal(req, deps.boundHost);
  if (refused) {
    closeIfBodyUnread(req, res);
    return sendError(res, 403, refused);
  }
  try {
    await route(req, res, deps);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    closeIfBodyUnread(req, res);
    if (error instanceof BadRequest) return sendError(res, error.status, error.message);
    deps.logger.error({ err: error, url: req.url, method: req.method }, 'playground http error');
    sendError(res, 500, 'something went wrong on the server');
  }
}
