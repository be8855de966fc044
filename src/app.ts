import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Classroom } from './bot/classroom/classroom.js';
import { type Bot, createBot } from './bot/create-bot.js';
import type { JobPort } from './bot/jobs/types.js';
import type { Logger } from './bot/logger.js';
import { createTutorServices } from './bot/tutor-services.js';
import type { Config } from './config.js';
import { createEngine, type Engine } from './engine/index.js';
import { createJobMetrics, type JobMetrics } from './ops/metrics.js';
import { withJobMetrics } from './ops/with-metrics.js';
import { createFireOnceLock } from './queue/replica/fire-once.js';
import { createQueueJobService, type QueueJobService } from './queue/replica/service.js';
import { openStore, type Store } from './store/index.js';

/** The tutor without any chat connection: engine workers (or the Redis queue), job service, bot core. */
export interface TutorApp {
  /** The in-process engine; absent when REDIS_URL puts training on queue workers. */
  engine?: Engine;
  /** The Redis queue, when REDIS_URL is set. */
  queue?: QueueJobService;
  jobs: JobPort;
  bot: Bot;
  metrics: JobMetrics;
  /** Schedules, quizzes, settings and history; present when the app has a database. */
  classroom?: Classroom;
  /**
   * Refuses new jobs, stops running ones and the engine workers, closes the database. With the
   * queue, first waits up to `queueDrainMs` (default 10 s) for this replica's jobs on it.
   */
  close(queueDrainMs?: number): Promise<void>;
}

async function readArticle(
  file: string | undefined,
): Promise<{ markdown: string; name: string } | undefined> {
  if (!file) return undefined;
  try {
    return { markdown: await readFile(file, 'utf8'), name: path.basename(file, path.extname(file)) };
  } catch (error) {
    throw new Error(`TUTOR_ARTICLE=${file} cannot be read: ${(error as Error).message}`);
  }
}

/** The Redis queue; an unreachable Redis is not fatal: experiments are refused until it answers. */
async function connectQueue(
  config: Config,
  logger: Logger,
  waitMs: number,
): Promise<QueueJobService | undefined> {
  if (!config.redisUrl) return undefined;
  const queue = createQueueJobService({
    redisUrl: config.redisUrl,
    ...(config.engine.backend !== 'auto' && { backendHint: config.engine.backend }),
    onError: (error, context) => logger.warn({ err: error, context }, 'training queue trouble'),
    onHookError: (error, hook) => logger.warn({ err: error, hook }, 'job hook failed'),
  });
  await queue.ready(waitMs).catch((error: unknown) => {
    logger.warn({ err: error }, 'Redis is not reachable yet; experiments are refused until it is');
  });
  return queue;
}

/**
 * Builds the tutor; shared by main.ts and the CLI. The database (TUTOR_DB) is opened first, so a
 * corrupt or unwritable file stops start-up before anything runs. With REDIS_URL, training runs
 * on `npm run worker` processes and this process starts no engine.
 */
export async function createTutorApp(
  config: Config,
  logger: Logger,
  { withStore = true, queueWaitMs = 5000 } = {},
): Promise<TutorApp> {
  const article = await readArticle(config.articlePath);
  const store: Store | undefined = withStore ? openStore(config.databasePath) : undefined;
  const queue = await connectQueue(config, logger, queueWaitMs);
  // Several bot replicas share the queue: a Redis claim makes each scheduled post once.
  const fireOnce = config.redisUrl ? createFireOnceLock({ redisUrl: config.redisUrl }) : undefined;
  const engine = queue
    ? undefined
    : await createEngine({ workers: config.engine.workers, backend: config.engine.backend });
  let metrics: JobMetrics | undefined;
  const { services, jobs, classroom, drawing } = createTutorServices({
    ...(queue ? { queue: { jobs: queue, backend: () => queue.backend() } } : {}),
    ...(engine ? { engine } : {}),
    // Metrics observe whichever job service runs, without either one knowing about them.
    wrapJobs: (inner) => {
      metrics = createJobMetrics(() => inner.snapshot());
      return withJobMetrics(inner, metrics);
    },
    logger,
    charts: { kind: config.charts.renderer, quickchartUrl: config.charts.quickchartUrl },
    concurrency: config.engine.workers,
    ...(article ? { article } : {}),
    ...(store ? { store } : {}),
    ...(fireOnce ? { classroom: { fireOnce } } : {}),
  });
  const bot = createBot({ services, logger });
  let closing: Promise<void> | undefined;
  return {
    ...(engine ? { engine } : {}),
    ...(queue ? { queue } : {}),
    jobs,
    bot,
    metrics: metrics!,
    ...(classroom ? { classroom } : {}),
    close(queueDrainMs = 10_000) {
      // One closing, however many callers (the CLI's Ctrl-C and its exit path both close): a
      // second caller waits for the same end, cancels sent included, instead of returning early.
      closing ??= (async () => {
        await classroom?.stop();
        await queue?.drain(queueDrainMs);
        await jobs.close();
        await drawing.close();
        await engine?.close();
        await fireOnce?.close();
        store?.close();
      })();
      return closing;
    },
  };
}
