import type { LandscapeSpec } from '../spec.js';
import type { ResultBase } from './base.js';

/** A 1-D slice of the loss surface. */
export interface Slice {
  /** Positions along the direction (alpha for the init→final line, t for the random direction). */
  positions: number[];
  losses: number[];
}

/** One trained network and the slices through its loss surface. */
export interface LandscapeVariant {
  label: string;
  depth: number;
  residual: boolean;
  finalLoss: number;
  /** From the initial (alpha 0) to the final (alpha 1) weights, extended on both sides. */
  line: Slice;
  /** Around the final weights along a random filter-normalized direction (Li et al. 2018). */
  direction: Slice;
  /** Local minima along the random-direction slice, besides the global one: a bumpiness count. */
  extraMinima: number;
  /** Total variation of the slice divided by its range: 1 for a bowl, larger when bumpy. */
  roughness: number;
}

/** The result of `landscape`. */
export interface LandscapeResult extends ResultBase<'landscape', LandscapeSpec> {
  variants: LandscapeVariant[];
}
