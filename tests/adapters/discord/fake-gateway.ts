import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { APPLICATION_ID, BOT_USER, GUILD_ID, guildObject } from './fake-objects.js';

/*
 * Discord's gateway, plain JSON over ws on 127.0.0.1: HELLO, IDENTIFY → READY (+ GUILD_CREATE),
 * heartbeats and their ACKs, RESUME → RESUMED with the missed dispatches replayed, and dispatches
 * the tests inject. Every IDENTIFY opens a session of its own on the one shard, and a dispatch
 * goes to every session, as Discord delivers an interaction to each connection of a bot on its
 * shard: two replicas each holding a gateway both receive it. A session ends when its client
 * closes normally; `drop()` cuts connections the way a network failure does (no close frame),
 * leaving their sessions to RESUME.
 */

/** One opcode the fake received, with its time. */
export interface GatewayEvent {
  at: number;
  kind: 'identify' | 'resume' | 'heartbeat' | 'connect' | 'close';
  /** The session the event belongs to, once it has one. */
  session?: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: recorded JSON
  data?: any;
}

/** The gateway side of the fake. */
export interface FakeGateway {
  url: string;
  events: GatewayEvent[];
  /** Sends a dispatch (op 0) to every session; buffered for a disconnected one, replayed on RESUME. */
  dispatch(type: string, data: unknown): void;
  /** Sessions whose connection is open right now. */
  openSessions(): string[];
  /** Terminates every open connection without a close frame. */
  drop(): void;
  close(): Promise<void>;
}

const HELLO = 10;
const HEARTBEAT = 1;
const HEARTBEAT_ACK = 11;
const IDENTIFY = 2;
const RESUME = 6;
const DISPATCH = 0;

/** One session: its sequence, every dispatch it was sent (for RESUME), and its connection if open. */
interface Session {
  id: string;
  sequence: number;
  sent: { s: number; t: string; d: unknown }[];
  socket?: WebSocket | undefined;
}

/** Starts the fake gateway. */
export async function startFakeGateway(options: { heartbeatIntervalMs?: number } = {}): Promise<FakeGateway> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const events: GatewayEvent[] = [];
  const sessions = new Map<string, Session>();
  let count = 0;

  const send = (socket: WebSocket, payload: object) => socket.send(JSON.stringify(payload));

  function dispatchTo(session: Session, type: string, data: unknown): void {
    session.sequence += 1;
    const frame = { op: DISPATCH, t: type, s: session.sequence, d: data };
    session.sent.push(frame);
    if (session.socket?.readyState === WebSocket.OPEN) send(session.socket, frame);
  }

  server.on('connection', (socket) => {
    let session: Session | undefined;
    events.push({ at: Date.now(), kind: 'connect' });
    send(socket, { op: HELLO, d: { heartbeat_interval: options.heartbeatIntervalMs ?? 2000 } });
    socket.on('close', (code) => {
      if (!session) return;
      events.push({ at: Date.now(), kind: 'close', session: session.id, data: { code } });
      if (session.socket === socket) session.socket = undefined;
      // A client that closes normally (1000, 1001) ends its session; a lost connection may resume.
      if (code === 1000 || code === 1001) sessions.delete(session.id);
    });
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (payload.op === HEARTBEAT) {
        events.push({ at: Date.now(), kind: 'heartbeat', session: session?.id, data: payload.d });
        send(socket, { op: HEARTBEAT_ACK });
      } else if (payload.op === IDENTIFY) {
        count += 1;
        session = { id: `session-${Date.now()}-${count}`, sequence: 0, sent: [], socket };
        sessions.set(session.id, session);
        events.push({ at: Date.now(), kind: 'identify', session: session.id, data: payload.d });
        dispatchTo(session, 'READY', {
          v: 10,
          user: BOT_USER,
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: session.id,
          resume_gateway_url: url,
          shard: [0, 1],
          application: { id: APPLICATION_ID, flags: 0 },
        });
        dispatchTo(session, 'GUILD_CREATE', guildObject());
      } else if (payload.op === RESUME) {
        const d = payload.d as { session_id: string; seq: number };
        session = sessions.get(d.session_id);
        events.push({ at: Date.now(), kind: 'resume', session: d.session_id, data: d });
        if (!session) {
          send(socket, { op: 9, d: false });
          return;
        }
        session.socket = socket;
        for (const frame of session.sent) if (frame.s > d.seq) send(socket, { op: DISPATCH, ...frame });
        dispatchTo(session, 'RESUMED', {});
      }
    });
  });

  return {
    url,
    events,
    dispatch(type, data) {
      for (const session of sessions.values()) dispatchTo(session, type, data);
    },
    openSessions: () =>
      [...sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN).map((s) => s.id),
    drop() {
      for (const session of sessions.values()) {
        session.socket?.terminate();
        session.socket = undefined;
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
