import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { APPLICATION_ID, BOT_USER, GUILD_ID, guildObject } from './fake-objects.js';

/*
 * Discord's gateway, plain JSON over ws on 127.0.0.1: HELLO, IDENTIFY → READY (+ GUILD_CREATE),
 * heartbeats and their ACKs, RESUME → RESUMED with the missed dispatches replayed, and dispatches
 * the tests inject. `drop()` cuts the connection the way a network failure does (no close frame).
 */

/** One opcode the fake received, with its time. */
export interface GatewayEvent {
  at: number;
  kind: 'identify' | 'resume' | 'heartbeat' | 'connect';
  // biome-ignore lint/suspicious/noExplicitAny: recorded JSON
  data?: any;
}

/** The gateway side of the fake. */
export interface FakeGateway {
  url: string;
  events: GatewayEvent[];
  /** Sends a dispatch (op 0) to the bot; buffered while it is disconnected, replayed on RESUME. */
  dispatch(type: string, data: unknown): void;
  /** Terminates the current connection without a close frame. */
  drop(): void;
  close(): Promise<void>;
}

const HELLO = 10;
const HEARTBEAT = 1;
const HEARTBEAT_ACK = 11;
const IDENTIFY = 2;
const RESUME = 6;
const DISPATCH = 0;

/** Starts the fake gateway. */
export async function startFakeGateway(options: { heartbeatIntervalMs?: number } = {}): Promise<FakeGateway> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const events: GatewayEvent[] = [];
  const sessionId = `session-${Date.now()}`;
  let sequence = 0;
  // Every dispatch with its sequence number, so a RESUME can replay what the bot missed.
  const sent: { s: number; t: string; d: unknown }[] = [];
  let current: WebSocket | undefined;

  const send = (socket: WebSocket, payload: object) => socket.send(JSON.stringify(payload));

  function dispatch(type: string, data: unknown): void {
    sequence += 1;
    const frame = { op: DISPATCH, t: type, s: sequence, d: data };
    sent.push(frame);
    if (current?.readyState === WebSocket.OPEN) send(current, frame);
  }

  server.on('connection', (socket) => {
    current = socket;
    events.push({ at: Date.now(), kind: 'connect' });
    send(socket, { op: HELLO, d: { heartbeat_interval: options.heartbeatIntervalMs ?? 2000 } });
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (payload.op === HEARTBEAT) {
        events.push({ at: Date.now(), kind: 'heartbeat', data: payload.d });
        send(socket, { op: HEARTBEAT_ACK });
      } else if (payload.op === IDENTIFY) {
        events.push({ at: Date.now(), kind: 'identify', data: payload.d });
        dispatch('READY', {
          v: 10,
          user: BOT_USER,
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: sessionId,
          resume_gateway_url: url,
          shard: [0, 1],
          application: { id: APPLICATION_ID, flags: 0 },
        });
        dispatch('GUILD_CREATE', guildObject());
      } else if (payload.op === RESUME) {
        const d = payload.d as { session_id: string; seq: number };
        events.push({ at: Date.now(), kind: 'resume', data: d });
        for (const frame of sent) if (frame.s > d.seq) send(socket, { op: DISPATCH, ...frame });
        dispatch('RESUMED', {});
      }
    });
  });

  return {
    url,
    events,
    dispatch,
    drop() {
      current?.terminate();
      current = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
