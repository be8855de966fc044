import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { type FakeGateway, startFakeGateway } from './fake-gateway.js';
import {
  APPLICATION_ID,
  BOT_USER,
  buttonInteraction,
  CHANNEL_ID,
  commandInteraction,
  memberObject,
  type SentOption,
} from './fake-objects.js';
import { type FakeRest, type RestCall, startFakeRest } from './fake-rest.js';

/*
 * A whole fake Discord on 127.0.0.1: the REST API (whose GET /gateway/bot points at the fake
 * gateway) and the gateway, plus helpers to inject interactions and wait for what the bot sends.
 * With `deliverTo(urls)`, interactions go out as Discord's HTTP interactions instead: POSTed to the
 * endpoints in turn (a round-robin load balancer), signed with the fake application's Ed25519 key
 * (`publicKey`), each HTTP response taken as the interaction's first response, and an endpoint
 * that does not answer within Discord's 3 s failing the interaction.
 */

/** An interaction the test sent: its id and token, and when it was dispatched. */
export interface SentInteraction {
  id: string;
  token: string;
  at: number;
  /** HTTP mode: the endpoint's HTTP status once it answered (0 when it did not within 3 s). */
  delivered?: Promise<number>;
}

/** A signed POST as Discord sends it; `timestamp` (seconds) and `key` may be overridden to forge one. */
export interface SignedPost {
  url: string;
  body: string;
  timestamp?: string;
  key?: KeyObject;
}

/** Discord waits this long for an HTTP interaction's response. */
const HTTP_RESPONSE_LIMIT_MS = 3000;

/** A fresh Ed25519 key pair; the public half as the Developer Portal shows it (64 hex digits). */
export function testKeyPair(): { privateKey: KeyObject; publicKey: KeyObject; publicHex: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string };
  return { privateKey, publicKey, publicHex: Buffer.from(jwk.x, 'base64url').toString('hex') };
}

/** POSTs `body` with Discord's signature headers; resolves with the status and the answer's text. */
export async function signedPost(
  post: SignedPost & { key: KeyObject },
): Promise<{ status: number; text: string }> {
  const timestamp = post.timestamp ?? String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + post.body), post.key).toString('hex');
  const response = await fetch(post.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
    body: post.body,
    signal: AbortSignal.timeout(HTTP_RESPONSE_LIMIT_MS),
  });
  return { status: response.status, text: await response.text() };
}

/** The fake Discord. */
export interface FakeDiscord {
  rest: FakeRest;
  gateway: FakeGateway;
  /** What DISCORD_API_URL would be set to. */
  apiUrl: string;
  slash(
    userId: string,
    command: string,
    options?: SentOption[],
    member?: ReturnType<typeof memberObject>,
  ): SentInteraction;
  press(userId: string, customId: string): SentInteraction;
  /** The application's public key (hex), for DISCORD_PUBLIC_KEY. */
  publicKey: string;
  /** HTTP mode from now on: interactions are POSTed to these endpoints in turn; [] for the gateway. */
  deliverTo(urls: readonly string[]): void;
  /** A POST signed with the application's key (or `key`), as a test builds one by hand. */
  signedPost(post: SignedPost): Promise<{ status: number; text: string }>;
  /**
   * Delivers an interaction built by the test to one endpoint, as `slash` does in HTTP mode;
   * `timestamp` (the same one twice sends the very same bytes) and `key` forge or replay it.
   */
  deliverOne(
    url: string,
    payload: { id: string; token: string; channel_id: string },
    forge?: Pick<SignedPost, 'timestamp' | 'key'>,
  ): SentInteraction;
  /** REST calls made with this interaction's token, in order. */
  callsFor(sent: SentInteraction): RestCall[];
  /** Polls until `probe` returns a value (not undefined), or fails after `timeoutMs`. */
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** Starts the fake; `tokenLifetimeMs` is how long interaction tokens work (Discord: 15 minutes). */
export async function startFakeDiscord(options: { tokenLifetimeMs?: number } = {}): Promise<FakeDiscord> {
  const gateway = await startFakeGateway();
  const rest = await startFakeRest({
    gatewayUrl: () => gateway.url,
    applicationId: APPLICATION_ID,
    botUser: BOT_USER,
    botToken: 'test-token',
    tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
  });

  const keys = testKeyPair();
  let endpoints: readonly string[] = [];
  let turn = 0;

  /** One HTTP delivery: the response is the first response; none in time fails the interaction. */
  async function deliver(
    url: string,
    payload: { token: string },
    forge: Pick<SignedPost, 'timestamp' | 'key'> = {},
  ): Promise<number> {
    try {
      const { status, text } = await signedPost({
        url,
        body: JSON.stringify(payload),
        key: forge.key ?? keys.privateKey,
        ...(forge.timestamp ? { timestamp: forge.timestamp } : {}),
      });
      if (status === 200) rest.firstResponse(payload.token, JSON.parse(text), Date.now());
      return status;
    } catch {
      return 0;
    }
  }

  type Payload = { id: string; token: string; channel_id: string };

  function remember(payload: Payload, at: number): void {
    if (rest.interactions.has(payload.token)) return;
    rest.interactions.set(payload.token, {
      interactionId: payload.id,
      channelId: payload.channel_id,
      dispatchedAt: at,
    });
  }

  function inject(payload: Payload): SentInteraction {
    const at = Date.now();
    remember(payload, at);
    if (endpoints.length === 0) {
      gateway.dispatch('INTERACTION_CREATE', payload);
      return { id: payload.id, token: payload.token, at };
    }
    const url = endpoints[turn % endpoints.length] ?? '';
    turn += 1;
    return { id: payload.id, token: payload.token, at, delivered: deliver(url, payload) };
  }

  return {
    rest,
    gateway,
    apiUrl: rest.url,
    publicKey: keys.publicHex,
    deliverTo(urls) {
      endpoints = [...urls];
      turn = 0;
    },
    signedPost: (post) => signedPost({ ...post, key: post.key ?? keys.privateKey }),
    deliverOne(url, payload, forge) {
      const at = Date.now();
      remember(payload, at);
      return { id: payload.id, token: payload.token, at, delivered: deliver(url, payload, forge) };
    },
    slash: (userId, command, sentOptions = [], member) =>
      inject(commandInteraction(userId, command, sentOptions, member ?? memberObject(userId))),
    press: (userId, customId) => inject(buttonInteraction(userId, customId)),
    callsFor: (sent) => rest.calls.filter((c) => c.path.includes(`/${sent.token}`)),
    async waitFor(what, probe, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      await gateway.close();
      await rest.close();
    },
  };
}

export { CHANNEL_ID };
