import type { ExperimentResult } from '../../engine/result.js';
import { explainCompare } from './compare.js';
import { explainDivergence } from './diverged.js';
import { explainHardness } from './hardness.js';
import { explainLandscape } from './landscape.js';
import { explainLp } from './lp.js';
import { explainMap } from './map.js';
import { explainRestarts } from './restarts.js';
import { explainStepSize } from './step-size.js';
import { explainTrain } from './train.js';
import type { Explanation } from './types.js';

export { type Explanation, explanationText, type RuleId, type Sentence } from './types.js';

/**
 * One to three sentences on what a result actually shows, quoting its numbers, and the lesson
 * that explains it. Each sentence comes from a rule whose precondition was checked against the
 * run's own numbers first; when no rule's evidence holds, the explanation says less. A diverged
 * or overshooting run is explained by its step size before anything else.
 */
export function explainResult(result: ExperimentResult): Explanation {
  const stepProblem = explainDivergence(result) ?? explainStepSize(result);
  if (stepProblem) return stepProblem;
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
    case 'hardness':
      return explainHardness(result);
    case 'map':
      return explainMap(result);
  }
}
