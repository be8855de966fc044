import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accepted,
  admittedTicket,
  eventually,
  LONGEST,
  QUICK,
  recorder,
  replica,
  request,
  trainSpec,
} from './queue-fixtures.js';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { startFleet, type WorkerFleet } from './worker-fleet.js';

/*
 * A job's life on the queue: two bot replicas (two service instances, as two bot processes would
 * have) share one real redis-server and two real worker processes.
 */

const LIMITS = { maxQueued: 1, maxQueuedPerUser: 1, maxRunningPerUser: 1 };

describe('the Redis job service with two replicas and two workers', () => {
  let redis: RedisServer;
  let fleet: WorkerFleet;
  let a: ReturnType<typeof replica>;
  let b: ReturnType<typeof replica>;

  beforeAll(async () => {
    redis = await startRedisServer();
    fleet = startFleet({ redisUrl: redis.url, count: 2 });
    await fleet.ready();
    a = replica(redis.url, LIMITS);
    b = replica(redis.url, LIMITS);
    await Promise.all([a.service.ready(), b.service.ready()]);
  });

  afterAll(async () => {
    await a?.service.close();
    await b?.service.close();
    await fleet?.stop();
    await redis?.stop();
  });

  it('runs a job on one worker, reporting its start and progress, and answers with the result', async () => {
    const spec = trainSpec(101, QUICK);
    const seen = recorder();
    const ticket = accepted(await a.service.submit({ ...request('ann', spec), label: 'quick' }, seen.hooks));
    expect(ticket.cached).toBe(false);
    expect(a.service.position(ticket.id)).toBeTypeOf('number');
    const outcome = await ticket.done;
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.result.spec).toEqual(spec);
    expect(outcome.result.backend).toBe('wasm');
    expect(outcome.cached).toBe(false);
    expect(outcome.runMs).toBeGreaterThan(0);
    expect(seen.seen.starts).toBe(1);
    expect(seen.seen.progress.length).toBeGreaterThan(0);
    for (const progress of seen.seen.progress) {
      expect(Number.isInteger(progress.percent) && progress.percent >= 0 && progress.percent <= 100).toBe(
        true,
      );
    }
    // Which seed reported, its step and its loss came through the worker's progress events in
    // Redis, checked on the way in; so did the live curves, which only ever grow.
    const units = seen.seen.progress.flatMap((p) => (p.unit ? [p.unit] : []));
    expect(units.length).toBeGreaterThan(0);
    for (const unit of units) {
      expect(unit.label).toMatch(/^seed [12] of 2$/);
      expect(unit).toMatchObject({ count: 2, steps: 300 });
      expect(unit.index).toBe(Number(unit.label.split(' ')[1]));
    }
    const curves = seen.seen.progress.flatMap((p) => (p.live?.kind === 'curves' ? [p.live] : []));
    expect(curves.length).toBeGreaterThan(0);
    expect(curves.at(-1)?.curves.map((c) => c.label)).toEqual(['seed 1 of 2', 'seed 2 of 2']);
    expect(curves.at(-1)?.curves.some((c) => c.points.length > 0)).toBe(true);
    expect(a.service.position(ticket.id)).toBeUndefined();
    const starts = fleet.linesAbout(ticket.id).filter(({ line }) => line.msg === 'job started');
    expect(starts).toHaveLength(1);
    expect(a.service.backend()).toBe('wasm (2 workers)');
  });

  it('answers a job another replica already ran from the shared cache', async () => {
    const spec = trainSpec(102, QUICK);
    const first = await accepted(await a.service.submit(request('ann', spec))).done;
    const ticket = accepted(await b.service.submit(request('bob', spec)));
    expect(ticket.cached).toBe(true);
    const second = await ticket.done;
    expect(second).toMatchObject({ status: 'done', cached: true });
    if (first.status !== 'done' || second.status !== 'done') throw new Error('expected two results');
    expect(second.result).toEqual(first.result);
    await eventually(() => b.service.snapshot().cache.hits >= 1, 5000, 'cache hit counted');
  });

  it("holds one user's limit across replicas, and cancels a job from the replica it was not sent to", async () => {
    const first = accepted(await a.service.submit(request('cat', trainSpec(201, LONGEST))));
    const second = accepted(await b.service.submit(request('cat', trainSpec(202, LONGEST))));
    // Two live jobs is cat's allowance (one running, one waiting), though each replica saw only one.
    const third = await a.service.submit(request('cat', trainSpec(203, QUICK)));
    expect(third).toMatchObject({ kind: 'user-error', code: 'too-many-jobs' });
    expect(await a.service.cancel(second.id, 'dan')).toBe('not-yours');
    expect(await a.service.cancel(second.id, 'cat')).toBe('cancelled');
    expect(await second.done).toEqual({ status: 'cancelled' });
    expect(await a.service.cancel(first.id, 'cat')).toBe('cancelled');
    expect(await first.done).toEqual({ status: 'cancelled' });
    expect(await a.service.cancel(first.id, 'cat')).toBe('already-finished');
    // The slots come back once the workers have let go of the cancelled runs.
    const again = await admittedTicket(
      () => b.service.submit(request('cat', trainSpec(204, QUICK))),
      10_000,
      'slot released',
    );
    expect((await again.done).status).toBe('done');
  });

  it('holds the global queue limit across replicas', async () => {
    // Two workers run one job each; maxQueued 1 lets one more wait: three live jobs in all.
    const live = [
      accepted(await a.service.submit(request('u1', trainSpec(301, LONGEST)))),
      accepted(await b.service.submit(request('u2', trainSpec(302, LONGEST)))),
      accepted(await a.service.submit(request('u3', trainSpec(303, LONGEST)))),
    ];
    expect(await b.service.submit(request('u4', trainSpec(304, QUICK)))).toMatchObject({
      kind: 'user-error',
      code: 'queue-full',
    });
    for (const [index, ticket] of live.entries()) {
      const owner = index === 1 ? b : a;
      expect(await owner.service.cancel(ticket.id, `u${index + 1}`)).toBe('cancelled');
    }
    await eventually(
      () => b.service.snapshot().running === 0 && b.service.snapshot().queued === 0,
      10_000,
      'every slot released',
    );
    // The shared limit itself is released too (by the workers, once each aborted run has settled,
    // which can come just after the counts above): a new job is admitted and runs.
    const probe = await admittedTicket(
      () => b.service.submit(request('u4', trainSpec(305, QUICK))),
      10_000,
      'the queue admits a job again',
    );
    expect((await probe.done).status).toBe('done');
  });

  it('stops the run on its worker when the job is cancelled', async () => {
    const seen = recorder();
    const ticket = accepted(await a.service.submit(request('eve', trainSpec(401, LONGEST)), seen.hooks));
    await seen.whenStarted;
    expect(await a.service.cancel(ticket.id, 'eve')).toBe('cancelled');
    expect(await ticket.done).toEqual({ status: 'cancelled' });
    // 'cancelled' is what the worker logs when the engine's run was aborted, not finished.
    await eventually(
      () =>
        fleet
          .linesAbout(ticket.id)
          .some(({ line }) => line.msg === 'job finished' && line.status === 'cancelled'),
      5000,
      'worker stopped the run',
    );
    expect(fleet.linesAbout(ticket.id).some(({ line }) => line.status === 'done')).toBe(false);
  });

  it("runs one user's jobs one at a time, though two workers are free", async () => {
    const tickets = [
      accepted(await a.service.submit(request('fay', trainSpec(501, QUICK)))),
      accepted(await a.service.submit(request('fay', trainSpec(502, QUICK)))),
    ];
    for (const ticket of tickets) expect((await ticket.done).status).toBe('done');
    const times = (id: string, msg: string) =>
      fleet
        .linesAbout(id)
        .filter(({ line }) => line.msg === msg)
        .map(({ line }) => line.time as number);
    const [firstId, secondId] = tickets
      .map((ticket) => ticket.id)
      .sort((x, y) => times(x, 'job started')[0]! - times(y, 'job started')[0]!);
    expect(times(secondId!, 'job started')[0]).toBeGreaterThanOrEqual(times(firstId!, 'job finished')[0]!);
  });

  it('reported no Redis or queue error along the way', () => {
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
