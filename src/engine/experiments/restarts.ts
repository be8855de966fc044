import type { Activation, Architecture, Init, Loss } from '../limits.js';
import { standardDeviation } from '../measure-summary.js';
import type { DataPoints, FitSpec, RestartGroup, RestartsResult } from '../result.js';
import type { RestartsSpec } from '../spec.js';
import type { ExperimentPlanner } from '../units.js';
import { asRunResults, tableOptions } from './train.js';

/** How one architecture of the restarts experiment is built. */
interface GroupShape {
  label: string;
  depth: number;
  width: number;
  activation: Activation;
  init: Init;
  loss: Loss;
  initScale?: number;
  /** Fixed training points instead of the spec's data set. */
  data?: DataPoints;
}

/**
 * The single neurons start uniform in [-3, 3] (weights and bias): restarts that begin far apart
 * and still end at one loss are what convexity promises. The networks use their usual init.
 */
export const NEURON_INIT_SCALE = 3;

function groupShape(architecture: Architecture, spec: RestartsSpec): GroupShape {
  switch (architecture) {
    case 'neuron':
      // With more than 2 classes "the neuron" is one unit per class: softmax regression, still convex.
      return neuron(
        (spec.table?.classes.length ?? 2) > 2
          ? 'one layer (softmax regression), cross-entropy'
          : 'single neuron, cross-entropy',
        'cross-entropy',
      );
    case 'neuron-mse':
      return {
        ...neuron('single neuron, squared error (on a small 1-D set built to trap it)', 'mse'),
        data: squaredErrorTrap(),
      };
    case 'three-node':
      // Blum & Rivest's network: two hidden units and one output unit, started as far apart as the neuron.
      return {
        label: `three-node net (2 hidden + ${outputsOf(spec)})`,
        depth: 1,
        width: 2,
        activation: 'sigmoid',
        init: 'glorot',
        loss: 'cross-entropy',
        initScale: NEURON_INIT_SCALE,
      };
    case 'deep':
      return {
        label: `deep net, ${spec.depth} x ${spec.width} ${spec.activation}`,
        depth: spec.depth,
        width: spec.width,
        activation: spec.activation,
        init: spec.activation === 'relu' ? 'he' : 'glorot',
        loss: 'cross-entropy',
      };
  }
}

/**
 * Auer, Herbster & Warmuth (1995) build data on which a sigmoid neuron trained with squared error
 * has many local minima. On two-moons the squared-error neuron happens to have one basin, so the
 * caveat needs data of its own: three clusters on a line, labels 0 | 1 | 0 with weights 2 : 2 : 1.
 * No monotone sigmoid fits a bump. Stepping up between the first two clusters misses the last
 * one (loss 0.2); stepping down between the last two misses the first pair (loss 0.4). Both are
 * minima at infinite weight with a barrier between them: a start on the wrong side saturates and
 * its gradient, carrying the vanishing slope of the sigmoid, never brings it back. Cross-entropy
 * on the same points is convex and has no such trap.
 */
export function squaredErrorTrap(): DataPoints {
  const clusters = [
    { at: -1.2, label: 0, count: 8 },
    { at: 0, label: 1, count: 8 },
    { at: 1.2, label: 0, count: 4 },
  ];
  const x: [number, number][] = [];
  const y: number[] = [];
  for (const { at, label, count } of clusters) {
    for (let i = 0; i < count; i++) {
      // A small fixed spread along the line so the points are visible apart on a chart.
      x.push([at + 0.1 * (i / (count - 1) - 0.5), 0]);
      y.push(label);
    }
  }
  return { x, y };
}

/** The output layer in words: one sigmoid unit, or one logit per class of a table of more than 2. */
function outputsOf(spec: RestartsSpec): string {
  const classes = spec.table?.classes.length ?? 2;
  return classes > 2 ? `${classes} softmax outputs` : '1 output';
}

function neuron(label: string, loss: Loss): GroupShape {
  return {
    label,
    depth: 0,
    width: 1,
    activation: 'sigmoid',
    init: 'glorot',
    loss,
    initScale: NEURON_INIT_SCALE,
  };
}

function restartFitSpec(spec: RestartsSpec, shape: GroupShape, restart: number): FitSpec {
  return {
    dataset: spec.dataset,
    points: spec.points,
    noise: spec.noise,
    dataSeed: spec.seed,
    seed: spec.seed + 1 + restart,
    depth: shape.depth,
    width: shape.width,
    activation: shape.activation,
    init: shape.init,
    residual: false,
    normalization: 'none',
    loss: shape.loss,
    optimizer: spec.optimizer,
    learningRate: spec.learningRate,
    steps: spec.steps,
    gridSize: 0,
    ...(shape.initScale === undefined ? {} : { initScale: shape.initScale }),
    // The squared-error neuron's small set replaces any table too: it is built to show one trap.
    ...(shape.data ? { data: shape.data } : tableOptions(spec)),
  };
}

/** `restarts`: the same data, many random starting points per architecture. */
export const restartsPlanner: ExperimentPlanner<RestartsSpec, RestartsResult> = {
  plan: (spec) =>
    spec.architectures.flatMap((architecture) => {
      const shape = groupShape(architecture, spec);
      return Array.from({ length: spec.restarts }, (_, i) => ({
        kind: 'fit' as const,
        spec: restartFitSpec(spec, shape, i),
      }));
    }),
  labels: (spec) =>
    spec.architectures.flatMap((architecture) =>
      Array.from({ length: spec.restarts }, (_, i) => `${architecture}, start ${i + 1} of ${spec.restarts}`),
    ),
  assemble: (spec, results) => {
    const runs = asRunResults(results, spec.architectures.length * spec.restarts);
    const groups = spec.architectures.map((architecture, a): RestartGroup => {
      const shape = groupShape(architecture, spec);
      const groupRuns = runs.slice(a * spec.restarts, (a + 1) * spec.restarts);
      const finalLosses = groupRuns.map((r) => r.finalLoss);
      return {
        architecture,
        label: shape.label,
        depth: shape.depth,
        width: shape.width,
        loss: shape.loss,
        finalLosses,
        spread: Math.max(...finalLosses) - Math.min(...finalLosses),
        std: standardDeviation(finalLosses),
        runs: groupRuns,
      };
    });
    return { groups };
  },
};
