import { describe, expect, it } from 'vitest';
import type { JobServiceOptions } from '../../../src/bot/jobs/job-config.js';
import { createJobService } from '../../../src/bot/jobs/job-service.js';
import type { JobHooks, JobProgress } from '../../../src/bot/jobs/types.js';
import type { ExperimentSpec } from '../../../src/engine/spec.js';
import { accepted, createControllableEngine, fakeClock, flush, trainSpec } from './fake-engine.js';

function setup(options: Partial<JobServiceOptions> = {}, honourAbort = true) {
  const engine = createControllableEngine({ honourAbort });
  const clock = fakeClock();
  const service = createJobService({ engine, concurrency: 1, now: clock.now, ...options });
  const submit = async (user: string, spec: ExperimentSpec, hooks?: JobHooks) =>
    accepted(await service.submit({ user, conversation: 'class', spec }, hooks));
  return { engine, clock, service, submit };
}

const progress = (fraction: number, loss?: number) => ({
  fraction,
  unitsDone: 0,
  units: 1,
  ...(loss !== undefined && { loss }),
});

describe('time limit', () => {
  it('aborts the engine run and resolves with timeout', async () => {
    const { engine, service, submit } = setup({ timeLimitMs: 20 });
    const a = await submit('ann', trainSpec(1));
    const b = await submit('bob', trainSpec(2));
    expect(await a.done).toEqual({ status: 'timeout', limitMs: 20 });
    expect(engine.runs[0]?.signal?.aborted).toBe(true);
    await flush();
    expect(service.position(b.id)).toBe(0); // the next job got the slot
    engine.runs[1]?.succeed();
    expect((await b.done).status).toBe('done');
  });

  it('keeps the slot while an engine that ignores the abort is still computing', async () => {
    const { engine, service, submit } = setup({ timeLimitMs: 20 }, false);
    const a = await submit('ann', trainSpec(1));
    const b = await submit('bob', trainSpec(2));
    expect(await a.done).toEqual({ status: 'timeout', limitMs: 20 });
    await flush();
    expect(service.position(b.id)).toBe(1);
    expect(service.snapshot().running).toBe(1);
    engine.runs[0]?.succeed(); // the late result is still correct: it goes to the cache
    await flush();
    expect(engine.seeds()).toEqual([1, 2]);
    expect((await submit('cid', trainSpec(1))).cached).toBe(true);
  });
});

describe('progress', () => {
  it('passes the first report at once, then at most one per interval', async () => {
    const { engine, clock, submit } = setup({ progressIntervalMs: 1000 });
    const seen: JobProgress[] = [];
    const ticket = await submit('ann', trainSpec(1), { onProgress: (p) => seen.push(p) });
    const run = engine.runs[0]!;
    run.progress(progress(0.014, 0.69));
    await flush();
    expect(seen).toEqual([{ percent: 1, loss: 0.69 }]);
    for (const [advance, fraction] of [
      [100, 0.1],
      [400, 0.2],
      [499, 0.3], // t = 999: still inside the first interval
      [1, 0.4], // t = 1000: delivered
      [500, 0.5],
      [600, 0.999], // t = 2100: delivered
    ] as const) {
      clock.advance(advance);
      run.progress(progress(fraction));
    }
    await flush();
    expect(seen).toEqual([{ percent: 1, loss: 0.69 }, { percent: 40 }, { percent: 99 }]);
    run.succeed();
    await ticket.done;
    clock.advance(5000);
    run.progress(progress(1));
    await flush();
    expect(seen).toHaveLength(3); // nothing after the end
  });

  it('drops reports queued just before the job ends, and reports after a cancel', async () => {
    const { engine, service, submit } = setup({ progressIntervalMs: 0 });
    const seen: number[] = [];
    const ticket = await submit('ann', trainSpec(1), { onProgress: (p) => seen.push(p.percent) });
    engine.runs[0]?.progress(progress(0.5));
    await service.cancel(ticket.id, 'ann'); // before the hook's microtask ran
    engine.runs[0]?.progress(progress(0.6));
    await flush();
    expect(seen).toEqual([]);
    expect(await ticket.done).toEqual({ status: 'cancelled' });
  });

  it('ignores reports without a usable fraction', async () => {
    const { engine, submit } = setup({ progressIntervalMs: 0 });
    const seen: number[] = [];
    submit('ann', trainSpec(1), { onProgress: (p) => seen.push(p.percent) });
    engine.runs[0]?.progress(progress(Number.NaN));
    engine.runs[0]?.progress(progress(1.5));
    await flush();
    expect(seen).toEqual([100]);
  });
});

describe('failures never escape', () => {
  it('a hook that throws or rejects does not break the job, and is reported', async () => {
    const reported: string[] = [];
    const { engine, submit } = setup({
      progressIntervalMs: 0,
      onHookError: (error, hook) => {
        reported.push(`${hook}: ${(error as Error).message}`);
        throw new Error('the reporter fails too');
      },
    });
    const boom = (where: string) => () => {
      throw new Error(where);
    };
    const first = await submit('ann', trainSpec(1), { onStart: boom('start'), onProgress: boom('progress') });
    const second = await submit('bob', trainSpec(2), {
      onQueued: boom('queued'),
      onStart: async () => {
        throw new Error('async start');
      },
    });
    await flush();
    engine.runs[0]?.progress(progress(0.5));
    await flush();
    engine.runs[0]?.succeed();
    expect((await first.done).status).toBe('done');
    await flush();
    engine.runs[1]?.succeed();
    expect((await second.done).status).toBe('done');
    expect(reported).toEqual(['onStart: start', 'onProgress: progress', 'onStart: async start']);
  });

  it('an engine that rejects, throws at once, or throws a non-Error gives a failed outcome', async () => {
    const { engine, submit } = setup({ concurrency: 3 });
    const rejected = await submit('a', trainSpec(1));
    const odd = await submit('b', trainSpec(2));
    engine.runs[0]?.fail(new RangeError('depth too large'));
    engine.runs[1]?.fail('a plain string');
    expect(await rejected.done).toEqual({
      status: 'failed',
      error: { name: 'RangeError', message: 'depth too large' },
    });
    expect(await odd.done).toEqual({ status: 'failed', error: { name: 'Error', message: 'a plain string' } });

    const throwing = createJobService({
      engine: {
        backend: 'broken',
        run: () => {
          throw new TypeError('not a function');
        },
      },
      concurrency: 1,
    });
    const ticket = accepted(await throwing.submit({ user: 'c', conversation: 'x', spec: trainSpec(3) }));
    expect(await ticket.done).toEqual({
      status: 'failed',
      error: { name: 'TypeError', message: 'not a function' },
    });
    expect(throwing.snapshot().running).toBe(0);
  });
});

describe('result cache', () => {
  it('answers a repeated spec at once with the identical result, whatever the key order', async () => {
    const { engine, submit, service } = setup();
    const first = await submit('ann', trainSpec(1));
    engine.runs[0]?.succeed();
    const outcome = await first.done;
    if (outcome.status !== 'done') throw new Error(outcome.status);
    const reordered = Object.fromEntries(Object.entries(trainSpec(1)).reverse()) as ExperimentSpec;
    const again = await submit('bob', reordered, {
      onStart: () => expect.fail('a cache hit does not start'),
    });
    expect(again).toMatchObject({ position: 0, cached: true });
    expect(await again.done).toEqual({
      status: 'done',
      result: outcome.result,
      cached: true,
      queuedMs: 0,
      runMs: 0,
    });
    expect((await again.done).status === 'done' && (await again.done)).toMatchObject({
      result: outcome.result,
    });
    expect(engine.runs).toHaveLength(1);
    expect(Object.isFrozen(outcome.result)).toBe(true);
    expect(service.snapshot().cache).toMatchObject({ entries: 1, hits: 1 });
    expect((await submit('cid', trainSpec(1, { steps: 31 }))).cached).toBe(false);
  });

  it('caches only finished runs, and evicts the least recently used', async () => {
    const { engine, submit, service } = setup({ cache: { maxEntries: 2 }, concurrency: 4 });
    const cancelled = await submit('a', trainSpec(1));
    await service.cancel(cancelled.id, 'a');
    await cancelled.done;
    const failed = await submit('a', trainSpec(1));
    expect(failed.cached).toBe(false);
    engine.runs.at(-1)?.fail(new Error('x'));
    await failed.done;
    expect((await submit('a', trainSpec(1))).cached).toBe(false);
    const finish = async (user: string, seed: number) => {
      const ticket = await submit(user, trainSpec(seed));
      engine.runs.at(-1)?.succeed();
      return ticket.done;
    };
    await finish('b', 2);
    await finish('c', 3);
    expect((await submit('x', trainSpec(2))).cached).toBe(true); // 2 is now used more recently than 3
    await finish('d', 4);
    expect((await submit('y', trainSpec(2))).cached).toBe(true);
    expect((await submit('y', trainSpec(4))).cached).toBe(true);
    expect((await submit('y', trainSpec(3))).cached).toBe(false);
  });

  it('a waiting job whose spec got cached meanwhile is answered without a run', async () => {
    const { engine, clock, submit } = setup({ concurrency: 2 });
    submit('ann', trainSpec(1));
    const other = await submit('bob', trainSpec(2));
    const twin = await submit('ann', trainSpec(2)); // waits: Ann already runs a job
    expect(twin.position).toBe(1);
    clock.advance(40);
    engine.runs[1]?.succeed();
    expect((await other.done).status).toBe('done');
    expect(await twin.done).toMatchObject({ status: 'done', cached: true, queuedMs: 40, runMs: 0 });
    expect(engine.seeds()).toEqual([1, 2]);
  });

  it('a waiting twin joins the run as soon as its user may run', async () => {
    const { engine, submit } = setup();
    const busy = await submit('ann', trainSpec(1));
    const other = await submit('bob', trainSpec(2));
    const twin = await submit('cid', trainSpec(2));
    engine.runs[0]?.succeed();
    await busy.done;
    expect(engine.seeds()).toEqual([1, 2]);
    engine.runs[1]?.succeed();
    const [mine, theirs] = await Promise.all([other.done, twin.done]);
    expect(theirs).toMatchObject({ status: 'done', cached: false });
    expect(mine.status === 'done' && theirs.status === 'done' && mine.result === theirs.result).toBe(true);
  });
});

describe('identical requests share a run in progress', () => {
  it('joins the run, gets the same result, and only the last cancel aborts it', async () => {
    const { engine, submit, service } = setup();
    const seen: string[] = [];
    const a = await submit('ann', trainSpec(1));
    const b = await submit('bob', trainSpec(1), { onStart: () => seen.push('start') });
    const c = await submit('cid', trainSpec(1));
    expect([a.position, b.position, c.position]).toEqual([0, 0, 0]);
    expect(engine.runs).toHaveLength(1);
    expect(service.snapshot()).toMatchObject({ running: 1, perUser: { bob: { running: 1 } } });
    await flush();
    expect(seen).toEqual(['start']);
    await service.cancel(a.id, 'ann');
    expect(engine.runs[0]?.signal?.aborted).toBe(false);
    await service.cancel(c.id, 'cid');
    engine.runs[0]?.succeed();
    const outcome = await b.done;
    expect(outcome).toMatchObject({ status: 'done', cached: false });

    const d = await submit('dan', trainSpec(5));
    const e = await submit('eve', trainSpec(5));
    await service.cancel(d.id, 'dan');
    await service.cancel(e.id, 'eve');
    expect(engine.runs[1]?.signal?.aborted).toBe(true);
    // A run being torn down is not joined: a new request for it starts afresh.
    await flush();
    const f = await submit('fay', trainSpec(5));
    expect(engine.runs).toHaveLength(3);
    engine.runs[2]?.succeed();
    expect((await f.done).status).toBe('done');
  });

  it('a user already running something waits in line even for a shared run', async () => {
    const { engine, submit } = setup({ concurrency: 2 });
    await submit('ann', trainSpec(1));
    await submit('bob', trainSpec(2));
    expect((await submit('ann', trainSpec(2))).position).toBe(1);
    expect(engine.runs).toHaveLength(2);
  });
});
