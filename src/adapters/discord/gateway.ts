import type { APIInteraction, Client } from 'discord.js';
import type { Logger } from '../../bot/logger.js';
import { connectClient } from './client.js';
import { safeError } from './safe-error.js';

/*
 * One gateway session at a time over every replica. Discord delivers an interaction to every
 * session on its shard, so two replicas each holding a gateway would both answer it. With a lease
 * (REDIS_URL), a replica connects only while it holds the lease and renews it every `renewMs`;
 * the others stand by and try to take it at the same pace. A holder that cannot renew (Redis
 * unreachable) disconnects before the lease can expire, so that the next holder never overlaps
 * it; a holder that dies stops renewing, and another replica connects within `ttlMs + renewMs`
 * and a login. Without a lease (no Redis) the one process simply connects.
 */

/** The lease on the gateway, shared by the replicas (src/queue/replica/gateway-lease.ts). */
export interface GatewayLease {
  /** Takes the lease if free, or renews it if ours; true while this replica holds it. Rejects when unreachable. */
  hold(): Promise<boolean>;
  /** Gives the lease up if ours, so a standby can take it at its next try. */
  release(): Promise<void>;
  /** How long the lease lasts without renewal. */
  readonly ttlMs: number;
  /** How often it is renewed (and tried by standbys). */
  readonly renewMs: number;
}

/** What this replica does for Discord's gateway right now. */
export type GatewayRole = 'gateway' | 'standby';

/** The gateway of one replica. */
export interface GatewayTurn {
  /** Connects, or (with a lease held elsewhere) starts standing by. Rejects when a login fails. */
  start(): Promise<void>;
  /** Disconnects and gives the lease up. */
  stop(): Promise<void>;
  role(): GatewayRole;
  /** Connected, or standing by in order. */
  ready(): boolean;
}

/** How to build it. */
export interface GatewayTurnOptions {
  settings: { token: string; apiUrl?: string | undefined };
  route: (interaction: APIInteraction) => void;
  lease?: GatewayLease | undefined;
  /** Called after each connection (commands are registered by whoever holds the gateway). */
  onConnected(client: Client<true>): Promise<void>;
  log: Logger;
}

/** Creates the gateway; nothing connects before `start`. */
export function createGatewayTurn(options: GatewayTurnOptions): GatewayTurn {
  const { lease, log } = options;
  let client: Client<true> | undefined;
  let connecting: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let lastHeldAt = 0;

  async function connect(): Promise<void> {
    const ready = await connectClient(options.settings, options.route, log);
    if (stopped) {
      await ready.destroy();
      return;
    }
    client = ready;
    log.info(
      { user: ready.user.tag, ...(lease ? { lease: 'held' } : {}) },
      'connected to the Discord gateway',
    );
    await options.onConnected(ready);
  }

  async function disconnect(why: string): Promise<void> {
    const held = client;
    client = undefined;
    if (held) {
      log.warn({ why }, 'left the Discord gateway; standing by');
      await held.destroy();
    }
  }

  /** One renewal (or try, on a standby); never rejects. */
  async function tick(): Promise<void> {
    if (!lease) return;
    let held: boolean | undefined;
    try {
      held = await lease.hold();
    } catch (error) {
      log.warn({ err: safeError(error) }, 'cannot reach the gateway lease');
    }
    if (stopped) return;
    if (held === true) {
      lastHeldAt = Date.now();
      if (!client && !connecting) {
        connecting = connect()
          .catch(async (error: unknown) => {
            log.error(
              { err: safeError(error) },
              'could not connect to the Discord gateway; giving the lease up',
            );
            await lease.release().catch(() => undefined);
          })
          .finally(() => {
            connecting = undefined;
          });
      }
    } else if (held === false) {
      await disconnect('another replica holds the gateway lease');
    } else if (client && Date.now() - lastHeldAt > lease.ttlMs - lease.renewMs) {
      // The lease may expire before the next try; another replica may take it then.
      await disconnect('the gateway lease could not be renewed in time');
    }
  }

  function loop(): void {
    timer = setTimeout(() => {
      void tick().finally(() => {
        if (!stopped) loop();
      });
    }, lease?.renewMs ?? 0);
    timer.unref();
  }

  return {
    async start() {
      if (!lease) {
        await connect();
        return;
      }
      let held = false;
      try {
        held = await lease.hold();
      } catch (error) {
        log.warn({ err: safeError(error) }, 'cannot reach the gateway lease; standing by until it answers');
      }
      if (held) {
        lastHeldAt = Date.now();
        try {
          await connect();
        } catch (error) {
          await lease.release().catch(() => undefined);
          throw error;
        }
      } else {
        log.info({ retryMs: lease.renewMs }, 'another replica holds the Discord gateway; standing by');
      }
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await connecting;
      const held = client;
      client = undefined;
      await held?.destroy();
      await lease
        ?.release()
        .catch((error: unknown) =>
          log.warn({ err: safeError(error) }, 'could not release the gateway lease; it expires by itself'),
        );
    },
    role: () => (client ? 'gateway' : 'standby'),
    ready: () => (client ? client.isReady() : lease !== undefined && !stopped),
  };
}
