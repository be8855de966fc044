import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Bot, createBot } from './bot/create-bot.js';
import type { JobService } from './bot/jobs/types.js';
import type { Logger } from './bot/logger.js';
import { createTutorServices } from './bot/wire.js';
import type { Config } from './config.js';
import { createEngine, type Engine } from './engine/index.js';

/** The tutor without any chat connection: engine workers, job service and bot core. */
export interface TutorApp {
  engine: Engine;
  jobs: JobService;
  bot: Bot;
  /** Refuses new jobs, stops running ones and the engine workers. */
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

/** Starts the engine and builds the bot on it; shared by main.ts and the CLI. */
export async function createTutorApp(config: Config, logger: Logger): Promise<TutorApp> {
  const article = await readArticle(config.articlePath);
  const engine = await createEngine({ workers: config.engine.workers, backend: config.engine.backend });
  const { services, jobs } = createTutorServices({
    engine,
    logger,
    charts: { kind: config.charts.renderer, quickchartUrl: config.charts.quickchartUrl },
    concurrency: config.engine.workers,
    ...(article ? { article } : {}),
  });
  const bot = createBot({ services, logger });
  return {
    engine,
    jobs,
    bot,
    async close() {
      await jobs.close();
      await engine.close();
    },
  };
}
