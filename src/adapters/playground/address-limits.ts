/*
 * Caps counted per client address (see client-address.ts), on top of the caps per browser. A whole
 * class behind one NAT address is the normal case, so every cap here is sized for about 30 students
 * sharing one address; what they stop is one machine minting cookies to take everything.
 */

/** The caps per address. */
export interface AddressLimits {
  /** Open event streams. 30 students with a tab or three each, plus a projector. */
  streams: number;
  /**
   * Requests in flight (a queued or running experiment stays in flight until its answer). Below the
   * job queue's 20 waiting places, so one address cannot fill the line for the rest of the school;
   * 30 students rarely wait at the same instant, since a default run takes about 1.5 s.
   */
  inFlight: number;
  /** New sessions (cookies) issued per minute: a class opening the page at once, with room for reloads. */
  newSessionsPerMinute: number;
}

/** The defaults, for a class of about 30 behind one address. */
export const DEFAULT_ADDRESS_LIMITS: AddressLimits = { streams: 100, inFlight: 16, newSessionsPerMinute: 60 };

/** Things one address holds open (streams, requests), counted against a cap. */
export interface Holds {
  /** Takes one for `address`; undefined when it holds `limit` already. The release may be called twice. */
  take(address: string): (() => void) | undefined;
  count(address: string): number;
}

/** Creates a counter of held things per address with a cap of `limit`. */
export function createHolds(limit: number): Holds {
  const held = new Map<string, number>();
  return {
    take(address) {
      const now = held.get(address) ?? 0;
      if (now >= limit) return undefined;
      held.set(address, now + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (held.get(address) ?? 1) - 1;
        // Entries at zero are dropped, so the map only ever holds addresses with something open.
        if (left > 0) held.set(address, left);
        else held.delete(address);
      };
    },
    count: (address) => held.get(address) ?? 0,
  };
}

/** A fixed-window rate: at most `limit` events per address per window. */
export interface RateWindow {
  /** Counts one event; false (and not counted) when the address used its window up. */
  allow(address: string): boolean;
  /** Seconds until `address` may try again (at least 1). */
  retryAfterS(address: string): number;
}

/** Addresses remembered at most; past it the oldest windows are forgotten (they would reset soon anyway). */
const MAX_REMEMBERED = 10_000;

/** Creates a rate window of `limit` events per `windowMs`. */
export function createRateWindow(limit: number, windowMs: number, now: () => number = Date.now): RateWindow {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (address: string) => {
    const time = now();
    const window = windows.get(address);
    if (window && time - window.start < windowMs) return window;
    windows.delete(address);
    if (windows.size >= MAX_REMEMBERED) {
      const oldest = windows.keys().next().value;
      if (oldest !== undefined) windows.delete(oldest);
    }
    const fresh = { start: time, count: 0 };
    windows.set(address, fresh);
    return fresh;
  };
  return {
    allow(address) {
      const window = current(address);
      if (window.count >= limit) return false;
      window.count += 1;
      return true;
    },
    retryAfterS(address) {
      const window = current(address);
      return Math.max(1, Math.ceil((window.start + windowMs - now()) / 1000));
    },
  };
}

/** How failures of one key (a session, an address) push back its next attempt. */
export interface BackoffRule {
  /** Failures allowed before any wait: a teacher mistyping, a class's few wrong guesses. */
  free: number;
  /** The first wait; each further failure doubles it. */
  baseMs: number;
  /** The longest wait. */
  maxMs: number;
  /** Failures are forgotten after this long without one. */
  forgetMs: number;
}

/** Exponential backoff per key after failures. */
export interface Backoff {
  /** Milliseconds `key` must still wait before its next attempt is even looked at; 0 when free. */
  waitMs(key: string): number;
  /** Records a failure; returns the wait it now has. */
  fail(key: string): number;
  /** Forgets `key`'s failures (a success). */
  clear(key: string): void;
}

/** Creates a backoff by `rule`. */
export function createBackoff(rule: BackoffRule, now: () => number = Date.now): Backoff {
  const failures = new Map<string, { count: number; last: number; until: number }>();
  const entry = (key: string) => {
    const found = failures.get(key);
    if (found && now() - found.last > rule.forgetMs) {
      failures.delete(key);
      return undefined;
    }
    return found;
  };
  return {
    waitMs: (key) => Math.max(0, (entry(key)?.until ?? 0) - now()),
    fail(key) {
      const time = now();
      const count = (entry(key)?.count ?? 0) + 1;
      const over = count - rule.free;
      const wait = over <= 0 ? 0 : Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(over - 1, 30));
      failures.delete(key);
      if (failures.size >= MAX_REMEMBERED) {
        const oldest = failures.keys().next().value;
        if (oldest !== undefined) failures.delete(oldest);
      }
      failures.set(key, { count, last: time, until: time + wait });
      return wait;
    },
    clear: (key) => void failures.delete(key),
  };
}
