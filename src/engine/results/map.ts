import type { MapSpec } from '../spec.js';
import type { ResultBase } from './base.js';

/** One cell of a trainability map: one depth and one value of the second axis, over seeds. */
export interface MapCell {
  depth: number;
  /** The second axis's value (a number, or an activation or init name). */
  value: number | string;
  finalLosses: number[];
  meanFinalLoss: number;
  /** Per seed: the first recorded step whose loss is at or below the threshold, or null if none. */
  stepsToThreshold: (number | null)[];
  /** Mean first-layer / last-layer gradient ratio at initialization, when defined. */
  gradientRatio?: number;
}

/**
 * Mean-field signal propagation for one σ_w² (Schoenholz et al. 2017), for tanh networks with
 * Gaussian weights: the length fixed point q*, the slope χ₁ at the correlation fixed point c* = 1,
 * the correlation fixed point c*, and the correlation depth scale ξ_c (Infinity at χ₁ = 1).
 */
export interface SignalPoint {
  weightScale: number;
  qStar: number;
  chi1: number;
  cStar: number;
  depthScale: number;
  /** 6 ξ_c: the depth up to which Schoenholz et al. found networks trainable. */
  trainableDepth: number;
}

/** The result of `map`. */
export interface MapResult extends ResultBase<'map', MapSpec> {
  /** Column values, in order. */
  axisValues: (number | string)[];
  /** Rows follow spec.depths; cells[row * axisValues.length + column]. */
  cells: MapCell[];
  /** Mean-field predictions per column, when the map is tanh × σ_w² with Gaussian init. */
  theory?: SignalPoint[];
}
