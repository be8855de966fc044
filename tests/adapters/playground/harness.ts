import { createPlaygroundAdapter, type PlaygroundAdapter } from '../../../src/adapters/playground/index.js';
import { type Bot, createBot } from '../../../src/bot/create-bot.js';
import { silentLogger } from '../../../src/bot/logger.js';
import type { TutorServices } from '../../../src/bot/services.js';

/** A started playground on a free loopback port. */
export interface RunningPlayground {
  adapter: PlaygroundAdapter;
  bot: Bot;
  url: string;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Builds a real bot on `services` and starts a playground for it. */
export async function startPlayground(services: Omit<TutorServices, 'catalog'>): Promise<RunningPlayground> {
  const bot = createBot({ services, logger: silentLogger });
  const adapter = createPlaygroundAdapter({ bot, host: '127.0.0.1', port: 0, logger: silentLogger });
  const { url } = await adapter.start();
  return {
    adapter,
    bot,
    url,
    post: (path, body, headers = {}) =>
      fetch(`${url}${path.replace(/^\//, '')}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}

/** A command body for client `client`. */
export const say = (client: string, text: string, channel = 'class') => ({
  client,
  name: `Name ${client.slice(0, 4)}`,
  channel,
  text,
});
