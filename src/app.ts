import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Classroom } from './bot/classroom/classroom.js';
import { type Bot, createBot } from './bot/create-bot.js';
import type { JobService } from './bot/jobs/types.js';
import type { Logger } from './bot/logger.js';
import { createTutorServices } from './bot/wire.js';
import type { Config } from './config.js';
import { createEngine, type Engine } from './engine/index.js';
import { openStore, type Store } from './store/index.js';

/** The tutor without any chat connection: engine workers, job service and bot core. */
export interface TutorApp {
  engine: Engine;
  jobs: JobService;
  bot: Bot;
  /** Schedules, quizzes, settings and history; present when the app has a database. */
  classroom?: Classroom;
  /** Refuses new jobs, stops running ones and the engine workers, closes the database. */
  close(): Promise<void>;
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

/**
 * Starts the engine and builds the bot on it; shared by main.ts and the CLI. The database
 * (TUTOR_DB) is opened first, so a corrupt or unwritable file stops start-up before anything runs.
 */
export async function createTutorApp(
  config: Config,
  logger: Logger,
  { withStore = true } = {},
): Promise<TutorApp> {
  const article = await readArticle(config.articlePath);
  const store: Store | undefined = withStore ? openStore(config.databasePath) : undefined;
  const engine = await createEngine({ workers: config.engine.workers, backend: config.engine.backend });
  const { services, jobs, classroom } = createTutorServices({
    engine,
    logger,
    charts: { kind: config.charts.renderer, quickchartUrl: config.charts.quickchartUrl },
    concurrency: config.engine.workers,
    ...(article ? { article } : {}),
    ...(store ? { store } : {}),
  });
  const bot = createBot({ services, logger });
  return {
    engine,
    jobs,
    bot,
    ...(classroom ? { classroom } : {}),
    async close() {
      await classroom?.stop();
      await jobs.close();
      await engine.close();
      store?.close();
    },
  };
}
