import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIInteraction,
  type APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
  type REST,
  Routes,
} from 'discord.js';
import type { Logger } from '../../bot/logger.js';
import type { FirstResponse } from './reply-port.js';
import { safeError } from './safe-error.js';

/*
 * Discord's Interactions Endpoint: Discord POSTs each interaction to one URL, and any number of
 * replicas may sit behind it. A request is worked on only when it is Discord's: its Ed25519
 * signature (X-Signature-Ed25519, over X-Signature-Timestamp + the raw body) verifies against the
 * application's public key, its timestamp is within MAX_AGE_MS of now, and no replica has seen it
 * before (the replay memory, in Redis when replicas share one). Anything else is answered 401
 * before it is parsed. The first response goes out as the HTTP response; the rest of the
 * lifecycle (edits, follow-ups) goes through the interaction's webhook, as in gateway mode.
 */

/** How far a request's timestamp may be from now, either way: a captured request is dead after this. */
export const MAX_AGE_MS = 5 * 60_000;
/** Discord's payloads are a few kilobytes; anything far larger is not Discord. */
const MAX_BODY_BYTES = 1 << 20;
/** Where the endpoint listens; the URL in the Developer Portal ends with it. */
export const INTERACTIONS_PATH = '/discord/interactions';

/** Remembers signatures for a while; true the first time a key is seen, over every replica sharing it. */
export interface ReplayMemory {
  firstSighting(key: string, holdMs: number): Promise<boolean>;
}

/** A replay memory in this process only (one replica, or Redis unreachable). */
export function localReplayMemory(now: () => number = Date.now): ReplayMemory {
  const seen = new Map<string, number>();
  return {
    async firstSighting(key, holdMs) {
      const time = now();
      // Entries are in insertion order, so expired ones are at the front.
      for (const [old, until] of seen) {
        if (until > time) break;
        seen.delete(old);
      }
      if ((seen.get(key) ?? 0) > time) return false;
      seen.set(key, time + holdMs);
      return true;
    },
  };
}

/**
 * This replica's memory first, then the one the replicas share. A shared memory that cannot be
 * reached (Redis down) does not stop Discord: the request is taken, the signature and the time
 * window still hold, and only a replay sent to another replica during the outage could get through.
 */
export function layeredReplayMemory(
  local: ReplayMemory,
  shared: ReplayMemory | undefined,
  onError: (error: unknown) => void,
): ReplayMemory {
  return {
    async firstSighting(key, holdMs) {
      if (!(await local.firstSighting(key, holdMs))) return false;
      if (!shared) return true;
      try {
        return await shared.firstSighting(key, holdMs);
      } catch (error) {
        onError(error);
        return true;
      }
    },
  };
}

/** A 32-byte Ed25519 public key, as the Developer Portal shows it (64 hex digits). */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('the public key must be 64 hexadecimal digits');
  const x = Buffer.from(hex, 'hex').toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** Whether `signatureHex` signs `timestamp + body` with the key. */
export function signatureValid(
  key: KeyObject,
  signatureHex: string,
  timestamp: string,
  body: Buffer,
): boolean {
  if (!/^[0-9a-fA-F]{128}$/.test(signatureHex)) return false;
  return verify(
    null,
    Buffer.concat([Buffer.from(timestamp, 'utf8'), body]),
    key,
    Buffer.from(signatureHex, 'hex'),
  );
}

/** Why a request is refused before any work, or undefined when it may be worked on. */
export async function refusal(
  request: { signature: string | undefined; timestamp: string | undefined; body: Buffer },
  checks: { key: KeyObject; replays: ReplayMemory; now: number },
): Promise<string | undefined> {
  const { signature, timestamp, body } = request;
  if (!signature || !timestamp || !signatureValid(checks.key, signature, timestamp, body)) {
    return 'invalid request signature';
  }
  const sentAt = Number(timestamp) * 1000;
  if (!Number.isFinite(sentAt) || Math.abs(checks.now - sentAt) > MAX_AGE_MS) return 'timestamp too old';
  // Remembered for both sides of the window, so a replay is refused as long as its timestamp passes.
  const key = createHash('sha256').update(signature.toLowerCase()).digest('hex');
  if (!(await checks.replays.firstSighting(key, 2 * MAX_AGE_MS))) return 'request already received';
  return undefined;
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const send = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

/**
 * The first response of an HTTP interaction: the HTTP response's body. Files cannot ride in it, so
 * a reply with charts answers "deferred" (same visibility) and puts the reply on the original
 * message through the webhook at once.
 */
function httpFirstResponse(response: ServerResponse, interaction: APIInteraction, rest: REST): FirstResponse {
  let sent = false;
  return async (first, files) => {
    if (sent) throw new Error('Interaction has already been acknowledged.');
    sent = true;
    const deferInstead = files.length > 0 && first.type === InteractionResponseType.ChannelMessageWithSource;
    const body: APIInteractionResponse = deferInstead
      ? {
          type: InteractionResponseType.DeferredChannelMessageWithSource,
          data: { flags: (first.data as { flags?: number }).flags ?? 0 },
        }
      : first;
    await new Promise<void>((resolve, reject) => {
      response.once('finish', resolve);
      response.once('error', reject);
      send(response, 200, body);
    });
    if (deferInstead) {
      const route = Routes.webhookMessage(interaction.application_id, interaction.token, '@original');
      await rest.patch(route, { body: first.data, files, auth: false });
    }
  };
}

/** The endpoint's settings. */
export interface EndpointOptions {
  publicKey: string;
  port: number;
  host?: string | undefined;
  /** The replicas' shared memory of signatures (Redis); this replica's own is always consulted first. */
  replays?: ReplayMemory | undefined;
  rest: REST;
  log: Logger;
  /** Routes an authentic interaction; false for a kind the tutor does not handle. */
  route: (interaction: APIInteraction, first: FirstResponse) => boolean;
}

/** A started endpoint. */
export interface InteractionsEndpoint {
  url: string;
  stop(): Promise<void>;
}

/** Starts listening; rejects when the port cannot be had or the public key is malformed. */
export async function startInteractionsEndpoint(options: EndpointOptions): Promise<InteractionsEndpoint> {
  const key = publicKeyFromHex(options.publicKey);
  const { log } = options;
  const replays = layeredReplayMemory(localReplayMemory(), options.replays, (error) =>
    log.warn({ err: safeError(error) }, 'the shared replay memory is unreachable; relying on this replica’s'),
  );

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== INTERACTIONS_PATH)
      return send(response, 404, { error: 'not found', path: INTERACTIONS_PATH });
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      return send(response, 405, { error: 'method not allowed' });
    }
    const body = await readBody(request);
    if (!body) {
      response.setHeader('connection', 'close');
      return send(response, 413, { error: 'body too large' });
    }
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const refused = await refusal(
      { signature: header('x-signature-ed25519'), timestamp: header('x-signature-timestamp'), body },
      { key, replays, now: Date.now() },
    );
    if (refused) {
      // Discord itself sends requests with bad signatures to check the endpoint refuses them.
      log.info({ reason: refused }, 'interaction request refused');
      return send(response, 401, { error: refused });
    }
    const interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
    if (interaction.type === InteractionType.Ping)
      return send(response, 200, { type: InteractionResponseType.Pong });
    const first = httpFirstResponse(response, interaction, options.rest);
    if (!options.route(interaction, first)) send(response, 400, { error: 'interaction type not handled' });
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error({ err: safeError(error) }, 'interaction request failed');
      if (!response.headersSent) send(response, 500, { error: 'internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}${INTERACTIONS_PATH}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
