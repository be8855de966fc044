import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobService } from '../../../src/bot/jobs/job-service.js';
import type { EngineLike, JobProgress } from '../../../src/bot/jobs/types.js';
import { createEngine, type Engine } from '../../../src/engine/index.js';
import { accepted, trainSpec } from './fake-engine.js';

/*
 * The job service in front of the real engine (worker threads, wasm backend): real runs, a real
 * abort reaching a training loop, a real time limit. Kept small: two cores are shared.
 */

// Roughly 1.5 s per run on one core of this machine: long enough to cancel or time out mid-run.
const longSpec = (seed: number) => trainSpec(seed, { depth: 4, width: 32, points: 256, steps: 3000 });

let engine: Engine;
let tensorsAtStart: number;

beforeAll(async () => {
  engine = await createEngine({ workers: 2, backend: 'wasm' });
  tensorsAtStart = (await engine.stats()).reduce((sum, worker) => sum + worker.numTensors, 0);
});

afterAll(async () => {
  await engine?.close();
});

describe('job service on the real engine', () => {
  it('runs a small train, then answers the same spec from the cache at once', async () => {
    const asEngineLike: EngineLike = engine; // the engine satisfies the bot's interface as is
    const service = createJobService({ engine: asEngineLike, concurrency: 1, progressIntervalMs: 0 });
    const seen: JobProgress[] = [];
    let started = false;
    const first = accepted(
      await service.submit(
        { user: 'ann', conversation: 'class', spec: trainSpec(7) },
        { onStart: () => (started = true), onProgress: (p) => seen.push(p) },
      ),
    );
    const outcome = await first.done;
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    expect(started).toBe(true);
    expect(outcome.cached).toBe(false);
    expect(outcome.result).toMatchObject({ experiment: 'train', backend: 'wasm' });
    if (outcome.result.experiment !== 'train') throw new Error('not a train result');
    expect(outcome.result.runs).toHaveLength(1);
    expect(Number.isFinite(outcome.result.runs[0]?.finalLoss)).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p, i) => i === 0 || p.percent >= (seen[i - 1]?.percent ?? 0))).toBe(true);

    const before = performance.now();
    const again = accepted(await service.submit({ user: 'bob', conversation: 'class', spec: trainSpec(7) }));
    const hit = await again.done;
    const hitMs = performance.now() - before;
    expect(again).toMatchObject({ cached: true, position: 0 });
    expect(hit).toMatchObject({ status: 'done', cached: true });
    expect(hit.status === 'done' && hit.result).toBe(outcome.result);
    expect(hitMs).toBeLessThan(20);
    await service.close();
  });

  it('cancels a running job inside the engine, which then runs the next job normally', async () => {
    const service = createJobService({ engine, concurrency: 1, progressIntervalMs: 0 });
    let resolveProgress: () => void = () => {};
    const progressed = new Promise<void>((resolve) => {
      resolveProgress = resolve;
    });
    const long = accepted(
      await service.submit(
        { user: 'ann', conversation: 'class', spec: longSpec(1) },
        { onProgress: resolveProgress },
      ),
    );
    const next = accepted(await service.submit({ user: 'bob', conversation: 'class', spec: trainSpec(8) }));
    expect(next.position).toBe(1);
    await progressed;
    const cancelledAt = performance.now();
    expect(await service.cancel(long.id, 'bob')).toBe('not-yours');
    expect(await service.cancel(long.id, 'ann')).toBe('cancelled');
    expect(await long.done).toEqual({ status: 'cancelled' });
    const outcome = await next.done;
    // The slot is freed when the engine has stopped the run, well before it would have finished.
    expect(performance.now() - cancelledAt).toBeLessThan(1000); // the whole run takes ~2.6 s
    expect(outcome.status).toBe('done');
    expect(await service.cancel(long.id, 'ann')).toBe('already-finished');
    await service.close();
  });

  it('stops a run at the time limit and reports a timeout', async () => {
    const service = createJobService({ engine, concurrency: 1, timeLimitMs: 300 });
    const startedAt = performance.now();
    const ticket = accepted(await service.submit({ user: 'ann', conversation: 'class', spec: longSpec(2) }));
    expect(await ticket.done).toEqual({ status: 'timeout', limitMs: 300 });
    const elapsed = performance.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1200);
    // close() waits until the engine has let go of the aborted run.
    await service.close();
    expect(service.snapshot().running).toBe(0);
  });

  it('leaves no tensors behind in the workers', async () => {
    const tensors = (await engine.stats()).reduce((sum, worker) => sum + worker.numTensors, 0);
    expect(tensors).toBe(tensorsAtStart);
  });
});
