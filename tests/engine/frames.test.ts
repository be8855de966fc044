import { beforeAll, describe, expect, it } from 'vitest';
import { comparePlanner } from '../../src/engine/experiments/compare.js';
import { trainPlanner } from '../../src/engine/experiments/train.js';
import { trainRun } from '../../src/engine/fit.js';
import { FRAME_GRID_SIZE, frameSteps } from '../../src/engine/frames.js';
import type { TrainingFrames } from '../../src/engine/result.js';
import type { CompareSpec, TrainSpec } from '../../src/engine/spec.js';
import { validateSpec } from '../../src/engine/validate.js';
import { plainFitSpec } from './fit-spec.js';
import { useWasmBackend } from './wasm-backend.js';

beforeAll(async () => {
  await useWasmBackend();
});

/** Largest change of any grid cell's probability between two frames. */
function largestChange(recorded: TrainingFrames, from: number, to: number): number {
  const first = recorded.frames[from]!.probabilities;
  const last = recorded.frames[to]!.probabilities;
  return Math.max(...first.map((p, i) => Math.abs(p - last[i]!)));
}

/** max - min of one frame's probabilities over the plane: 0 for a map with no boundary at all. */
const spread = (probabilities: number[]) => Math.max(...probabilities) - Math.min(...probabilities);

describe('frameSteps', () => {
  it('spaces frames evenly from step 0 to the last step', () => {
    const steps = frameSteps(300, 30);
    expect(steps).toHaveLength(30);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(300);
    expect(new Set(steps).size).toBe(30);
  });

  it('takes no frames when asked for none, and at most one per step', () => {
    expect(frameSteps(300, 0)).toEqual([]);
    expect(frameSteps(5, 30)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('recording frames while training', () => {
  it('a run that learns (depth 1, relu, Adam) records the frames asked for, and its map changes', () => {
    const { result } = trainRun(
      plainFitSpec({
        depth: 1,
        activation: 'relu',
        init: 'he',
        optimizer: 'adam',
        learningRate: 0.01,
        frames: 24,
      }),
      {},
    );
    const recorded = result.frames!;
    expect(recorded.frames).toHaveLength(24);
    expect(recorded.size).toBe(FRAME_GRID_SIZE);
    for (const frame of recorded.frames) expect(frame.probabilities).toHaveLength(FRAME_GRID_SIZE ** 2);
    expect(recorded.frames.map((f) => f.step)).toEqual(frameSteps(300, 24));
    // Each frame's loss is the loss curve's value at that step.
    const curveAt = new Map(result.lossCurve.steps.map((s, i) => [s, result.lossCurve.losses[i]!]));
    for (const frame of recorded.frames) {
      const onCurve = curveAt.get(frame.step);
      if (onCurve !== undefined) expect(frame.loss).toBeCloseTo(onCurve, 5);
    }
    expect(recorded.frames.at(-1)!.loss).toBeLessThan(recorded.frames[0]!.loss - 0.2);
    expect(largestChange(recorded, 0, 23)).toBeGreaterThan(0.5);
    expect(spread(recorded.frames.at(-1)!.probabilities)).toBeGreaterThan(0.9);
    // Plain JSON: it crosses worker threads and Redis unchanged.
    expect(JSON.parse(JSON.stringify(recorded))).toEqual(recorded);
  });

  it('a run that stalls (plain sigmoid, depth 8) shows a flat map in every frame, 50/50 after the start', () => {
    const { result } = trainRun(plainFitSpec({ depth: 8, frames: 24 }), {});
    const recorded = result.frames!;
    expect(recorded.frames).toHaveLength(24);
    for (const frame of recorded.frames) expect(spread(frame.probabilities)).toBeLessThan(0.01);
    // Only the output bias moves: the whole plane drifts to 0.5 and then stays there.
    expect(largestChange(recorded, 1, 23)).toBeLessThan(0.01);
    for (const p of recorded.frames.at(-1)!.probabilities) expect(Math.abs(p - 0.5)).toBeLessThan(0.01);
  });

  it('records nothing with frames 0', () => {
    const { result } = trainRun(plainFitSpec({ depth: 1, steps: 20, frames: 0 }), {});
    expect(result.frames).toBeUndefined();
  });
});

describe('which runs of an experiment animate', () => {
  function specOf<T>(input: { experiment: string } & Record<string, unknown>): T {
    const checked = validateSpec(input);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    return checked.spec as T;
  }

  it('train: only the first seed, with the frames of the spec (30 by default)', () => {
    const units = trainPlanner.plan(specOf<TrainSpec>({ experiment: 'train' }));
    const frames = units.map((u) => (u.kind === 'fit' ? (u.spec.frames ?? 0) : -1));
    expect(frames).toEqual([30, 0, 0]);
  });

  it('compare: the first seed of the shallowest and of the deepest depth', () => {
    const spec = specOf<CompareSpec>({ experiment: 'compare', depths: [4, 1, 8, 2], seeds: 2, frames: 12 });
    const animated = comparePlanner
      .plan(spec)
      .flatMap((u) =>
        u.kind === 'fit' && (u.spec.frames ?? 0) > 0 ? [[u.spec.depth, u.spec.seed, u.spec.frames]] : [],
      );
    expect(animated).toEqual([
      [1, spec.seed, 12],
      [8, spec.seed, 12],
    ]);
  });

  it('animate:false records no frames in any run', () => {
    const train = trainPlanner.plan(specOf<TrainSpec>({ experiment: 'train', animate: false }));
    const compare = comparePlanner.plan(specOf<CompareSpec>({ experiment: 'compare', animate: false }));
    for (const unit of [...train, ...compare]) expect(unit.kind === 'fit' && (unit.spec.frames ?? 0)).toBe(0);
  });

  it('rejects a frame count out of range, naming the field', () => {
    const checked = validateSpec({ experiment: 'train', frames: 61 });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors[0]!.field).toBe('frames');
  });
});
