import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../src/bot/errors.js';
import type { JobServiceOptions } from '../../../src/bot/jobs/job-config.js';
import { createJobService } from '../../../src/bot/jobs/job-service.js';
import type { JobHooks } from '../../../src/bot/jobs/types.js';
import { accepted, createControllableEngine, fakeClock, flush, trainSpec } from './fake-engine.js';

function setup(options: Partial<JobServiceOptions> = {}) {
  const engine = createControllableEngine();
  const clock = fakeClock();
  const service = createJobService({ engine, concurrency: 1, now: clock.now, ...options });
  const submit = (user: string, seed: number, hooks?: JobHooks) =>
    service.submit({ user, conversation: `chan-${user}`, spec: trainSpec(seed) }, hooks);
  return { engine, clock, service, submit };
}

/** Hooks that record what they were told, in order. */
function recorder() {
  const events: string[] = [];
  const hooks: JobHooks = {
    onQueued: (position) => events.push(`queued ${position}`),
    onStart: () => events.push('start'),
    onProgress: (p) => events.push(`progress ${p.percent}`),
  };
  return { events, hooks };
}

describe('job queue', () => {
  it('runs a job at once when a slot is free, and measures its wait and run time', async () => {
    const { engine, clock, service, submit } = setup();
    const seen = recorder();
    const ticket = accepted(await submit('ann', 1, seen.hooks));
    expect(ticket).toMatchObject({ position: 0, cached: false });
    expect(engine.seeds()).toEqual([1]);
    expect(engine.runs[0]?.signal?.aborted).toBe(false);
    expect(seen.events).toEqual([]); // hooks never fire inside submit()
    await flush();
    expect(seen.events).toEqual(['start']);
    clock.advance(250);
    engine.runs[0]?.succeed();
    const outcome = await ticket.done;
    expect(outcome).toMatchObject({ status: 'done', cached: false, queuedMs: 0, runMs: 250 });
    expect(service.position(ticket.id)).toBeUndefined();
  });

  it('keeps one running job per user and otherwise serves jobs in order of arrival (3 users)', async () => {
    const { engine, clock, service, submit } = setup({ concurrency: 2 });
    const a2 = recorder();
    const a3 = recorder();
    const c1 = recorder();
    const tickets = {
      a1: accepted(await submit('ann', 1)),
      a2: accepted(await submit('ann', 2, a2.hooks)),
      a3: accepted(await submit('ann', 3, a3.hooks)),
      b1: accepted(await submit('bob', 4)),
      c1: accepted(await submit('cid', 5, c1.hooks)),
    };
    // Ann's second and third wait behind her first; Bob takes the free slot although he came later.
    expect(engine.seeds()).toEqual([1, 4]);
    expect([tickets.a1, tickets.a2, tickets.a3, tickets.b1, tickets.c1].map((t) => t.position)).toEqual([
      0, 1, 2, 0, 3,
    ]);
    expect(service.snapshot()).toMatchObject({
      running: 2,
      queued: 3,
      perUser: {
        ann: { running: 1, queued: 2 },
        bob: { running: 1, queued: 0 },
        cid: { running: 0, queued: 1 },
      },
    });

    // Bob finishes: Ann still runs, so Cid (3rd in line) starts before Ann's waiting jobs.
    clock.advance(100);
    engine.runs[1]?.succeed();
    await tickets.b1.done;
    expect(engine.seeds()).toEqual([1, 4, 5]);
    expect(service.position(tickets.a2.id)).toBe(1);
    expect(service.position(tickets.a3.id)).toBe(2);
    expect(service.position(tickets.c1.id)).toBe(0);

    // Ann's first finishes: her second starts and her third moves up.
    engine.runs[0]?.succeed();
    await tickets.a1.done;
    expect(engine.seeds()).toEqual([1, 4, 5, 2]);
    expect(service.position(tickets.a3.id)).toBe(1);
    await flush();
    expect(c1.events).toEqual(['start']);
    expect(a2.events).toEqual(['start']);
    expect(a3.events).toEqual(['queued 1']);

    engine.runs[2]?.succeed();
    engine.runs[3]?.succeed();
    await tickets.a2.done;
    expect(engine.seeds()).toEqual([1, 4, 5, 2, 3]);
    engine.runs[4]?.succeed();
    const outcomes = await Promise.all(Object.values(tickets).map((t) => t.done));
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const c1Outcome = await tickets.c1.done;
    expect(c1Outcome).toMatchObject({ queuedMs: 100 });
  });

  it('refuses a third waiting job of one user, naming what they already have', async () => {
    const { submit } = setup({ concurrency: 1 });
    accepted(await submit('ann', 1));
    accepted(await submit('ann', 2));
    accepted(await submit('ann', 3));
    const refusal = await submit('ann', 4);
    expect(refusal).toEqual({
      kind: 'user-error',
      code: 'too-many-jobs',
      message: 'You already have 1 running and 2 waiting; wait for one to finish or cancel it.',
    });
    // Others are unaffected.
    expect(isUserError(await submit('bob', 5))).toBe(false);
  });

  it('counts waiting jobs per user even when none of theirs runs yet', async () => {
    const { submit } = setup({ concurrency: 1 });
    accepted(await submit('bob', 1));
    accepted(await submit('ann', 2));
    accepted(await submit('ann', 3));
    expect(await submit('ann', 4)).toMatchObject({
      code: 'too-many-jobs',
      message: 'You already have 2 waiting; wait for one to finish or cancel it.',
    });
  });

  it('refuses beyond the global queue limit (default 20) with a clear message', async () => {
    const { submit, service } = setup({ concurrency: 1 });
    accepted(await submit('teacher', 0));
    for (let i = 1; i <= 20; i += 1) accepted(await submit(`student-${i}`, i));
    expect(await submit('late', 99)).toEqual({
      kind: 'user-error',
      code: 'queue-full',
      message: 'The training queue is full (20 jobs waiting); try again in a minute.',
    });
    expect(service.snapshot()).toMatchObject({ running: 1, queued: 20 });
  });

  it('honours a configured global limit and frees room as jobs leave', async () => {
    const { submit, service, engine } = setup({ concurrency: 1, maxQueued: 2 });
    accepted(await submit('a', 1));
    accepted(await submit('b', 2));
    const c = accepted(await submit('c', 3));
    expect(await submit('d', 4)).toMatchObject({
      code: 'queue-full',
      message: expect.stringContaining('(2 jobs'),
    });
    expect(await service.cancel(c.id, 'c')).toBe('cancelled');
    accepted(await submit('d', 4));
    engine.runs[0]?.succeed();
    await flush();
    expect(engine.seeds()).toEqual([1, 2]);
  });

  it('updates the places of the jobs behind a cancelled one', async () => {
    const { submit, service, engine } = setup();
    accepted(await submit('a', 1));
    const b = accepted(await submit('b', 2));
    const cSeen = recorder();
    const c = accepted(await submit('c', 3, cSeen.hooks));
    expect(c.position).toBe(2);
    expect(await service.cancel(b.id, 'b')).toBe('cancelled');
    expect(await b.done).toEqual({ status: 'cancelled' });
    expect(service.position(c.id)).toBe(1);
    await flush();
    expect(cSeen.events).toEqual(['queued 1']);
    engine.runs[0]?.succeed();
    await flush();
    expect(engine.seeds()).toEqual([1, 3]); // the cancelled job never reached the engine
  });

  it('aborts a running job for its requester only, and frees its slot once the engine lets go', async () => {
    const { submit, service, engine } = setup();
    const a = accepted(await submit('ann', 1));
    const b = accepted(await submit('bob', 2));
    expect(await service.cancel(a.id, 'bob')).toBe('not-yours');
    expect(engine.runs[0]?.signal?.aborted).toBe(false);
    expect(await service.cancel(a.id, 'ann')).toBe('cancelled');
    expect(engine.runs[0]?.signal?.aborted).toBe(true);
    expect(await a.done).toEqual({ status: 'cancelled' });
    await flush();
    expect(engine.seeds()).toEqual([1, 2]);
    expect(service.position(b.id)).toBe(0);
  });

  it('tells apart unknown, finished, and other users’ finished jobs', async () => {
    const { submit, service, engine } = setup();
    const a = accepted(await submit('ann', 1));
    expect(await service.cancel('no-such-job', 'ann')).toBe('not-found');
    engine.runs[0]?.succeed();
    await a.done;
    expect(await service.cancel(a.id, 'ann')).toBe('already-finished');
    expect(await service.cancel(a.id, 'bob')).toBe('not-yours');
    const hit = accepted(await submit('ann', 1));
    expect(hit.cached).toBe(true);
    expect(await service.cancel(hit.id, 'ann')).toBe('already-finished');
  });

  it('lists live jobs in a snapshot, running first', async () => {
    const { service } = setup();
    await service.submit({ user: 'a', conversation: 'x', spec: trainSpec(1), label: 'train depth 1' });
    await service.submit({ user: 'b', conversation: 'y', spec: trainSpec(2) });
    const snapshot = service.snapshot();
    expect(snapshot.capacity).toEqual({
      concurrency: 1,
      maxQueued: 20,
      maxQueuedPerUser: 2,
      maxRunningPerUser: 1,
      timeLimitMs: 120_000,
    });
    expect(
      snapshot.jobs.map(({ user, state, position, label }) => ({ user, state, position, label })),
    ).toEqual([
      { user: 'a', state: 'running', position: 0, label: 'train depth 1' },
      { user: 'b', state: 'queued', position: 1, label: undefined },
    ]);
  });

  it('close() cancels waiting and running jobs, waits for the engine, then refuses new ones', async () => {
    const { submit, service, engine } = setup();
    const a = accepted(await submit('a', 1));
    const b = accepted(await submit('b', 2));
    await service.close();
    expect(engine.runs[0]?.signal?.aborted).toBe(true);
    expect(await a.done).toEqual({ status: 'cancelled' });
    expect(await b.done).toEqual({ status: 'cancelled' });
    expect(engine.runs).toHaveLength(1);
    expect(await submit('c', 3)).toMatchObject({ code: 'shutting-down' });
  });

  it('rejects nonsense limits when built', async () => {
    const engine = createControllableEngine();
    expect(() => createJobService({ engine, concurrency: 0 })).toThrow(/concurrency/);
    expect(() => createJobService({ engine, concurrency: 1, maxQueued: 1.5 })).toThrow(/maxQueued/);
  });
});
