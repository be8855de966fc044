import {
  createPlaygroundAdapter,
  type PlaygroundAdapter,
  type PlaygroundOptions,
} from '../../../src/adapters/playground/index.js';
import type { WireSession } from '../../../src/adapters/playground/web/wire.js';
import { type Bot, createBot } from '../../../src/bot/create-bot.js';
import { silentLogger } from '../../../src/bot/logger.js';
import type { TutorServices } from '../../../src/bot/services.js';
import { createTutorServices } from '../../../src/bot/tutor-services.js';
import { createEngine } from '../../../src/engine/index.js';
import { type EventStream, openEvents } from './sse-client.js';

/** One browser as the tests drive it: its session cookie, its public id, its posts and streams. */
export interface Visitor {
  /** The public id others see. */
  id: string;
  /** The Cookie header this browser sends. */
  cookie: string;
  /** A POST with this browser's cookie and the page's own Origin. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Types a command line into a channel. */
  command(text: string, channel?: string): Promise<Response>;
  /** Presses a button. */
  press(buttonId: string, label?: string, channel?: string): Promise<Response>;
  /** Opens this browser's event stream for a channel. */
  events(channel?: string): Promise<EventStream>;
}

/** A started playground on a free loopback port. */
export interface RunningPlayground {
  adapter: PlaygroundAdapter;
  bot: Bot;
  url: string;
  /** A POST as a script would send it: the page's Origin, no cookie unless given in `headers`. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /**
   * A new browser: asks /api/session for a session cookie, as the page does on load. `from` sends
   * every request of it with that X-Forwarded-For (believed only from a trusted proxy).
   */
  visitor(name?: string, from?: string): Promise<Visitor>;
}

/** The Cookie header for the Set-Cookie lines of a response. */
export function cookieFrom(response: Response, previous = ''): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Builds a real bot on `services` and starts a playground for it. */
export async function startPlayground(
  services: Omit<TutorServices, 'catalog'>,
  options: Partial<
    Pick<PlaygroundOptions, 'teacherToken' | 'stopGraceMs' | 'trustedProxies' | 'addressLimits' | 'logger'>
  > = {},
): Promise<RunningPlayground> {
  const bot = createBot({ services, logger: silentLogger });
  const adapter = createPlaygroundAdapter({
    bot,
    host: '127.0.0.1',
    port: 0,
    logger: silentLogger,
    ...options,
  });
  const { url } = await adapter.start();
  const origin = new URL(url).origin;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path.replace(/^\//, '')}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    adapter,
    bot,
    url,
    post,
    async visitor(name = 'Guest', from?: string) {
      const forwarded: Record<string, string> = from === undefined ? {} : { 'X-Forwarded-For': from };
      const response = await fetch(`${url}api/session`, { headers: forwarded });
      if (!response.ok) throw new Error(`no session: ${response.status}`);
      const session = (await response.json()) as WireSession;
      const visitor: Visitor = {
        id: session.id,
        cookie: cookieFrom(response),
        post: (path, body, headers = {}) =>
          post(path, body, { Cookie: visitor.cookie, ...forwarded, ...headers }),
        command: (text, channel = 'class') => visitor.post('/api/command', { name, channel, text }),
        press: (buttonId, label, channel = 'class') =>
          visitor.post('/api/button', { name, channel, buttonId, ...(label ? { label } : {}) }),
        events: (channel = 'class') =>
          openEvents(url, { channel, cookie: visitor.cookie, headers: forwarded }),
      };
      return visitor;
    },
  };
}

/**
 * A playground on the whole real tutor: the engine on one worker thread, the job service, the
 * chart builders. `close` stops the playground, the jobs and the engine, in that order.
 */
export async function startRealPlayground(
  options: Parameters<typeof startPlayground>[1] = {},
): Promise<RunningPlayground & { close(): Promise<void> }> {
  const engine = await createEngine({ workers: 1, backend: 'auto' });
  const { services, jobs } = createTutorServices({
    engine,
    logger: silentLogger,
    charts: { kind: 'local' },
    concurrency: 1,
  });
  const playground = await startPlayground(services, options);
  return {
    ...playground,
    async close() {
      await playground.adapter.stop();
      await jobs.close();
      await engine.close();
    },
  };
}
