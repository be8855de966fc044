import os from 'node:os';
import { createBot } from '../src/bot/create-bot.js';
import { silentLogger } from '../src/bot/logger.js';
import { createTutorServices } from '../src/bot/tutor-services.js';
import type { CommandIo } from '../src/bot/types.js';
import { createEngine, type Engine } from '../src/engine/index.js';
import { type Measurement, median, printTable } from './report.js';

const io: CommandIo = { accept: async () => {}, progress: () => {} };

/** A bot on the engine; drawThreads 0 draws on the event loop, as before the drawing threads. */
function botOn(engine: Engine, drawThreads: number) {
  const workers = os.availableParallelism();
  const { services, jobs, drawing } = createTutorServices({
    engine,
    logger: silentLogger,
    charts: { kind: 'local', threads: drawThreads, cache: { maxEntries: 0 } },
    concurrency: workers,
    jobs: { cache: { maxEntries: 0 } },
  });
  const bot = createBot({ services, logger: silentLogger });
  let request = 0;
  return {
    /** Milliseconds from the command to its rendered reply. */
    async time(command: string, seed: number) {
      const started = performance.now();
      const reply = await bot.handle(
        {
          platform: 'test',
          requestId: `bench-${++request}`,
          user: { id: `u${seed}` },
          conversation: 'bench',
          command,
          options: { kind: 'text', text: `seed:${seed}` },
        },
        io,
      );
      if (reply.images.length === 0) throw new Error(`no charts in the reply: ${reply.headline}`);
      return performance.now() - started;
    },
    close: async () => {
      await jobs.close();
      await drawing.close();
    },
  };
}

/**
 * The end-to-end time from a default `/train` and `/compare` to the rendered reply with its charts
 * (chart rendering alone: charts.ts), drawing on the drawing threads against drawing on the event
 * loop as before them, taking turns (three each), caches off. New seeds each time.
 */
export async function benchBotReply(): Promise<void> {
  const engine = await createEngine({ workers: os.availableParallelism(), backend: 'wasm' });
  const now = botOn(engine, os.availableParallelism());
  const before = botOn(engine, 0);
  let seed = 1000;
  try {
    const turns = async (command: string) => {
      await now.time(command, seed++); // warm-up: kernels, fonts, the drawing threads
      await before.time(command, seed++);
      const times = { now: [] as number[], before: [] as number[] };
      for (let i = 0; i < 3; i++) {
        times.before.push(await before.time(command, seed++));
        times.now.push(await now.time(command, seed++));
      }
      return { now: median(times.now), before: median(times.before) };
    };
    const train = await turns('train');
    const compare = await turns('compare');
    const rows: Measurement[] = [
      {
        name: '/train (defaults) to rendered reply (median of 3)',
        value: train.now,
        unit: 'ms',
        target: 2500,
        note: `drawing on the event loop: ${train.before.toFixed(0)} ms, ${(train.before / train.now).toFixed(2)}x as fast`,
      },
      {
        name: '/compare (defaults) to rendered reply (median of 3)',
        value: compare.now,
        unit: 'ms',
        note: `drawing on the event loop: ${compare.before.toFixed(0)} ms, ${(compare.before / compare.now).toFixed(2)}x as fast`,
      },
    ];
    printTable('bot core, end to end (result cache and drawn images off)', rows);
  } finally {
    await Promise.all([now.close(), before.close()]);
    await engine.close();
  }
}
