import { afterAll, beforeAll, expect } from 'vitest';
import { createBot } from '../../src/bot/create-bot.js';
import type { JobServiceOptions } from '../../src/bot/jobs/job-config.js';
import type { EngineLike } from '../../src/bot/jobs/types.js';
import { silentLogger } from '../../src/bot/logger.js';
import { createTutorServices, type TutorParts } from '../../src/bot/tutor-services.js';
import { createEngine, type Engine } from '../../src/engine/index.js';
import type { Store } from '../../src/store/index.js';
import { createFakeAdapter } from './fake-adapter.js';

/** A seed that makes the harness's engine crash its worker for real (see faultInjection). */
export const CRASH_SEED = 4242;

/** The eight bytes every PNG file starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A small run that takes well under a second. */
export const SMALL = 'depth:2 width:8 steps:40 points:64 seeds:1 gridSize:10';

/**
 * The whole tutor on the real engine (two wasm workers), driven through a fake adapter; with a
 * `store`, the classroom (history, schedules, settings) too.
 */
export async function startTutor(
  jobs: Partial<Omit<JobServiceOptions, 'engine' | 'concurrency'>> = {},
  parts: { store?: Store; charts?: Partial<TutorParts['charts']> } = {},
) {
  const engine: Engine = await createEngine({ workers: 2, backend: 'wasm', faultInjection: true });
  // Routes one seed to a real worker crash; every other run goes to the engine untouched.
  const crashing: EngineLike = {
    backend: engine.backend,
    run: (spec, options) =>
      engine.run(spec, spec.seed === CRASH_SEED ? { ...options, fault: 'exit' } : options),
  };
  const {
    services,
    jobs: jobService,
    classroom,
    drawing,
  } = createTutorServices({
    engine: crashing,
    logger: silentLogger,
    concurrency: 2,
    jobs,
    ...parts,
    charts: { kind: 'local', ...parts.charts },
  });
  const bot = createBot({ services, logger: silentLogger });
  return {
    bot,
    engine,
    classroom,
    drawing,
    adapter: createFakeAdapter(bot),
    async stop() {
      await jobService.close();
      await drawing.close();
      await engine.close();
    },
  };
}

/**
 * Registers a file's hooks for one tutor shared by its tests, and a helper that sends a command
 * line (as `user`, by default ada) and checks it got exactly one final answer.
 */
export function useTutor() {
  const shared = {} as { tutor: Awaited<ReturnType<typeof startTutor>> };
  beforeAll(async () => {
    shared.tutor = await startTutor();
  });
  afterAll(async () => {
    await shared.tutor?.stop();
  });
  async function finalOf(line: string, user = 'ada') {
    const exchange = shared.tutor.adapter.send(user, line);
    const reply = await exchange.done;
    expect(exchange.finals).toHaveLength(1);
    return { exchange, reply };
  }
  return { shared, finalOf };
}
