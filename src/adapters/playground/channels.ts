import type { ServerResponse } from 'node:http';
import { createChannelHistories } from './channel-history.js';
import type { WireEvent, WireLive, WireMessage, WireProgress } from './web/wire.js';

/*
 * Who is watching which channel, over Server-Sent Events. Public messages go to everyone in the
 * channel and are kept in a short history, so a page opened late (the projector, a reload) shows
 * the recent conversation; private ones go only to the asker's open pages and are never kept.
 *
 * A page that stops reading (a sleeping laptop, a stalled phone, a hostile client) must not make
 * the server hold every event for it: once a stream has more than MAX_BUFFERED_BYTES waiting, it
 * is closed. A real page's EventSource reconnects by itself and gets the history anew (its
 * `hello`), which is the resync.
 */

/** Bytes a stream may have waiting to be sent before it is closed as a slow reader. */
const MAX_BUFFERED_BYTES = 256 * 1024;
const HEARTBEAT_MS = 25_000;

/** A channel's watchers and recent public messages. */
export interface ChannelHub {
  /** Starts streaming to `res`: the history first, then live events. Returns the unsubscribe. */
  subscribe(channel: string, client: string, res: ServerResponse): () => void;
  /** To everyone watching the channel. */
  broadcast(channel: string, event: WireEvent): void;
  /** To one client's pages only. */
  sendTo(channel: string, client: string, event: WireEvent): void;
  /** To everyone but one client. */
  sendExcept(channel: string, client: string, event: WireEvent): void;
  /** Adds a public message to the history, or replaces the one with its id. */
  remember(channel: string, message: WireMessage): void;
  /** Updates a remembered working message's progress and, when given, its partial results. */
  rememberProgress(channel: string, id: string, progress: WireProgress, live?: WireLive): void;
  forget(channel: string, id: string): void;
  /** Open event streams, all channels. */
  readonly watchers: number;
  /** Open event streams of one client, all channels. */
  streamsOf(client: string): number;
  /** Ends every stream (shutdown). */
  closeAll(): void;
}

interface Watcher {
  client: string;
  res: ServerResponse;
}

const frame = (event: WireEvent) => `data: ${JSON.stringify(event)}\n\n`;

/** Writes to one stream, or closes it when it has fallen too far behind. */
function write(watcher: Watcher, text: string): void {
  if (watcher.res.destroyed) return;
  if (watcher.res.writableLength > MAX_BUFFERED_BYTES) watcher.res.destroy();
  else watcher.res.write(text);
}

/** Starts an event stream: reconnect after 2 s, and `hello` with the history first. */
function openStream(res: ServerResponse, hello: WireEvent): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  res.write(frame(hello));
}

/** Creates an empty hub. */
export function createChannelHub(): ChannelHub {
  const watchers = new Map<string, Set<Watcher>>();
  const histories = createChannelHistories((channel) => (watchers.get(channel)?.size ?? 0) > 0);

  function send(channel: string, event: WireEvent, include: (w: Watcher) => boolean): void {
    const text = frame(event);
    for (const watcher of watchers.get(channel) ?? []) {
      if (include(watcher)) write(watcher, text);
    }
  }

  return {
    subscribe(channel, client, res) {
      openStream(res, { type: 'hello', channel, history: histories.of(channel) });
      const watcher: Watcher = { client, res };
      let set = watchers.get(channel);
      if (!set) {
        set = new Set();
        watchers.set(channel, set);
      }
      set.add(watcher);
      // A comment line now and then keeps proxies and idle timeouts from closing the stream.
      const heartbeat = setInterval(() => write(watcher, ': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      return () => {
        clearInterval(heartbeat);
        set.delete(watcher);
        if (set.size === 0) watchers.delete(channel);
      };
    },
    broadcast: (channel, event) => send(channel, event, () => true),
    sendTo: (channel, client, event) => send(channel, event, (w) => w.client === client),
    sendExcept: (channel, client, event) => send(channel, event, (w) => w.client !== client),
    remember: (channel, message) => histories.remember(channel, message),
    rememberProgress: (channel, id, progress, live) =>
      histories.rememberProgress(channel, id, progress, live),
    forget: (channel, id) => histories.forget(channel, id),
    get watchers() {
      let count = 0;
      for (const set of watchers.values()) count += set.size;
      return count;
    },
    streamsOf(client) {
      let count = 0;
      for (const set of watchers.values()) for (const w of set) if (w.client === client) count += 1;
      return count;
    },
    closeAll() {
      for (const set of watchers.values()) for (const w of set) w.res.end();
      watchers.clear();
    },
  };
}
