import type { WireLive, WireMessage, WireProgress } from './web/wire.js';

/*
 * The recent public messages of each channel, so a page opened late (the projector, a reload)
 * shows the conversation. Bounded three ways: a few dozen messages per channel, a couple of
 * hundred channels, and a byte budget over all of them. A reply holds its charts' drawing data
 * (tens of kilobytes each), so the first two bounds alone would let a busy server keep hundreds of
 * megabytes; the budget forgets the least recently used idle channel first, then, when only watched
 * channels are left, the oldest messages of the channel being written to.
 */

const HISTORY_LENGTH = 60;
const MAX_CHANNELS = 200;
/** Bytes of JSON kept over all channels' histories. */
export const HISTORY_BYTES = 48 * 1024 * 1024;

/** Every channel's recent public messages. */
export interface ChannelHistories {
  /** A copy of the channel's history, oldest first. */
  of(channel: string): WireMessage[];
  /** Adds a public message, or replaces the one with its id. */
  remember(channel: string, message: WireMessage): void;
  /** Updates a remembered working message's progress and, when given, its partial results. */
  rememberProgress(channel: string, id: string, progress: WireProgress, live?: WireLive): void;
  forget(channel: string, id: string): void;
  /** Bytes of JSON the histories hold now (what the budget counts). */
  bytes(): number;
}

interface Kept {
  message: WireMessage;
  bytes: number;
}

const sizeOf = (message: WireMessage) => JSON.stringify(message).length;

/**
 * Creates empty histories; `isWatched` keeps a watched channel's history from being evicted.
 * `budget` is the byte budget (HISTORY_BYTES unless a test sets a small one).
 */
export function createChannelHistories(
  isWatched: (channel: string) => boolean,
  budget = HISTORY_BYTES,
): ChannelHistories {
  // Map order is recency of use: a channel written to moves to the end.
  const histories = new Map<string, Kept[]>();
  let total = 0;

  const drop = (history: Kept[], count: number) => {
    for (const kept of history.splice(0, count)) total -= kept.bytes;
  };

  function touch(channel: string): Kept[] {
    const history = histories.get(channel) ?? [];
    histories.delete(channel);
    histories.set(channel, history);
    return history;
  }

  // Forget idle channels, least recently used first, while over either bound; then trim `current`.
  function evict(current: string) {
    for (const [name, history] of histories) {
      if (histories.size <= MAX_CHANNELS && total <= budget) return;
      if (name === current || isWatched(name)) continue;
      drop(history, history.length);
      histories.delete(name);
    }
    const history = histories.get(current);
    // Keep at least the newest message, so the one just written is always shown.
    while (history && total > budget && history.length > 1) drop(history, 1);
  }

  return {
    of: (channel) => (histories.get(channel) ?? []).map((kept) => kept.message),
    remember(channel, message) {
      const history = touch(channel);
      const kept = { message, bytes: sizeOf(message) };
      const index = history.findIndex((k) => k.message.id === message.id);
      if (index >= 0) {
        total -= history[index]!.bytes;
        history[index] = kept;
      } else history.push(kept);
      total += kept.bytes;
      if (history.length > HISTORY_LENGTH) drop(history, history.length - HISTORY_LENGTH);
      evict(channel);
    },
    rememberProgress(channel, id, progress, live) {
      const kept = histories.get(channel)?.find((k) => k.message.id === id);
      if (kept?.message.kind !== 'working') return;
      kept.message.progress = progress;
      if (live) kept.message.live = live;
      const bytes = sizeOf(kept.message);
      total += bytes - kept.bytes;
      kept.bytes = bytes;
      evict(channel);
    },
    forget(channel, id) {
      const history = histories.get(channel);
      const index = history?.findIndex((k) => k.message.id === id) ?? -1;
      if (history && index >= 0) {
        total -= history[index]!.bytes;
        history.splice(index, 1);
      }
    },
    bytes: () => total,
  };
}
