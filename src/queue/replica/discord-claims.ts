import { randomUUID } from 'node:crypto';
import { closeRedis, connectRedis, luaScript, runScript, whenReady, withTimeout } from '../redis/client.js';
import { DEFAULT_QUEUE_NAME, queueKeys } from '../redis/keys.js';

/*
 * What keeps Discord from being answered twice when several bot replicas share one Redis:
 *
 * - the gateway lease: only its holder connects to Discord's gateway, which delivers every
 *   interaction to each connected session. The holder renews it (one script: take it if free,
 *   extend it if ours); a standby tries the same script at the same pace; on shutdown the holder
 *   deletes it, if still its own, so a standby takes over at its next try instead of after the TTL;
 * - the replay memory of the HTTP mode: the first replica to see a signed request claims its
 *   signature with SET NX for as long as its timestamp passes, so a request replayed to any
 *   replica is refused.
 *
 * The adapter holds the rules (when to connect, what to refuse); these are their Redis halves.
 */

/** The gateway lease, as the Discord adapter uses it (its GatewayLease). */
export interface GatewayLeaseClaim {
  hold(): Promise<boolean>;
  release(): Promise<void>;
  readonly ttlMs: number;
  readonly renewMs: number;
}

/** Signatures seen by any replica (the adapter's ReplayMemory). */
export interface SeenInteractions {
  firstSighting(key: string, holdMs: number): Promise<boolean>;
}

/** Both, over one connection. */
export interface DiscordClaims {
  lease: GatewayLeaseClaim;
  replays: SeenInteractions;
  close(): Promise<void>;
}

/** How to build them. */
export interface DiscordClaimsOptions {
  redisUrl: string;
  queueName?: string;
  /** The lease's lifetime without renewal; default 5000 ms. A dead holder's gateway is taken over after about this long. */
  leaseTtlMs?: number;
  /** How often the lease is renewed and tried; default 1500 ms. */
  renewMs?: number;
  /** Default 1000 ms: a renewal must answer well inside the lease. */
  timeoutMs?: number;
  onError?: (error: unknown) => void;
}

// Takes the lease when nobody holds it, extends it when we do; 1 when ours afterwards.
const HOLD = luaScript(`
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`);

// Deletes the lease only when it is still ours (it may have expired and gone to another replica).
const RELEASE = luaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

/** Connects the claims to Redis. */
export function createDiscordClaims(options: DiscordClaimsOptions): DiscordClaims {
  const keys = queueKeys(options.queueName ?? DEFAULT_QUEUE_NAME);
  const timeoutMs = options.timeoutMs ?? 1000;
  const ttlMs = options.leaseTtlMs ?? 5000;
  const renewMs = options.renewMs ?? 1500;
  const owner = randomUUID();
  const client = connectRedis(options.redisUrl, 'command', (error) => options.onError?.(error), timeoutMs);
  const ready = () => whenReady(client, timeoutMs);

  return {
    lease: {
      ttlMs,
      renewMs,
      async hold() {
        await ready();
        const answer = await withTimeout(
          runScript(client, HOLD, [keys.discordGateway], [owner, ttlMs]),
          timeoutMs,
          'holding the gateway lease',
        );
        return answer === 1;
      },
      async release() {
        if (client.status !== 'ready') return;
        await withTimeout(
          runScript(client, RELEASE, [keys.discordGateway], [owner]),
          timeoutMs,
          'releasing the gateway lease',
        );
      },
    },
    replays: {
      async firstSighting(key, holdMs) {
        await ready();
        const answer = await withTimeout(
          client.set(keys.seenInteraction(key), '1', 'PX', holdMs, 'NX'),
          timeoutMs,
          'remembering an interaction',
        );
        return answer === 'OK';
      },
    },
    close: () => closeRedis(client),
  };
}
