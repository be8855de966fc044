import { describe, expect, it } from 'vitest';
import { PLANNERS } from '../../src/engine/experiments/index.js';
import {
  createLiveTracker,
  LIVE_POINT_BUDGET,
  liveStride,
  MAX_POINTS_PER_CURVE,
} from '../../src/engine/live.js';
import type { RunResult } from '../../src/engine/result.js';
import type { ExperimentSpec } from '../../src/engine/spec.js';
import type { WorkUnit } from '../../src/engine/units.js';
import { validateSpec } from '../../src/engine/validate.js';

/*
 * The partial results a running experiment carries: bounded however long or wide the run, and
 * only ever growing, so that a throttle anywhere downstream loses nothing but stale copies.
 */

function spec(input: { experiment: string } & Record<string, unknown>): ExperimentSpec {
  const checked = validateSpec(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.spec;
}

/** A finished run whose loss curve ends at `steps` with `loss`. */
const finished = (steps: number, loss: number) =>
  ({ lossCurve: { steps: [0, steps], losses: [0.7, loss] }, finalLoss: loss }) as unknown as RunResult;

function trackerFor(s: ExperimentSpec) {
  const planner = PLANNERS[s.experiment] as unknown as {
    plan(s: ExperimentSpec): WorkUnit[];
    labels?(s: ExperimentSpec): string[];
  };
  const units = planner.plan(s);
  const labels = planner.labels?.(s) ?? [];
  return { units, labels, tracker: createLiveTracker(s, units, labels) };
}

describe('live curves', () => {
  it('keep at most their share of points, steps rising, ending on the run’s last point', () => {
    const s = spec({
      experiment: 'compare',
      depths: [1, 2, 3, 4],
      seeds: 8,
      steps: 900,
      points: 8,
      width: 1,
    });
    const { units, tracker } = trackerFor(s);
    expect(units).toHaveLength(32);
    // Every unit reports every 10 steps, as the training loop does.
    units.forEach((_, index) => {
      for (let step = 0; step <= 900; step += 10)
        tracker.progress(index, { step, steps: 900, loss: 1 / (step + 1) });
      tracker.done(index, finished(900, 0.25));
    });
    const live = tracker.snapshot();
    if (live?.kind !== 'curves') throw new Error('expected curves');
    const total = live.curves.reduce((sum, c) => sum + c.points.length, 0);
    expect(total).toBeLessThanOrEqual(LIVE_POINT_BUDGET + 2 * live.curves.length);
    for (const curve of live.curves) {
      const steps = curve.points.map(([step]) => step);
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
      expect(new Set(steps).size).toBe(steps.length);
      expect(curve.points.at(-1)).toEqual([900, 0.25]);
      expect(curve.points.length).toBeGreaterThan(8);
    }
    expect(live.curves[9]?.label).toBe('depth 2, seed 2 of 8');
  });

  it('keeps one run to MAX_POINTS_PER_CURVE, and a later copy extends the earlier one', () => {
    expect(Math.ceil(3000 / liveStride(3000, 1)) + 2).toBeLessThanOrEqual(MAX_POINTS_PER_CURVE + 1);
    const { tracker } = trackerFor(spec({ experiment: 'train', seeds: 1, steps: 3000 }));
    for (let step = 0; step <= 1500; step += 10) tracker.progress(0, { step, steps: 3000, loss: 0.5 });
    const early = tracker.snapshot();
    for (let step = 1510; step <= 3000; step += 10) tracker.progress(0, { step, steps: 3000, loss: 0.4 });
    tracker.done(0, finished(3000, 0.4));
    const late = tracker.snapshot();
    if (early?.kind !== 'curves' || late?.kind !== 'curves') throw new Error('expected curves');
    const [before, after] = [early.curves[0]!.points, late.curves[0]!.points];
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.length).toBeLessThanOrEqual(MAX_POINTS_PER_CURVE + 1);
    // A report without a finite loss adds nothing.
    tracker.progress(0, { step: 3000, steps: 3000, loss: Number.NaN });
    expect((tracker.snapshot() as typeof late).curves[0]!.points).toEqual(after);
  });
});

describe('live map', () => {
  it('fills a cell only once all its seeds are done, with their mean, and says when it diverged', () => {
    const s = spec({
      experiment: 'map',
      depths: [2, 4],
      values: [0.5, 1.76],
      seeds: 2,
      activation: 'tanh',
      init: 'gaussian',
    });
    const { units, labels, tracker } = trackerFor(s);
    // The mean-field unit comes first, then two seeds per cell, cell by cell.
    expect(units[0]?.kind).toBe('signal');
    expect(labels.slice(0, 3)).toEqual([
      'mean-field theory',
      'cell 1 of 4: depth 2, σ_w² 0.5, seed 1 of 2',
      'cell 1 of 4: depth 2, σ_w² 0.5, seed 2 of 2',
    ]);
    tracker.done(0, { signal: [] } as never);
    tracker.done(1, finished(300, 0.2));
    expect(tracker.snapshot()).toMatchObject({ kind: 'map', cells: [null, null, null, null] });
    tracker.done(2, finished(300, 0.4));
    tracker.done(7, finished(300, Number.NaN));
    tracker.done(8, finished(300, 0.5));
    expect(tracker.snapshot()).toEqual({
      kind: 'map',
      axis: 'weightScale',
      values: [0.5, 1.76],
      depths: [2, 4],
      cells: [expect.closeTo(0.3, 10), null, null, 'diverged'],
    });
  });
});
