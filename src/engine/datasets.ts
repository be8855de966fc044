import type { Shape } from './limits.js';
import { createRandom, type Random, STREAM } from './random.js';
import type { DataPoints, FitSpec } from './result.js';
import { tableTrainingData } from './tables/prepare.js';

/** A classification data set in the layout the engine trains on. */
export interface TrainingData {
  /** Row-major [n, inputs] inputs. */
  x: Float32Array;
  /** The class of each point: 0 or 1 for two classes, 0 .. classes - 1 otherwise. */
  y: Float32Array;
  n: number;
  /** Inputs per point: 2 for the generated shapes, a table's feature count otherwise. */
  inputs: number;
  /** Number of classes: 2 for the generated shapes. */
  classes: number;
}

type Generator = (i: number, label: number, rng: Random, noise: number) => [number, number];

/*
 * Each generator places point i of class `label` (labels alternate, so every prefix is balanced).
 * Shapes are scaled to roughly [-1.5, 1.5] so that no data set needs its own learning rate.
 */
const generators: Record<Shape, Generator> = {
  // Two interleaving half circles, centred on the origin.
  moons: (_i, label, rng, noise) => {
    const angle = Math.PI * rng.next();
    const [x, y] =
      label === 0 ? [Math.cos(angle), Math.sin(angle)] : [1 - Math.cos(angle), 0.5 - Math.sin(angle)];
    return [x - 0.5 + noise * rng.normal(), y - 0.25 + noise * rng.normal()];
  },
  // A ring (class 0) around a disc-edge circle of half its radius (class 1).
  circles: (_i, label, rng, noise) => {
    const angle = 2 * Math.PI * rng.next();
    const radius = label === 0 ? 1.2 : 0.6;
    return [radius * Math.cos(angle) + noise * rng.normal(), radius * Math.sin(angle) + noise * rng.normal()];
  },
  // Four clusters at the corners; opposite corners share a label. No line separates them.
  xor: (i, label, rng, noise) => {
    const flip = (i >> 1) % 2 === 0 ? 1 : -1;
    const sign = label === 1 ? flip : -flip;
    return [flip + noise * rng.normal(), sign + noise * rng.normal()];
  },
  // Two arms winding one and a half turns around the origin.
  spiral: (_i, label, rng, noise) => {
    const t = rng.next();
    const angle = 3 * Math.PI * t + (label === 1 ? Math.PI : 0);
    const radius = 0.2 + 1.3 * t;
    return [radius * Math.cos(angle) + noise * rng.normal(), radius * Math.sin(angle) + noise * rng.normal()];
  },
  // Two Gaussian blobs; separable by a line unless the noise is large.
  blobs: (_i, label, rng, noise) => {
    const centre = label === 1 ? 0.9 : -0.9;
    const sd = 0.2 + noise;
    return [centre + sd * rng.normal(), centre + sd * rng.normal()];
  },
};

/** Generates `points` examples of a data set, the same ones for the same seed. */
export function makeDataset(dataset: Shape, points: number, noise: number, seed: number): TrainingData {
  const rng = createRandom(seed, STREAM.data);
  const x = new Float32Array(points * 2);
  const y = new Float32Array(points);
  const generate = generators[dataset];
  for (let i = 0; i < points; i++) {
    const label = i % 2;
    const [a, b] = generate(i, label, rng, noise);
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = label;
  }
  return { x, y, n: points, inputs: 2, classes: 2 };
}

/** Points given outright (two classes in the plane), in the training layout. */
export function fromDataPoints(points: DataPoints): TrainingData {
  return {
    x: Float32Array.from(points.x.flat()),
    y: Float32Array.from(points.y),
    n: points.y.length,
    inputs: 2,
    classes: 2,
  };
}

/**
 * The data a run trains on: points given outright, a table (standardized unless the spec says
 * not), or the generated shape. Both compute paths read their data through this one function.
 */
export function fitData(
  spec: Pick<FitSpec, 'data' | 'table' | 'standardize' | 'dataset' | 'points' | 'noise' | 'dataSeed'>,
): TrainingData {
  if (spec.data) return fromDataPoints(spec.data);
  if (spec.table) return tableTrainingData(spec.table, spec.standardize ?? true);
  return makeDataset(shapeOf(spec.dataset), spec.points, spec.noise, spec.dataSeed);
}

/** The dataset name as a generated shape; a built-in table's name must have been resolved into a table. */
function shapeOf(dataset: FitSpec['dataset']): Shape {
  if (!Object.hasOwn(generators, dataset))
    throw new Error(`dataset ${dataset} is a table: validateSpec puts it in spec.table`);
  return dataset as Shape;
}

/**
 * The data of an experiment spec in the plane, as results and charts show it: a shape's points,
 * or a 2-input table's (standardized) rows. Undefined for a table of other than 2 inputs, which
 * has no plane of its own (its result carries a projection instead).
 */
export function planeDataOf(spec: {
  dataset: FitSpec['dataset'];
  points: number;
  noise: number;
  seed: number;
  standardize?: boolean;
  table?: FitSpec['table'];
}): TrainingData | undefined {
  const { table, standardize } = spec;
  if (table && table.features.length !== 2) return undefined;
  return fitData({
    dataset: spec.dataset,
    points: spec.points,
    noise: spec.noise,
    dataSeed: spec.seed,
    ...(table ? { table } : {}),
    ...(standardize === undefined ? {} : { standardize }),
  });
}

/** Two-dimensional data as plain JSON for results and charts, rounded to keep replies small. */
export function toDataPoints(data: TrainingData): DataPoints {
  if (data.inputs !== 2) throw new Error(`toDataPoints needs points in the plane, not ${data.inputs} inputs`);
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const x: [number, number][] = [];
  for (let i = 0; i < data.n; i++) x.push([round(data.x[2 * i]!), round(data.x[2 * i + 1]!)]);
  return { x, y: Array.from(data.y) };
}
