import { createDiscordAdapter } from './adapters/discord/index.js';
import { createPlaygroundAdapter } from './adapters/playground/index.js';
import { createSlackAdapter } from './adapters/slack/index.js';
import type { TeachersOf } from './adapters/types.js';
import { createTutorApp, type TutorApp } from './app.js';
import { commandRunner } from './bot/classroom/run-command.js';
import type { Logger } from './bot/logger.js';
import type { Platform, Reply } from './bot/types.js';
import { type Config, loadConfig } from './config.js';
import { stdoutLogDestination } from './log-format.js';
import { createRootLogger } from './logging.js';
import { createOpsServer } from './ops/ops-server.js';

/*
 * The only place that wires the tutor together: configuration, the root logger, the app (database,
 * engine, bot), every adapter whose settings are present, and the classroom's way out through
 * them. With no chat token the playground alone runs.
 */

const SHUTDOWN_LIMIT_MS = 15_000;

/** A started adapter, as main needs it: posting for the classroom, and stopping. */
interface Running {
  post(conversation: string, reply: Reply): Promise<void>;
  stop(): Promise<void>;
  /** Connected to its platform (the playground, a local server, is ready once listening). */
  isReady?(): boolean;
}

/** The teachers a server's /settings name, for an adapter's teacher verdict. */
function teachers(app: TutorApp, platform: Platform): { teachersOf?: TeachersOf } {
  const classroom = app.classroom;
  return classroom ? { teachersOf: (server) => classroom.teachersOf(platform, server) } : {};
}

async function startAdapters(config: Config, app: TutorApp, logger: Logger): Promise<Map<Platform, Running>> {
  const running = new Map<Platform, Running>();
  if (config.playground.enabled) {
    const { host, port } = config.playground;
    const playground = createPlaygroundAdapter({ bot: app.bot, host, port, logger });
    const { url } = await playground.start();
    running.set('playground', playground);
    logger.info({ url }, 'playground ready');
    process.stdout.write(`\ndepth-tutor playground: ${url}\n\n`);
  }
  if (config.discord) {
    const discord = createDiscordAdapter({
      bot: app.bot,
      logger,
      ...config.discord,
      ...teachers(app, 'discord'),
    });
    await discord.start();
    running.set('discord', discord);
    logger.info({ guild: config.discord.guildId ?? 'global' }, 'discord ready');
  }
  if (config.slack) {
    const slack = createSlackAdapter({ bot: app.bot, logger, ...config.slack, ...teachers(app, 'slack') });
    await slack.start();
    running.set('slack', slack);
    logger.info({ mode: slack.mode }, 'slack ready');
  }
  return running;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createRootLogger(config, stdoutLogDestination(config));
  const app = await createTutorApp(config, logger);
  logger.info(
    app.engine
      ? { backend: app.engine.backend, workers: config.engine.workers, db: config.databasePath }
      : { queue: 'redis', db: config.databasePath },
    app.engine ? 'engine ready' : 'training runs on queue workers (npm run worker)',
  );
  const adapters = await startAdapters(config, app, logger);
  const ops = createOpsServer({
    ...config.ops,
    checks: {
      adapters: () => [...adapters.values()].every((adapter) => adapter.isReady?.() ?? true),
      queue: () => app.queue?.ping() ?? true,
    },
    metrics: app.metrics,
  });
  // A busy ops port (another service on 9090, say) must not keep a teacher's bot from starting.
  const opsStarted = await ops.start().then(
    ({ url }) => {
      logger.info({ url }, 'health, readiness and metrics ready');
      return true;
    },
    (error: unknown) => {
      logger.error(
        { err: error, port: config.ops.port },
        'ops port unavailable: health, readiness and metrics are off (set OPS_PORT)',
      );
      return false;
    },
  );

  const adapterFor = (platform: Platform): Running => {
    const adapter = adapters.get(platform);
    if (!adapter) throw new Error(`no ${platform} connection is running to post to`);
    return adapter;
  };
  app.classroom?.start({
    post: (target, reply) => adapterFor(target.platform).post(target.conversation, reply),
    // A private word in the schedule's channel, addressed to its owner (both chat platforms
    // write a mention as <@id>; the playground has no mentions).
    notifyOwner: (target, reply) => {
      const mention =
        target.platform === 'discord' || target.platform === 'slack' ? `<@${target.user}> ` : '';
      return adapterFor(target.platform).post(target.conversation, {
        ...reply,
        headline: `${mention}${reply.headline}`,
      });
    },
    runCommand: commandRunner(app.bot),
  });

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
    // Readiness goes red first, so load balancers stop sending work; then the adapters stop taking
    // commands and answer what is in flight; then jobs, engine (or queue) and database.
    ops.setDraining();
    await Promise.allSettled([...adapters.values()].map((adapter) => adapter.stop()));
    await app.close();
    if (opsStarted) await ops.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `depth-tutor could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
