import type { WireEvent, WireMessage } from '../../../src/adapters/playground/web/wire.js';

/*
 * A minimal Server-Sent Events reader for the HTTP tests: collects every event of one stream and
 * waits for the one a test expects.
 */

/** One open event stream. */
export interface EventStream {
  readonly events: WireEvent[];
  /** Resolves with the first event (already seen or still to come) that matches. */
  waitFor(match: (event: WireEvent) => boolean, timeoutMs?: number): Promise<WireEvent>;
  close(): void;
}

/** Opens `/api/events` for a channel, with a browser's cookie; `query` adds to the URL's query. */
export async function openEvents(
  baseUrl: string,
  options: { channel?: string; cookie?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<EventStream> {
  const abort = new AbortController();
  const query = `channel=${options.channel ?? 'class'}${options.query ? `&${options.query}` : ''}`;
  const response = await fetch(`${baseUrl}api/events?${query}`, {
    signal: abort.signal,
    headers: { ...options.headers, ...(options.cookie ? { Cookie: options.cookie } : {}) },
  });
  if (!response.ok || !response.body) throw new Error(`event stream refused: ${response.status}`);
  const events: WireEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of frame.split('\n')) {
            if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as WireEvent);
          }
          end = buffer.indexOf('\n\n');
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // Closed by the test or the server.
    }
  })();
  return {
    events,
    waitFor(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no matching event in ${timeoutMs} ms; saw ${JSON.stringify(events).slice(0, 800)}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}

/** The message an event carries, if it carries one. */
export const messageOf = (event: WireEvent): WireMessage | undefined =>
  event.type === 'message' ? event.message : undefined;

/** Matches events carrying a message that passes `match`. */
export const isMessage = (match: (m: WireMessage) => boolean) => (event: WireEvent) => {
  const message = messageOf(event);
  return message !== undefined && match(message);
};
