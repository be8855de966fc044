import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drawAnimation } from '../../../../src/bot/charts/animation/animation.js';
import { chartDraftsFor } from '../../../../src/bot/charts/drafts.js';
import { createDrawPool, type DrawPool } from '../../../../src/bot/charts/drawing/pool.js';
import { createChartRenderer } from '../../../../src/bot/charts/render/create.js';
import { createLocalRenderer } from '../../../../src/bot/charts/render/local.js';
import { DEFAULT_SIZE } from '../../../../src/bot/charts/render/renderer.js';
import type { TrainResult } from '../../../../src/engine/result.js';
import { useWasmBackend } from '../../../engine/wasm-backend.js';
import { runOnThisThread } from '../animation/run-here.js';
import { trainFixture } from '../fixtures.js';

const pools: DrawPool[] = [];
const poolOf = (options: Parameters<typeof createDrawPool>[0]) => {
  const pool = createDrawPool(options);
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

describe('the drawing threads', () => {
  let animated: TrainResult;
  beforeAll(async () => {
    await useWasmBackend();
    animated = runOnThisThread({ experiment: 'train', depth: 1, seeds: 1, steps: 40, frames: 5 });
  });

  it('draw the same PNG bytes as Chart.js on this thread, every chart of a reply at once', async () => {
    const drafts = chartDraftsFor(trainFixture(2));
    const here = createLocalRenderer();
    const pool = poolOf({ threads: 2 });
    const drawn = await Promise.all(drafts.map((d) => pool.renderer.render(d.config, DEFAULT_SIZE)));
    for (const [i, draft] of drafts.entries()) {
      expect(drawn[i]!.equals(await here.render(draft.config, DEFAULT_SIZE))).toBe(true);
    }
    expect(pool.replacements).toBe(0);
  });

  it('draw the animation and its still as this thread would', async () => {
    const pool = poolOf({ threads: 1 });
    const [there, here] = [await pool.animate(animated, true), await drawAnimation(animated, true)];
    expect(there!.gif.equals(here!.gif)).toBe(true);
    expect(there!.still!.equals(here!.still!)).toBe(true);
    expect(there!.alt).toBe(here!.alt);
    const { frames: _frames, ...still } = animated.runs[0]!;
    expect(await pool.animate({ ...animated, runs: [still] }, true)).toBeUndefined();
  });

  it('a thread that dies under a job is replaced, and the job is drawn on the new thread', async () => {
    const pool = poolOf({ threads: 1, faultInjection: { crashJobs: 1 } });
    const [draft] = chartDraftsFor(trainFixture(1));
    const png = await pool.renderer.render(draft!.config, DEFAULT_SIZE);
    expect(png.equals(await createLocalRenderer().render(draft!.config, DEFAULT_SIZE))).toBe(true);
    expect(pool.replacements).toBe(1);
  });

  it('a job that kills two threads rejects with DrawingCrashError, and the next job is drawn', async () => {
    const pool = poolOf({ threads: 2, faultInjection: { crashJobs: 2 } });
    const [first, second] = chartDraftsFor(trainFixture(1));
    await expect(pool.renderer.render(first!.config, DEFAULT_SIZE)).rejects.toMatchObject({
      name: 'DrawingCrashError',
    });
    const png = await pool.renderer.render(second!.config, DEFAULT_SIZE);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pool.replacements).toBe(2);
  });

  it('draw what QuickChart could not, as its fallback', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    // One crash on the way: a replacement counted shows the chart went through the pool.
    const pool = poolOf({ threads: 1, faultInjection: { crashJobs: 1 } });
    const failures: unknown[] = [];
    const renderer = createChartRenderer({
      kind: 'quickchart',
      quickchartUrl: `http://127.0.0.1:${port}`,
      local: pool.renderer,
      onFallback: (error) => failures.push(error),
    });
    const [draft] = chartDraftsFor(trainFixture(1));
    const png = await renderer.render(draft!.config, DEFAULT_SIZE);
    expect(failures).toHaveLength(1);
    expect(png.equals(await createLocalRenderer().render(draft!.config, DEFAULT_SIZE))).toBe(true);
    expect(pool.replacements).toBe(1);
  });

  it('closing rejects the jobs still waiting', async () => {
    const pool = poolOf({ threads: 1 });
    const drafts = chartDraftsFor(trainFixture(1));
    const waiting = Promise.allSettled(drafts.map((d) => pool.renderer.render(d.config, DEFAULT_SIZE)));
    await pool.close();
    const settled = await waiting;
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    await expect(pool.renderer.render(drafts[0]!.config, DEFAULT_SIZE)).rejects.toThrow(/closed/);
  });
});
