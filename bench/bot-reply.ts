import os from 'node:os';
import { createBot } from '../src/bot/create-bot.js';
import { silentLogger } from '../src/bot/logger.js';
import { createTutorServices } from '../src/bot/tutor-services.js';
import type { CommandIo } from '../src/bot/types.js';
import { createEngine } from '../src/engine/index.js';
import { type Measurement, median, printTable } from './report.js';

const io: CommandIo = { accept: async () => {}, progress: () => {} };

/** The end-to-end time from `/train` to a rendered reply with its charts (chart rendering alone: charts.ts). */
export async function benchBotReply(): Promise<void> {
  const workers = os.availableParallelism();
  const engine = await createEngine({ workers, backend: 'wasm' });
  try {
    const { services, jobs } = createTutorServices({
      engine,
      logger: silentLogger,
      charts: { kind: 'local' },
      concurrency: workers,
    });
    const bot = createBot({ services, logger: silentLogger });
    const send = async (seed: number) => {
      const started = performance.now();
      const reply = await bot.handle(
        {
          platform: 'test',
          requestId: `bench-${seed}`,
          user: { id: `u${seed}` },
          conversation: 'bench',
          command: 'train',
          options: { kind: 'text', text: `seed:${seed}` },
        },
        io,
      );
      if (reply.images.length === 0) throw new Error(`no charts in the reply: ${reply.headline}`);
      return performance.now() - started;
    };
    await send(1000); // warm-up: chart fonts and kernels
    // New seeds each time, so the result cache never answers.
    const endToEnd = median([await send(1), await send(2), await send(3)]);
    await jobs.close();
    const rows: Measurement[] = [
      {
        name: '/train (defaults) to rendered reply (median of 3)',
        value: endToEnd,
        unit: 'ms',
        target: 2500,
      },
    ];
    printTable('bot core', rows);
  } finally {
    await engine.close();
  }
}
