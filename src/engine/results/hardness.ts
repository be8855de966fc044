import type { HardnessRecord } from '../hardness/types.js';
import type { HardnessSpec } from '../spec.js';
import type { ResultBase } from './base.js';

/** The result of `hardness`. */
export interface HardnessResult extends ResultBase<'hardness', HardnessSpec> {
  /** One record per instance, by dimension, then size, then labels (planted before random). */
  instances: HardnessRecord[];
  /** Sweep cells left out: the Boolean cube {0,1}^d has only 2^d distinct points. */
  skipped: { n: number; d: number }[];
}
