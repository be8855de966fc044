import type { ExperimentResult } from '../../engine/result.js';
import { explainCompare } from './compare.js';
import { explainDivergence } from './diverged.js';
import { explainLandscape } from './landscape.js';
import { explainLp } from './lp.js';
import { explainMap } from './map.js';
import { explainRestarts } from './restarts.js';
import { explainTrain } from './train.js';
import type { Explanation } from './types.js';

export type { Explanation } from './types.js';

/**
 * One to three sentences on what a result actually shows, quoting its numbers, and the lesson
 * that explains it. Every claim is checked against the numbers first: a sweep where depth did
 * not hurt is described as such.
 */
export function explainResult(result: ExperimentResult): Explanation {
  const divergence = explainDivergence(result);
  if (divergence) return divergence;
  switch (result.experiment) {
    case 'train':
      return explainTrain(result);
    case 'compare':
      return explainCompare(result);
    case 'restarts':
      return explainRestarts(result);
    case 'landscape':
      return explainLandscape(result);
    case 'lp':
      return explainLp(result);
    case 'map':
      return explainMap(result);
  }
}
