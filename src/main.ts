import { createDiscordAdapter } from './adapters/discord/index.js';
import { createPlaygroundAdapter } from './adapters/playground/index.js';
import { createSlackAdapter } from './adapters/slack/index.js';
import { createTutorApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createRootLogger } from './logging.js';

/*
 * The only place that wires the tutor together: configuration, the root logger, the engine and
 * bot (createTutorApp), and every adapter whose settings are present. With no chat token the
 * playground alone runs.
 */

const SHUTDOWN_LIMIT_MS = 15_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createRootLogger(config);
  const app = await createTutorApp(config, logger);
  logger.info({ backend: app.engine.backend, workers: config.engine.workers }, 'engine ready');

  const stops: (() => Promise<void>)[] = [];
  if (config.playground.enabled) {
    const playground = createPlaygroundAdapter({
      bot: app.bot,
      host: config.playground.host,
      port: config.playground.port,
      logger,
    });
    const { url } = await playground.start();
    stops.push(() => playground.stop());
    logger.info({ url }, 'playground ready');
    process.stdout.write(`\ndepth-tutor playground: ${url}\n\n`);
  }

  if (config.discord) {
    const discord = createDiscordAdapter({ bot: app.bot, logger, ...config.discord });
    await discord.start();
    stops.push(() => discord.stop());
    logger.info({ guild: config.discord.guildId ?? 'global' }, 'discord ready');
  }

  if (config.slack) {
    const slack = createSlackAdapter({ bot: app.bot, logger, ...config.slack });
    await slack.start();
    stops.push(() => slack.stop());
    logger.info({ mode: slack.mode }, 'slack ready');
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error({ limitMs: SHUTDOWN_LIMIT_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    force.unref();
    // Adapters first (stop taking commands, answer what is in flight), then jobs and engine.
    await Promise.allSettled(stops.map((stop) => stop()));
    await app.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`depth-tutor could not start: ${message}\n`);
  process.exit(1);
});
