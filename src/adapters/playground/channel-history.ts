import type { WireLive, WireMessage, WireProgress } from './web/wire.js';

/*
 * The recent public messages of each channel, so a page opened late (the projector, a reload)
 * shows the conversation. Bounded twice: a few dozen messages per channel, and a couple of
 * hundred channels, the oldest unwatched one forgotten first.
 */

const HISTORY_LENGTH = 60;
const MAX_CHANNELS = 200;

/** Every channel's recent public messages. */
export interface ChannelHistories {
  /** A copy of the channel's history, oldest first. */
  of(channel: string): WireMessage[];
  /** Adds a public message, or replaces the one with its id. */
  remember(channel: string, message: WireMessage): void;
  /** Updates a remembered working message's progress and, when given, its partial results. */
  rememberProgress(channel: string, id: string, progress: WireProgress, live?: WireLive): void;
  forget(channel: string, id: string): void;
}

/** Creates empty histories; `isWatched` keeps a watched channel's history from being evicted. */
export function createChannelHistories(isWatched: (channel: string) => boolean): ChannelHistories {
  const histories = new Map<string, WireMessage[]>();

  function historyOf(channel: string): WireMessage[] {
    let history = histories.get(channel);
    if (!history) {
      history = [];
      histories.set(channel, history);
      // Forget the oldest idle channel's history rather than grow without bound.
      for (const name of histories.keys()) {
        if (histories.size <= MAX_CHANNELS) break;
        if (!isWatched(name)) histories.delete(name);
      }
    }
    return history;
  }

  return {
    of: (channel) => [...(histories.get(channel) ?? [])],
    remember(channel, message) {
      const history = historyOf(channel);
      const index = history.findIndex((m) => m.id === message.id);
      if (index >= 0) history[index] = message;
      else history.push(message);
      if (history.length > HISTORY_LENGTH) history.splice(0, history.length - HISTORY_LENGTH);
    },
    rememberProgress(channel, id, progress, live) {
      const message = histories.get(channel)?.find((m) => m.id === id);
      if (message?.kind !== 'working') return;
      message.progress = progress;
      if (live) message.live = live;
    },
    forget(channel, id) {
      const history = histories.get(channel);
      const index = history?.findIndex((m) => m.id === id) ?? -1;
      if (history && index >= 0) history.splice(index, 1);
    },
  };
}
