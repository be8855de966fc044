import { createRandom, type Random } from '../random.js';
import { netOutput } from './threshold-net.js';
import type { HardnessInputs, HardnessInstance, LabelKind, ThreeNodeNet, ThresholdUnit } from './types.js';

/** What defines one instance of the sweep. */
export interface InstanceSpec {
  n: number;
  d: number;
  inputs: HardnessInputs;
  labels: LabelKind;
  seed: number;
}

/*
 * The exact solver only looks for networks whose hidden units put every point at least 1 from
 * their threshold with weights in [-WEIGHT_BOUND, WEIGHT_BOUND]. A planted Gaussian network has
 * unit-length weights and no point closer than PLANTED_GAP to its hyperplanes, so scaled by
 * 1 / PLANTED_GAP (= 20 <= WEIGHT_BOUND) it lies inside that search space: a planted instance can
 * never be declared impossible.
 */
export const WEIGHT_BOUND = 100;
const PLANTED_GAP = 0.05;
// Redraws per point before giving up on the gap (never needed in practice: the band is narrow).
const MAX_REDRAWS = 1000;

/** The largest sample of distinct cube corners: the cube {0,1}^d has 2^d of them. */
export function cubeCapacity(d: number): number {
  return 2 ** Math.min(d, 30);
}

// Each (n, d, labels) gets its own stream, so adding a size to the sweep never changes another instance.
function instanceRandom(spec: InstanceSpec): Random {
  const stream = 7 + spec.d * 4099 + spec.n * 2 + (spec.labels === 'random' ? 1 : 0);
  return createRandom(spec.seed, stream);
}

function gaussianPoint(rng: Random, d: number): number[] {
  return Array.from({ length: d }, () => rng.normal());
}

/** n distinct corners of the cube, in random order (partial Fisher-Yates over corner indices). */
function cubeCorners(rng: Random, n: number, d: number): number[][] {
  const chosen = new Set<number>();
  const corners: number[][] = [];
  while (corners.length < n) {
    const index = Math.floor(rng.next() * cubeCapacity(d));
    if (chosen.has(index)) continue;
    chosen.add(index);
    corners.push(Array.from({ length: d }, (_, j) => (index >> j) & 1));
  }
  return corners;
}

function unitLength(w: number[]): number[] {
  const norm = Math.hypot(...w) || 1;
  return w.map((v) => v / norm);
}

/** A Gaussian hidden unit whose hyperplane passes near the origin, where the points are. */
function gaussianUnit(rng: Random, d: number): ThresholdUnit {
  const w = unitLength(gaussianPoint(rng, d));
  const centre = gaussianPoint(rng, d).map((v) => 0.5 * v);
  return { w, b: -w.reduce((sum, wj, j) => sum + wj * centre[j]!, 0) };
}

/** A cube hidden unit with small integer weights and a half-integer bias: every corner is >= 0.5 away. */
function cubeUnit(rng: Random, d: number): ThresholdUnit {
  const w = Array.from({ length: d }, () => Math.floor(rng.next() * 5) - 2);
  const low = w.reduce((sum, v) => sum + Math.min(0, v), 0);
  const high = w.reduce((sum, v) => sum + Math.max(0, v), 0);
  const threshold = low + Math.floor(rng.next() * (high - low + 1));
  return { w, b: -threshold + 0.5 };
}

function plantedNet(rng: Random, spec: InstanceSpec): ThreeNodeNet {
  const unit = spec.inputs === 'cube' ? cubeUnit : gaussianUnit;
  return { hidden: [unit(rng, spec.d), unit(rng, spec.d)], output: rng.next() < 0.5 ? 'and' : 'or' };
}

function gap(unit: ThresholdUnit, x: number[]): number {
  return Math.abs(x.reduce((sum, v, j) => sum + v * unit.w[j]!, unit.b));
}

/** Gaussian points, redrawn while closer than PLANTED_GAP to a planted hyperplane. */
function gaussianPoints(rng: Random, spec: InstanceSpec, net: ThreeNodeNet | undefined): number[][] {
  return Array.from({ length: spec.n }, () => {
    let x = gaussianPoint(rng, spec.d);
    for (let tries = 0; net && tries < MAX_REDRAWS; tries++) {
      if (net.hidden.every((unit) => gap(unit, x) >= PLANTED_GAP)) break;
      x = gaussianPoint(rng, spec.d);
    }
    return x;
  });
}

/**
 * Builds one seeded instance. Planted labels come from a random three-node threshold network (so a
 * fit exists, inside the exact solver's search space); random labels are fair coin flips. Cube
 * instances need n <= 2^d distinct corners; callers check that first.
 */
export function makeInstance(spec: InstanceSpec): HardnessInstance & { planted?: ThreeNodeNet } {
  const rng = instanceRandom(spec);
  const net = spec.labels === 'planted' ? plantedNet(rng, spec) : undefined;
  const x = spec.inputs === 'cube' ? cubeCorners(rng, spec.n, spec.d) : gaussianPoints(rng, spec, net);
  const y = x.map((point) => (net ? netOutput(net, point) : rng.next() < 0.5 ? 1 : 0));
  return { n: spec.n, d: spec.d, x, y, ...(net ? { planted: net } : {}) };
}
