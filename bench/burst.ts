import os from 'node:os';
import { createBot } from '../src/bot/create-bot.js';
import type { JobPort } from '../src/bot/jobs/types.js';
import { silentLogger } from '../src/bot/logger.js';
import { createTutorServices, type TutorParts } from '../src/bot/tutor-services.js';
import type { CommandIo, Reply } from '../src/bot/types.js';
import { createEngine } from '../src/engine/index.js';
import { createQueueJobService } from '../src/queue/replica/service.js';
import { hasRedisServer, startRedisServer } from '../tests/queue/redis-server.js';
import { startFleet } from '../tests/queue/worker-fleet.js';
import { type Measurement, median, printTable } from './report.js';

/*
 * A class of 30 pressing the same button within a minute, compressed: 30 default `/train`
 * requests from 30 users, arriving spread over one second, through the bot core (job service,
 * engine, charts, reply), once with the in-process engine pool and once through Redis with two
 * `npm run worker` processes. Distinct seeds keep the result cache out of it; 30 identical
 * requests show what the cache (and joining a run in progress) saves. The baseline is measured in
 * the same run: single requests, one at a time, on the same setup.
 */

const CLASS = 30;
const SINGLES = 5;
const ARRIVAL_WINDOW_MS = 1000;
const io: CommandIo = { accept: async () => {}, progress: () => {} };
let nextSeed = 50_000;

type Bot = ReturnType<typeof createBot>;

function trainRequest(user: string, seed: number) {
  return {
    platform: 'test' as const,
    requestId: `burst-${user}-${seed}`,
    user: { id: user },
    conversation: 'burst',
    command: 'train',
    options: { kind: 'text' as const, text: `seed:${seed}` },
  };
}

async function answer(bot: Bot, user: string, seed: number): Promise<Reply> {
  const reply = await bot.handle(trainRequest(user, seed), io);
  // A refusal or apology has no charts: the bench must not time those as answers.
  if (reply.images.length === 0)
    throw new Error(`no charts for ${user}: ${reply.headline} ${reply.blocks.join(' ')}`);
  return reply;
}

/** Wall time and CPU time (this process, all threads) of SINGLES requests, one after another. */
async function singles(bot: Bot, cores: number): Promise<{ wallMs: number[]; cpuMs: number }> {
  // Warm-up, one request per worker: kernels compiled, chart fonts loaded.
  await Promise.all(Array.from({ length: cores }, (_, i) => answer(bot, `warm-up-${i}`, nextSeed++)));
  const wallMs: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < SINGLES; i++) {
    const started = performance.now();
    await answer(bot, `single-${i}`, nextSeed++);
    wallMs.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** CLASS requests arriving evenly over ARRIVAL_WINDOW_MS: time of the last answer, and each latency. */
async function burst(bot: Bot, identical: boolean): Promise<{ lastMs: number; latencies: number[] }> {
  const seed = nextSeed;
  nextSeed += CLASS;
  const started = performance.now();
  const latencies = await Promise.all(
    Array.from({ length: CLASS }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * ARRIVAL_WINDOW_MS) / CLASS));
      const arrived = performance.now();
      await answer(bot, `student-${seed}-${i}`, identical ? seed : seed + i);
      return performance.now() - arrived;
    }),
  );
  return { lastMs: performance.now() - started, latencies };
}

/** One setup's rows: singles, then the distinct and the identical burst. */
async function measure(label: string, bot: Bot, cores: number, workFromCpu: boolean): Promise<Measurement[]> {
  const single = await singles(bot, cores);
  const singleMs = median(single.wallMs);
  // The work of one request: CPU time of all threads (in-process), or its wall time on one idle
  // worker process (queue: a job is one process's single engine thread from start to end).
  const workPerRequest = workFromCpu ? single.cpuMs / SINGLES : singleMs;
  const ideal = (CLASS * workPerRequest) / cores;
  const distinct = await burst(bot, false);
  const identical = await burst(bot, true);
  const s = (ms: number) => ms / 1000;
  return [
    { name: `${label}: one request alone (median of ${SINGLES})`, value: s(singleMs), unit: 's' },
    {
      name: `${label}: ${CLASS} × work of one ÷ ${cores} cores`,
      value: s(ideal),
      unit: 's',
      note: `sum of ${CLASS} single runs one after another: ${s(CLASS * singleMs).toFixed(1)} s`,
    },
    {
      name: `${label}: ${CLASS} distinct, last answer`,
      value: s(distinct.lastMs),
      unit: 's',
      target: Number(s(1.3 * ideal).toFixed(1)),
      note: `ratio ${(distinct.lastMs / ideal).toFixed(2)}x the ideal (target <= 1.3x)`,
    },
    { name: `${label}: ${CLASS} distinct, p50 answer`, value: s(median(distinct.latencies)), unit: 's' },
    {
      name: `${label}: ${CLASS} identical (cache), last answer`,
      value: s(identical.lastMs),
      unit: 's',
      note: `p50 ${s(median(identical.latencies)).toFixed(2)} s`,
    },
  ];
}

function botOn(parts: Omit<TutorParts, 'logger' | 'charts' | 'concurrency'> & { concurrency: number }) {
  const { services, jobs } = createTutorServices({
    ...parts,
    logger: silentLogger,
    charts: { kind: 'local' },
    // Room for the whole class: the default line (20) would refuse the last ten.
    jobs: { maxQueued: 2 * CLASS, maxQueuedPerUser: 2 },
  });
  return { bot: createBot({ services, logger: silentLogger }), jobs };
}

/** The burst through the in-process pool, and through Redis with two worker processes. */
export async function benchBurst(): Promise<void> {
  const cores = os.availableParallelism();
  const rows: Measurement[] = [];
  const engine = await createEngine({ workers: cores, backend: 'wasm' });
  try {
    const { bot, jobs } = botOn({ engine, concurrency: cores });
    rows.push(...(await measure('in-process', bot, cores, true)));
    await jobs.close();
  } finally {
    await engine.close();
  }
  if (!hasRedisServer()) {
    rows.push({ name: 'queue: skipped, redis-server is not installed', value: 0, unit: '' });
  } else {
    const redis = await startRedisServer();
    const fleet = startFleet({ redisUrl: redis.url, count: 2, args: ['--ops-port', '0'] });
    const service = createQueueJobService({ redisUrl: redis.url, maxQueued: 2 * CLASS, maxQueuedPerUser: 2 });
    try {
      await Promise.all([fleet.ready(), service.ready(30_000)]);
      const queue: { jobs: JobPort; backend(): string } = { jobs: service, backend: () => service.backend() };
      const { bot } = botOn({ queue, concurrency: 2 });
      rows.push(...(await measure('queue, 2 workers', bot, 2, false)));
    } finally {
      await service.close();
      await fleet.stop();
      await redis.stop();
    }
  }
  printTable(
    `a class of ${CLASS}: default /train from ${CLASS} users within ${ARRIVAL_WINDOW_MS / 1000} s, through the bot core`,
    rows,
  );
}
