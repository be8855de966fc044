import type { Logger } from 'pino';
import { type Config, ConfigError, loadConfig } from './config.js';
import { deviceFacts, deviceOf } from './engine/device.js';
import { createEngine, type Engine } from './engine/index.js';
import { stdoutLogDestination } from './log-format.js';
import { createRootLogger, fatalText } from './logging.js';
import { createWorkerMetrics, type WorkerMetrics } from './ops/metrics.js';
import { createOpsServer, type OpsServer } from './ops/ops-server.js';
import { maskRedisUrl } from './queue/redis/client.js';
import { parseWorkerArgs, WORKER_USAGE, type WorkerArgs } from './queue/worker/args.js';
import { createQueueWorker, type QueueWorker, type QueueWorkerOptions } from './queue/worker/worker.js';

/*
 * `npm run worker`: takes experiment jobs from the Redis queue (REDIS_URL) and runs them on this
 * machine's engine (TUTOR_BACKEND, TUTOR_WORKERS threads). Run as many as you like, anywhere that
 * reaches the Redis. SIGTERM drains: no new jobs, running ones get --drain-ms to finish, the rest
 * go back to the queue for another worker, and the process exits within a bounded time.
 */

/** Extra time, past the drain, for closing connections before the process gives up waiting. */
const EXIT_MARGIN_MS = 10_000;

/** A start-up problem the user can fix; its message is printed as is, without a stack. */
class StartError extends Error {}

/** What the worker is started with: its flags, the configuration and the queue's Redis. */
interface WorkerSettings {
  args: WorkerArgs;
  config: Config;
  redisUrl: string;
}

/** The parts a running worker shuts down, in this order. */
interface RunningWorker {
  worker: QueueWorker;
  engine: Engine;
  ops: OpsServer;
}

/** Flags, then the environment; a worker without REDIS_URL has nowhere to take jobs from. */
function readSettings(argv: readonly string[]): WorkerSettings {
  let args: WorkerArgs;
  try {
    args = parseWorkerArgs(argv);
  } catch (error) {
    throw new StartError(`${(error as Error).message}\n${WORKER_USAGE}`);
  }
  const config = loadConfig();
  const { redisUrl } = config;
  if (!redisUrl) {
    throw new StartError(
      'REDIS_URL is not set: a worker takes its jobs from a Redis queue (e.g. REDIS_URL=redis://127.0.0.1:6379).',
    );
  }
  return { args, config, redisUrl };
}

/** The root logger; config's secrets include the Redis password inside REDIS_URL. */
function workerLogger({ config }: WorkerSettings): Logger {
  return createRootLogger(
    { logLevel: config.logLevel, secrets: config.secrets },
    stdoutLogDestination(config),
  ).child({ role: 'worker' });
}

/** Logs each job's start, cancel and end, and counts the ends in the metrics. */
function jobEventLog(logger: Logger, metrics: WorkerMetrics): NonNullable<QueueWorkerOptions['observe']> {
  return (event) => {
    if (event.kind === 'started') return logger.info(event, 'job started');
    if (event.kind === 'cancel') return event.runningHere ? logger.info(event, 'job cancelled') : undefined;
    metrics.jobEnded(event.status, event.ms);
    if (event.status === 'failed') logger.error(event, 'job failed');
    else if (event.status === 'retry') logger.warn(event, 'job failed; it will be retried');
    else logger.info(event, 'job finished');
  };
}

/** The engine, the queue worker on it and the ops server watching both, started in that order. */
async function startWorker(
  { args, config, redisUrl }: WorkerSettings,
  logger: Logger,
): Promise<RunningWorker> {
  const engine = await createEngine({ workers: config.engine.workers, backend: config.engine.backend });
  const device = deviceOf(deviceFacts(engine.backend));
  logger.info({ backend: engine.backend, device, threads: config.engine.workers }, 'engine ready');
  // The metrics exist before the worker they count, so the gauge reads it through this late binding.
  let activeJobs = () => 0;
  const metrics = createWorkerMetrics(() => activeJobs(), { backend: engine.backend, device });
  const worker = createQueueWorker({
    redisUrl,
    engine,
    concurrency: config.engine.workers,
    device,
    lockDurationMs: args.lockMs,
    stalledIntervalMs: args.stalledMs,
    testFaults: args.testFaults,
    observe: jobEventLog(logger, metrics),
    onError: (error, context) => logger.warn({ err: error, context }, 'queue trouble'),
  });
  activeJobs = () => worker.active();
  const ops = createOpsServer({
    port: args.opsPort,
    host: args.opsHost,
    checks: {
      queue: () => worker.ping(),
      engine: async () => (await engine.stats()).length > 0,
    },
    metrics,
  });
  const { url: opsUrl } = await ops.start();
  try {
    await worker.ready();
  } catch (error) {
    // BullMQ keeps reconnecting; the worker takes jobs as soon as Redis answers.
    logger.warn({ err: error, redis: maskRedisUrl(redisUrl) }, 'Redis is not reachable yet; still trying');
  }
  logger.info(
    { id: worker.id, redis: maskRedisUrl(redisUrl), ops: opsUrl, concurrency: config.engine.workers },
    'worker ready',
  );
  return { worker, engine, ops };
}

/**
 * On SIGINT or SIGTERM: readiness goes false, running jobs get the drain time, then the engine and
 * the ops server close. A timer bounds the whole, so a hung close cannot keep the process alive.
 */
function drainOnSignals({ worker, engine, ops }: RunningWorker, { drainMs }: WorkerArgs, logger: Logger) {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ops.setDraining();
    logger.info({ signal, running: worker.active(), drainMs }, 'draining');
    const force = setTimeout(() => {
      logger.error({ limitMs: drainMs + EXIT_MARGIN_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, drainMs + EXIT_MARGIN_MS);
    force.unref();
    await worker.close(drainMs);
    await engine.close();
    await ops.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2));
  const logger = workerLogger(settings);
  const running = await startWorker(settings, logger);
  drainOnSignals(running, settings.args, logger);
}

main().catch((error: unknown) => {
  const message = error instanceof StartError || error instanceof ConfigError ? error.message : String(error);
  process.stderr.write(fatalText(`depth-tutor worker could not start: ${message}\n`));
  process.exit(1);
});
