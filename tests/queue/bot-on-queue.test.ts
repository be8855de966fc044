import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/create-bot.js';
import { silentLogger } from '../../src/bot/logger.js';
import { createTutorServices } from '../../src/bot/tutor-services.js';
import { POISON_SEED } from '../../src/queue/worker/processor.js';
import { createFakeAdapter, replyText } from '../bot/fake-adapter.js';
import { eventually, replica } from './queue-fixtures.js';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { startFleet, type WorkerFleet } from './worker-fleet.js';

/*
 * The bot core on the Redis queue, driven through the fake adapter as the platforms drive it: two
 * bot replicas, one real redis-server, two real worker processes, and the faults the issue names.
 * Every request must end in exactly one final answer.
 */

const QUICK = 'depth:3 width:16 steps:300 points:128 seeds:2 gridSize:10';
const MEDIUM = 'depth:4 width:32 steps:3000 points:256 seeds:1 gridSize:0';
const LONGEST = 'depth:8 width:64 steps:330 points:1000 seeds:1 gridSize:0';

function botReplica(redisUrl: string) {
  const { service, errors } = replica(redisUrl);
  const { services } = createTutorServices({
    queue: { jobs: service, backend: () => service.backend() },
    logger: silentLogger,
    charts: { kind: 'local' },
    concurrency: 1,
  });
  const bot = createBot({ services, logger: silentLogger });
  return { service, errors, adapter: createFakeAdapter(bot) };
}

describe('the bot on the Redis queue', () => {
  let redis: RedisServer;
  let fleet: WorkerFleet;
  let a: ReturnType<typeof botReplica>;
  let b: ReturnType<typeof botReplica>;

  beforeAll(async () => {
    redis = await startRedisServer();
    fleet = startFleet({ redisUrl: redis.url, count: 2 });
    await fleet.ready();
    a = botReplica(redis.url);
    b = botReplica(redis.url);
    await Promise.all([a.service.ready(), b.service.ready()]);
  });

  afterAll(async () => {
    await a?.service.close();
    await b?.service.close();
    await fleet?.stop();
    await redis?.stop();
  });

  it('answers /train once, with its charts, after showing progress', async () => {
    const exchange = a.adapter.send('ann', `/train ${QUICK} seed:801`);
    const reply = await exchange.done;
    expect(exchange.accepted?.visibility).toBe('public');
    expect(exchange.progress.some((update) => update.kind === 'running')).toBe(true);
    expect(reply.images.length).toBeGreaterThan(0);
    expect(exchange.finals).toHaveLength(1);
    // The same request on the other replica comes from the shared cache.
    const again = b.adapter.send('bob', `/train ${QUICK} seed:801`);
    await again.done;
    expect(again.accepted?.summary).toContain('from the cache');
  });

  it('still answers exactly once when the worker running the job is killed', async () => {
    const exchange = a.adapter.send('cid', `/train ${MEDIUM} seed:802`);
    await eventually(
      () => exchange.progress.some((update) => update.kind === 'running'),
      10_000,
      'run started',
    );
    const victim = fleet.workers.find((w) => w.logs.some((l) => l.msg === 'job started' && l.user === 'cid'));
    victim!.child.kill('SIGKILL');
    const reply = await exchange.done;
    expect(reply.images.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(exchange.finals).toHaveLength(1);
    await fleet.ready();
  });

  it('answers a job that crashes every worker with one apology, after bounded retries', async () => {
    const exchange = b.adapter.send('dan', `/train ${QUICK} seed:${POISON_SEED}`);
    const reply = await exchange.done;
    expect(reply.headline).toBe('Sorry, something went wrong on my side.');
    expect(exchange.finals).toHaveLength(1);
    await fleet.ready();
  });

  it('cancels from the Cancel button pressed on another replica', async () => {
    const exchange = a.adapter.send('eve', `/train ${LONGEST} seed:803`);
    await exchange.acceptedOrAnswered;
    const button = exchange.accepted?.cancelButton;
    expect(button).toBeDefined();
    const press = b.adapter.press('eve', button!);
    expect(replyText(await press.done)).toContain('Cancelled.');
    expect((await exchange.done).headline).toBe('Cancelled.');
    expect(exchange.finals).toHaveLength(1);
  });

  it('says the training queue is unavailable while Redis is down, keeps answering, and recovers', async () => {
    await redis.stop();
    await eventually(async () => !(await a.service.ping()), 5000, 'Redis seen down');
    const refused = await a.adapter.send('fay', `/train ${QUICK} seed:804`).done;
    expect(refused.visibility).toBe('private');
    expect(refused.headline).toBe('The training queue is unavailable right now; try again in a minute.');
    expect((await a.adapter.send('fay', '/help').done).visibility).toBe('private');
    await redis.start();
    await eventually(
      async () => (await a.adapter.send('fay', `/train ${QUICK} seed:805`).done).images.length > 0,
      20_000,
      'queue back',
    );
  });

  it('tells the user a job lost with a Redis restart is safe to run again, and its button runs it', async () => {
    const exchange = a.adapter.send('gus', `/train ${LONGEST} seed:806`);
    await eventually(
      () => exchange.progress.some((update) => update.kind === 'running'),
      20_000,
      'run started',
    );
    await redis.stop();
    await redis.start(); // empty: this Redis keeps nothing across a restart
    const reply = await exchange.done;
    expect(reply.headline).toBe('The training queue lost this train run before it finished.');
    expect(replyText(reply)).toContain('running it again is safe');
    expect(replyText(reply)).not.toContain('Sorry');
    const again = reply.buttons.find((button) => button.label === 'Run it again');
    expect(again?.id).toMatch(/^dt1:train .*seed:806/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(exchange.finals).toHaveLength(1);
    await eventually(
      async () => (await a.adapter.press('gus', again!).done).images.length > 0,
      60_000,
      'the rerun answered',
    );
  });
});
