import type { ServerResponse } from 'node:http';
import type { WireEvent, WireMessage, WireProgress } from './web/wire.js';

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
export const MAX_BUFFERED_BYTES = 256 * 1024;
const HISTORY_LENGTH = 60;
const MAX_CHANNELS = 200;
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
  /** Updates a remembered working message's progress. */
  rememberProgress(channel: string, id: string, progress: WireProgress): void;
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

/** Creates an empty hub. */
export function createChannelHub(): ChannelHub {
  const watchers = new Map<string, Set<Watcher>>();
  const histories = new Map<string, WireMessage[]>();

  function historyOf(channel: string): WireMessage[] {
    let history = histories.get(channel);
    if (!history) {
      history = [];
      histories.set(channel, history);
      // Forget the oldest idle channel's history rather than grow without bound.
      for (const name of histories.keys()) {
        if (histories.size <= MAX_CHANNELS) break;
        if (!watchers.get(name)?.size) histories.delete(name);
      }
    }
    return history;
  }

  /** Writes to one stream, or closes it when it has fallen too far behind. */
  function write(watcher: Watcher, text: string): void {
    if (watcher.res.destroyed) return;
    if (watcher.res.writableLength > MAX_BUFFERED_BYTES) watcher.res.destroy();
    else watcher.res.write(text);
  }

  function send(channel: string, event: WireEvent, include: (w: Watcher) => boolean): void {
    const text = frame(event);
    for (const watcher of watchers.get(channel) ?? []) {
      if (include(watcher)) write(watcher, text);
    }
  }

  return {
    subscribe(channel, client, res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      res.write(frame({ type: 'hello', channel, history: [...(histories.get(channel) ?? [])] }));
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
    remember(channel, message) {
      const history = historyOf(channel);
      const index = history.findIndex((m) => m.id === message.id);
      if (index >= 0) history[index] = message;
      else history.push(message);
      if (history.length > HISTORY_LENGTH) history.splice(0, history.length - HISTORY_LENGTH);
    },
    rememberProgress(channel, id, progress) {
      const message = histories.get(channel)?.find((m) => m.id === id);
      if (message?.kind === 'working') message.progress = progress;
    },
    forget(channel, id) {
      const history = histories.get(channel);
      const index = history?.findIndex((m) => m.id === id) ?? -1;
      if (history && index >= 0) history.splice(index, 1);
    },
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
