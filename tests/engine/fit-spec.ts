import type { FitSpec } from '../../src/engine/result.js';

/** The plain defaults of the train experiment as a FitSpec: sigmoid, Glorot, SGD 0.1 on two-moons. */
export function plainFitSpec(overrides: Partial<FitSpec> = {}): FitSpec {
  return {
    dataset: 'moons',
    points: 256,
    noise: 0.1,
    dataSeed: 1,
    seed: 1,
    depth: 1,
    width: 32,
    activation: 'sigmoid',
    init: 'glorot',
    residual: false,
    normalization: 'none',
    loss: 'cross-entropy',
    optimizer: 'sgd',
    learningRate: 0.1,
    steps: 300,
    gridSize: 0,
    ...overrides,
  };
}
