import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageObject, nextSnowflake, userObject } from './fake-objects.js';

/*
 * Discord's REST API, as much of it as the adapter uses, on 127.0.0.1. Every call is recorded
 * with its time, its JSON body and its multipart files, so tests can check what the real
 * discord.js sent. Interaction tokens behave like Discord's: one initial response each, edits
 * only after it, and nothing once the token has expired.
 */

/** One uploaded file of a multipart request. */
export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

/** One REST call as the fake saw it. */
export interface RestCall {
  at: number;
  method: string;
  /** Path without the /api/v10 prefix, e.g. /webhooks/1/tok/messages/@original. */
  path: string;
  query: URLSearchParams;
  // biome-ignore lint/suspicious/noExplicitAny: recorded JSON, inspected freely by tests
  body: any;
  files: RecordedFile[];
  status: number;
  /** Set on an interaction's first response that came back as the HTTP response (HTTP mode). */
  viaHttp?: true;
}

/** An interaction the fake has dispatched, with its token's state. */
export interface TokenState {
  interactionId: string;
  channelId: string;
  dispatchedAt: number;
  callbackType?: number;
  ephemeral?: boolean;
  callbackAt?: number;
}

/** The REST side of the fake; `interactions` is filled by the gateway side when it dispatches. */
export interface FakeRest {
  url: string;
  calls: RestCall[];
  interactions: Map<string, TokenState>;
  /** Registered commands by scope: 'global' or the guild id. */
  commands: Map<string, object[]>;
  /** Users whose privacy settings refuse DMs from the bot (Discord answers 50007). */
  refusesDms: Set<string>;
  /**
   * Takes an interaction's first response as the callback endpoint would (HTTP mode answers it in
   * the HTTP response): the token's state and the recorded call are the same.
   */
  firstResponse(token: string, response: unknown, at: number): RestCall;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: [] };
  if (!type.startsWith('multipart/form-data')) return { body: JSON.parse(raw.toString('utf8')), files: [] };
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  let body: unknown;
  const files: RecordedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value);
    } else {
      files.push({
        field,
        name: value.name,
        contentType: value.type,
        data: Buffer.from(await value.arrayBuffer()),
      });
    }
  }
  return { body, files };
}

/** Starts the fake REST API; `gatewayUrl()` is what GET /gateway/bot answers. */
export async function startFakeRest(options: {
  gatewayUrl: () => string;
  applicationId: string;
  botUser: object;
  /** The only bot token the fake accepts. */
  botToken: string;
  tokenLifetimeMs: number;
}): Promise<FakeRest> {
  const calls: RestCall[] = [];
  const interactions = new Map<string, TokenState>();
  const commands = new Map<string, object[]>();
  const dmRecipients = new Map<string, string>();
  const refusesDms = new Set<string>();

  type Answer = { status: number; json?: unknown };
  const error = (status: number, code: number, message: string): Answer => ({
    status,
    json: { code, message },
  });

  function tokenCheck(token: string, needsResponse: boolean): Answer | TokenState {
    const state = interactions.get(token);
    if (!state || Date.now() - state.dispatchedAt > options.tokenLifetimeMs) {
      return error(401, 50027, 'Invalid Webhook Token');
    }
    if (needsResponse && state.callbackType === undefined) return error(404, 10015, 'Unknown Webhook');
    return state;
  }

  function callback(token: string, body: unknown): Answer {
    const state = tokenCheck(token, false);
    if (!('interactionId' in state)) return state;
    if (state.callbackType !== undefined)
      return error(400, 40060, 'Interaction has already been acknowledged.');
    const data = (body as { type: number; data?: { flags?: number } }) ?? { type: 0 };
    state.callbackType = data.type;
    state.callbackAt = Date.now();
    state.ephemeral = ((data.data?.flags ?? 0) & 64) !== 0;
    return { status: 204 };
  }

  function route(method: string, path: string, body: unknown, files: RecordedFile[], auth?: string): Answer {
    const parts = path.split('/').filter(Boolean);
    const message = (channelId: string, flags = 0) =>
      messageObject({
        body,
        files,
        channelId,
        author: options.botUser,
        applicationId: options.applicationId,
        flags,
      });
    if (method === 'GET' && path === '/gateway/bot') {
      if (auth !== `Bot ${options.botToken}`) return error(401, 0, '401: Unauthorized');
      return {
        status: 200,
        json: {
          url: options.gatewayUrl(),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if (method === 'GET' && path === '/applications/@me') {
      if (auth !== `Bot ${options.botToken}`) return error(401, 0, '401: Unauthorized');
      return { status: 200, json: { id: options.applicationId, name: 'depth-tutor', bot: options.botUser } };
    }
    if (parts[0] === 'applications' && parts.at(-1) === 'commands') {
      const scope = parts[2] === 'guilds' ? (parts[3] ?? '') : 'global';
      if (method === 'GET') return { status: 200, json: commands.get(scope) ?? [] };
      if (method === 'PUT' && Array.isArray(body)) {
        const stored = body.map((c: object) => ({
          ...c,
          id: nextSnowflake(),
          application_id: options.applicationId,
          version: nextSnowflake(),
        }));
        commands.set(scope, stored);
        return { status: 200, json: stored };
      }
    }
    if (parts[0] === 'interactions' && parts[3] === 'callback' && method === 'POST') {
      return callback(parts[2] ?? '', body);
    }
    if (parts[0] === 'webhooks') {
      const state = tokenCheck(parts[2] ?? '', true);
      if (!('interactionId' in state)) return state;
      if (method === 'PATCH' && parts[4] === '@original') {
        return { status: 200, json: message(state.channelId, state.ephemeral ? 64 : 0) };
      }
      if (method === 'DELETE' && parts[4] === '@original') return { status: 204 };
      if (method === 'POST' && parts.length === 3) {
        const flags = (body as { flags?: number } | undefined)?.flags ?? 0;
        return { status: 200, json: message(state.channelId, flags) };
      }
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = String((body as { recipient_id?: unknown })?.recipient_id);
      const id = nextSnowflake();
      dmRecipients.set(id, recipient);
      const user = userObject(recipient, `user-${recipient.slice(-4)}`);
      return { status: 200, json: { id, type: 1, last_message_id: null, recipients: [user] } };
    }
    if (parts[0] === 'channels' && method === 'POST' && parts[2] === 'messages') {
      const recipient = dmRecipients.get(parts[1] ?? '');
      if (recipient && refusesDms.has(recipient)) {
        return error(403, 50007, 'Cannot send messages to this user');
      }
      return { status: 200, json: message(parts[1] ?? '') };
    }
    return error(404, 0, '404: Not Found');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const { body, files } = await readBody(req);
    const answer = route(req.method ?? 'GET', path, body, files, req.headers.authorization);
    calls.push({
      at,
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      body,
      files,
      status: answer.status,
    });
    res.writeHead(answer.status, answer.json === undefined ? {} : { 'content-type': 'application/json' });
    res.end(answer.json === undefined ? undefined : JSON.stringify(answer.json));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 0, message: String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    calls,
    interactions,
    commands,
    refusesDms,
    firstResponse(token, response, at) {
      const state = interactions.get(token);
      const answer = callback(token, response);
      const call: RestCall = {
        at,
        method: 'POST',
        path: `/interactions/${state?.interactionId ?? 'unknown'}/${token}/callback`,
        query: new URLSearchParams(),
        body: response,
        files: [],
        status: answer.status,
        viaHttp: true,
      };
      calls.push(call);
      return call;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
