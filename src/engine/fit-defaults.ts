import type { FitSpec } from './result.js';
import { SPEC_FIELDS, type TrainSpec } from './spec.js';

const trainDefaults = Object.fromEntries(
  Object.entries(SPEC_FIELDS.train).map(([key, f]) => [key, f.default]),
) as unknown as TrainSpec;

/**
 * One run of the `train` experiment's plain defaults (sigmoid, Glorot, SGD 0.1, two-moons, width
 * 32, 300 steps), with no decision grid and no animation frames; callers override what they vary.
 */
export function plainFitSpec(overrides: Partial<FitSpec> = {}): FitSpec {
  const { seeds: _seeds, animate: _animate, seed, ...run } = trainDefaults;
  return { ...run, seed, dataSeed: seed, gridSize: 0, frames: 0, ...overrides };
}
