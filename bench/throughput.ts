import { isUserError } from '../src/bot/errors.js';
import type { JobOutcome } from '../src/bot/jobs/types.js';
import { validateSpec } from '../src/engine/index.js';
import { createQueueJobService, type QueueJobService } from '../src/queue/replica/service.js';
import { hasRedisServer, type RedisServer, startRedisServer } from '../tests/queue/redis-server.js';
import { startFleet } from '../tests/queue/worker-fleet.js';
import { type Measurement, median, printTable } from './report.js';

/*
 * Queue throughput: the default `/train` through Redis and `npm run worker` processes (one wasm
 * engine thread each), with one and with two workers, and the wait in line when 50 jobs arrive at
 * once. Needs redis-server (the Debian package); without it the section says so and is skipped.
 */

const TIMED_JOBS = 12;
const BURST = 50;
let nextSeed = 10_000;

function defaultTrain() {
  // A new seed every time, so the shared result cache never answers.
  const checked = validateSpec({ experiment: 'train', seed: nextSeed++ });
  if (!checked.ok) throw new Error('default train spec is invalid');
  return checked.spec;
}

async function runAll(service: QueueJobService, count: number): Promise<JobOutcome[]> {
  const tickets = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const answer = await service.submit({
        user: `bench-${nextSeed}-${index}`,
        conversation: 'bench',
        spec: defaultTrain(),
      });
      if (isUserError(answer)) throw new Error(`refused: ${answer.message}`);
      return answer;
    }),
  );
  const outcomes = await Promise.all(tickets.map((ticket) => ticket.done));
  const failed = outcomes.find((outcome) => outcome.status !== 'done');
  if (failed) throw new Error(`a bench job ended as ${failed.status}`);
  return outcomes;
}

/** Starts `workers` worker processes and a service, runs `measure`, and stops them. */
async function withWorkers<T>(
  redis: RedisServer,
  workers: number,
  measure: (service: QueueJobService) => Promise<T>,
) {
  const fleet = startFleet({ redisUrl: redis.url, count: workers, args: ['--ops-port', '0'] });
  const service = createQueueJobService({ redisUrl: redis.url, maxQueued: 100, maxQueuedPerUser: 100 });
  try {
    await Promise.all([fleet.ready(), service.ready(30_000)]);
    await runAll(service, workers); // warm-up: each worker's first run compiles its kernels
    return await measure(service);
  } finally {
    await service.close();
    await fleet.stop();
  }
}

async function jobsPerMinute(redis: RedisServer, workers: number) {
  return withWorkers(redis, workers, async (service) => {
    const started = performance.now();
    await runAll(service, TIMED_JOBS);
    const perMinute = TIMED_JOBS / ((performance.now() - started) / 60_000);
    // One job at a time on idle workers: the wait is the queue's own overhead.
    const idleWaits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [outcome] = await runAll(service, 1);
      if (outcome?.status === 'done') idleWaits.push(outcome.queuedMs);
    }
    return { perMinute, idleWaitMs: median(idleWaits) };
  });
}

/** Jobs per minute with 1 and 2 workers; queue wait with 50 jobs queued at once on 2 workers. */
export async function benchThroughput(): Promise<void> {
  const title = 'Queue throughput (default train on Redis + npm run worker, 1 wasm thread per worker)';
  if (!hasRedisServer()) {
    console.log(`\n## ${title}\nskipped: redis-server is not installed (apt-get install -y redis-server)`);
    return;
  }
  const redis = await startRedisServer();
  try {
    const one = await jobsPerMinute(redis, 1);
    const two = await jobsPerMinute(redis, 2);
    const burst = await withWorkers(redis, 2, (service) => runAll(service, BURST));
    const waits = burst.map((outcome) => (outcome.status === 'done' ? outcome.queuedMs : 0));
    const rows: Measurement[] = [
      {
        name: 'jobs per minute, 1 worker',
        value: one.perMinute,
        unit: 'jobs/min',
        note: `${TIMED_JOBS} jobs`,
      },
      {
        name: 'jobs per minute, 2 workers',
        value: two.perMinute,
        unit: 'jobs/min',
        note: `x${(two.perMinute / one.perMinute).toFixed(2)}`,
      },
      { name: 'queue wait on an idle worker (median of 5)', value: two.idleWaitMs, unit: 'ms' },
      { name: `queue wait, median of ${BURST} queued at once`, value: median(waits) / 1000, unit: 's' },
      { name: `queue wait, longest of ${BURST}`, value: Math.max(...waits) / 1000, unit: 's' },
    ];
    printTable(title, rows);
  } finally {
    await redis.stop();
  }
}
