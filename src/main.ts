import { classroomPorts } from './adapters/classroom-ports.js';
import { createDiscordAdapter } from './adapters/discord/index.js';
import { createPlaygroundAdapter } from './adapters/playground/index.js';
import { createSlackAdapter } from './adapters/slack/index.js';
import type { Adapter, TeachersOf } from './adapters/types.js';
import { createTutorApp, type TutorApp } from './app.js';
import type { Logger } from './bot/logger.js';
import type { Platform } from './bot/types.js';
import { type Config, loadConfig } from './config.js';
import { stdoutLogDestination } from './log-format.js';
import { createRootLogger, fatalText } from './logging.js';
import { createOpsServer } from './ops/ops-server.js';
import { createDiscordClaims, type DiscordClaims } from './queue/replica/discord-claims.js';

/*
 * The only place that wires the tutor together: configuration, the root logger, the app (database,
 * engine, bot), every adapter whose settings are present, and the classroom's way out through
 * them. With no chat token the playground alone runs.
 */

const SHUTDOWN_LIMIT_MS = 15_000;
/** Kept for closing the engine, Redis and the database after the queue's wait. */
const CLOSE_MARGIN_MS = 3000;

/** The teachers a server's /settings name, for an adapter's teacher verdict. */
function teachers(app: TutorApp, platform: Platform): { teachersOf?: TeachersOf } {
  const classroom = app.classroom;
  return classroom ? { teachersOf: (server) => classroom.teachersOf(platform, server) } : {};
}

/**
 * With several replicas on one Redis: the gateway lease (one gateway at a time) or, in HTTP mode,
 * the shared memory of requests seen (a replay to another replica is refused).
 */
function discordReplicas(config: Config, claims: DiscordClaims | undefined) {
  if (!claims) return {};
  return config.discord?.interactions
    ? { interactions: { ...config.discord.interactions, replays: claims.replays } }
    : { gatewayLease: claims.lease };
}

/** Every adapter whose settings are present, not yet started. */
function configuredAdapters(
  config: Config,
  app: TutorApp,
  logger: Logger,
  claims: DiscordClaims | undefined,
): Adapter[] {
  const adapters: Adapter[] = [];
  const { bot, classroom } = app;
  if (config.playground.enabled) {
    const { host, port, teacherToken, trustedProxies } = config.playground;
    adapters.push(createPlaygroundAdapter({ bot, host, port, teacherToken, trustedProxies, logger }));
  }
  if (config.discord) {
    adapters.push(
      createDiscordAdapter({
        bot,
        logger,
        ...config.discord,
        ...discordReplicas(config, claims),
        ...teachers(app, 'discord'),
      }),
    );
  }
  if (config.slack) {
    // The App Home lists the runs /history shows.
    const history = classroom && {
      recentRuns: (user: string, limit: number) => classroom.recentRuns('slack', user, limit),
    };
    adapters.push(
      createSlackAdapter({ bot, logger, ...config.slack, ...teachers(app, 'slack'), ...history }),
    );
  }
  return adapters;
}

async function startAdapters(
  config: Config,
  app: TutorApp,
  logger: Logger,
  claims: DiscordClaims | undefined,
): Promise<Map<Platform, Adapter>> {
  const running = new Map<Platform, Adapter>();
  for (const adapter of configuredAdapters(config, app, logger, claims)) {
    const { url } = await adapter.start();
    running.set(adapter.platform, adapter);
    const role = adapter.role?.();
    logger.info({ ...(url ? { url } : {}), ...(role ? { role } : {}) }, `${adapter.platform} ready`);
    // The banner is for the person at the terminal; stdout is the log stream, and with JSON logs
    // a collector reads it line by line, so a line of prose there would break it.
    if (url) process.stderr.write(`\ndepth-tutor ${adapter.platform}: ${url}\n\n`);
  }
  return running;
}

/** Health, readiness and metrics; a busy ops port is logged, not fatal. */
async function startOps(config: Config, app: TutorApp, adapters: Map<Platform, Adapter>, logger: Logger) {
  const server = createOpsServer({
    ...config.ops,
    checks: {
      adapters: () => [...adapters.values()].every((adapter) => adapter.isReady()),
      queue: () => app.queue?.ping() ?? true,
    },
    metrics: app.metrics,
    roles: () => {
      const roles: Record<string, string> = {};
      for (const [platform, adapter] of adapters) {
        const role = adapter.role?.();
        if (role) roles[platform] = role;
      }
      return roles;
    },
  });
  // A busy ops port (another service on 9090, say) must not keep a teacher's bot from starting.
  const started = await server.start().then(
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
  return { server, started };
}

/** Starts the tutor on every platform configured (the playground when no token is set), then its ops server. */
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
  // Only a Discord bot with replicas needs them; they share the queue's Redis.
  const claims =
    config.discord && config.redisUrl
      ? createDiscordClaims({
          redisUrl: config.redisUrl,
          onError: (error) => logger.warn({ err: error }, 'Discord replica coordination: Redis trouble'),
        })
      : undefined;
  const adapters = await startAdapters(config, app, logger, claims);
  const ops = await startOps(config, app, adapters, logger);
  app.classroom?.start(classroomPorts(app.bot, adapters));

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
    ops.server.setDraining();
    const started = Date.now();
    await Promise.allSettled([...adapters.values()].map((adapter) => adapter.stop()));
    await claims?.close();
    // The queue's wait gets what is left of the limit, less time to close the rest; every request
    // still unanswered has had its restart note from the adapters by now.
    await app.close(Math.max(0, SHUTDOWN_LIMIT_MS - CLOSE_MARGIN_MS - (Date.now() - started)));
    if (ops.started) await ops.server.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(fatalText(`depth-tutor could not start: ${message}\n`));
  process.exit(1);
});
