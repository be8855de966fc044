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
 */

/** An interaction the test sent: its id and token, and when it was dispatched. */
export interface SentInteraction {
  id: string;
  token: string;
  at: number;
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

  function inject(payload: { id: string; token: string; channel_id: string }): SentInteraction {
    const at = Date.now();
    rest.interactions.set(payload.token, {
      interactionId: payload.id,
      channelId: payload.channel_id,
      dispatchedAt: at,
    });
    gateway.dispatch('INTERACTION_CREATE', payload);
    return { id: payload.id, token: payload.token, at };
  }

  return {
    rest,
    gateway,
    apiUrl: rest.url,
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
