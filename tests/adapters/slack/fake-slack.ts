import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import {
  type ApiCall,
  type FakeState,
  METHODS,
  multipartField,
  parseParams,
  readBody,
} from './fake-web-api.js';

/*
 * A fake Slack on 127.0.0.1 for the real @slack/bolt to talk to: the Web API (`/api/<method>`),
 * the upload URLs files.getUploadURLExternal hands out, response_url endpoints, and a Socket Mode
 * WebSocket. It records everything. Tokens are checked like Slack does: the bot token for Web API
 * methods, the app token for apps.connections.open.
 */

export const BOT_TOKEN = 'xoxb-fake-bot-token';
export const APP_TOKEN = 'xapp-fake-app-token';
export const SIGNING_SECRET = 'fake-signing-secret-for-tests';

/** A file body posted to an upload URL. */
export interface Upload {
  fileId: string;
  filename: string;
  bytes: Buffer;
  at: number;
}

/** A message posted to a response_url. */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/** What `sendEnvelope` resolves with: the adapter's ack and how long it took. */
export interface EnvelopeAck {
  payload: Record<string, unknown> | undefined;
  ms: number;
}

/** Starts the fake on a free loopback port. */
export async function startFakeSlack() {
  const calls: ApiCall[] = [];
  const uploads: Upload[] = [];
  const responses: ResponsePost[] = [];
  const failures = new Map<string, string>();
  const pendingAcks = new Map<string, (ack: Record<string, unknown>) => void>();
  const sockets = new Set<WebSocket>();
  let counter = 0;
  const state: FakeState = {
    baseUrl: '',
    wsUrl: '',
    nextTs: () => `1700000000.${String(++counter).padStart(6, '0')}`,
    nextFileId: () => `F${String(++counter).padStart(6, '0')}`,
    admins: new Set(),
  };

  function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  async function api(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const raw = await readBody(req);
    const params = parseParams(req.headers['content-type'], raw);
    const token =
      /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (params.token as string | undefined);
    const call: ApiCall = { method, params, token, at: Date.now() };
    calls.push(call);
    const wanted = method === 'apps.connections.open' ? APP_TOKEN : BOT_TOKEN;
    if (token !== wanted) return send(res, 200, { ok: false, error: 'invalid_auth' });
    const failure = failures.get(method);
    if (failure) return send(res, 200, { ok: false, error: failure });
    const handler = METHODS[method];
    if (!handler) return send(res, 200, { ok: false, error: 'unknown_method' });
    call.result = { ok: true, ...handler(params, state) };
    send(res, 200, call.result);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, kind, name] = url.pathname.split('/');
    if (req.method !== 'POST') return send(res, 405, { ok: false });
    if (kind === 'api' && name) return void api(req, res, name);
    if (kind === 'upload' && name) {
      return void readBody(req).then((raw) => {
        const bytes = multipartField(req.headers['content-type'], raw, 'body') ?? raw;
        uploads.push({
          fileId: name,
          filename: url.searchParams.get('filename') ?? '',
          bytes,
          at: Date.now(),
        });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`OK - ${bytes.length}`);
      });
    }
    if (kind === 'response' && name) {
      return void readBody(req).then((raw) => {
        responses.push({
          id: name,
          body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
          at: Date.now(),
        });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      });
    }
    send(res, 404, { ok: false, error: 'not_found' });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/socket')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const ack = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (ack.envelope_id) pendingAcks.get(ack.envelope_id)?.(ack);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0TUTOR' } }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}`;
  state.wsUrl = `ws://127.0.0.1:${port}/socket`;

  return {
    calls,
    uploads,
    responses,
    admins: state.admins,
    /** SLACK_API_URL for the adapter. */
    apiUrl: `${state.baseUrl}/api/`,
    /** A fresh response_url on the fake. */
    responseUrl: (id: string) => `${state.baseUrl}/response/${id}`,
    /** Makes a Web API method fail with a Slack error code, e.g. `not_in_channel`. */
    fail: (method: string, error: string) => failures.set(method, error),
    /** Undoes every `fail`. */
    heal: () => failures.clear(),
    callsTo: (method: string) => calls.filter((c) => c.method === method),
    socketConnected: () => sockets.size > 0,
    /** Sends a Socket Mode envelope and resolves with the adapter's ack. */
    sendEnvelope(type: string, payload: Record<string, unknown>): Promise<EnvelopeAck> {
      const envelopeId = `env-${++counter}`;
      const sentAt = Date.now();
      return new Promise((resolve, reject) => {
        const socket = [...sockets].find((s) => s.readyState === WebSocket.OPEN);
        if (!socket) return reject(new Error('no Socket Mode connection'));
        pendingAcks.set(envelopeId, (ack) => {
          pendingAcks.delete(envelopeId);
          resolve({ payload: ack.payload as Record<string, unknown> | undefined, ms: Date.now() - sentAt });
        });
        socket.send(
          JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }),
        );
      });
    },
    async close(): Promise<void> {
      for (const socket of sockets) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The fake's handle. */
export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** Slack's v0 request signature headers for `body` (HMAC-SHA256 of `v0:timestamp:body`). */
export function signedHeaders(
  body: string,
  secret = SIGNING_SECRET,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}
