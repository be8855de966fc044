import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/bot/errors.js';
import { POISON_SEED } from '../../src/queue/worker/processor.js';
import {
  accepted,
  admittedTicket,
  eventually,
  LONGEST,
  MEDIUM,
  QUICK,
  recorder,
  replica,
  request,
  trainSpec,
} from './queue-fixtures.js';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { startFleet, type WorkerFleet } from './worker-fleet.js';

/*
 * Faults, for real: worker processes killed with SIGKILL, a job that kills every worker it touches,
 * and the Redis server stopped and started again. Workers use a 2 s job lock and look for stalled
 * jobs every second, so a dead worker's job is back in line within a few seconds.
 */

describe('the Redis job service under faults', () => {
  let redis: RedisServer;
  let fleet: WorkerFleet;
  let bot: ReturnType<typeof replica>;

  beforeAll(async () => {
    redis = await startRedisServer();
    fleet = startFleet({ redisUrl: redis.url, count: 2 });
    await fleet.ready();
    bot = replica(redis.url);
    await bot.service.ready();
  });

  afterAll(async () => {
    await bot?.service.close();
    await fleet?.stop();
    await redis?.stop();
  });

  it('retries a job whose worker was killed mid-run on another worker, and answers once', async () => {
    const seen = recorder();
    const ticket = accepted(await bot.service.submit(request('ann', trainSpec(601, MEDIUM)), seen.hooks));
    await seen.whenStarted;
    const victim = fleet.runnerOf(ticket.id);
    expect(victim).toBeDefined();
    victim!.child.kill('SIGKILL');
    const outcome = await ticket.done;
    expect(outcome.status).toBe('done');
    const starts = fleet.linesAbout(ticket.id).filter(({ line }) => line.msg === 'job started');
    expect(starts).toHaveLength(2);
    expect(starts[0]!.worker).toBe(victim);
    expect(starts[1]!.worker).not.toBe(victim);
    expect(seen.seen.starts).toBe(1);
    await fleet.ready(); // the killed worker's replacement
  });

  it('gives up on a job that crashes every worker after bounded retries, with a failed outcome', async () => {
    const before = fleet.all.length;
    const ticket = accepted(await bot.service.submit(request('bob', trainSpec(POISON_SEED, QUICK))));
    const outcome = await ticket.done;
    expect(outcome).toMatchObject({ status: 'failed', error: { name: 'WorkerCrashError' } });
    // Two runs (the first and one retry), two dead workers: not a loop.
    const killed = fleet.all.slice(before).length;
    expect(killed).toBe(2);
    await fleet.ready();
    const after = accepted(await bot.service.submit(request('bob', trainSpec(602, QUICK))));
    expect((await after.done).status).toBe('done');
  });

  it('says the queue is unavailable while Redis is down, stays up, and recovers when it returns', async () => {
    const seen = recorder();
    const inFlight = accepted(await bot.service.submit(request('cid', trainSpec(603, LONGEST)), seen.hooks));
    await seen.whenStarted;
    await redis.stop();
    await eventually(async () => !(await bot.service.ping()), 5000, 'Redis seen down');
    const started = Date.now();
    const refused = await bot.service.submit(request('dan', trainSpec(604, QUICK)));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(refused).toMatchObject({ kind: 'user-error', code: 'queue-unavailable' });
    expect(isUserError(refused) && refused.message).toBe(
      'The training queue is unavailable right now; try again in a minute.',
    );
    expect(await bot.service.cancel('00000000-0000-4000-8000-000000000000', 'dan')).toBe('not-found');

    await redis.start();
    // This Redis keeps nothing across a restart: the job in flight is gone, and its user is told.
    expect(await inFlight.done).toEqual({ status: 'lost' });
    const answer = await admittedTicket(
      () => bot.service.submit(request('dan', trainSpec(605, QUICK))),
      15_000,
      'queue back',
    );
    expect((await answer.done).status).toBe('done');
  });
});
