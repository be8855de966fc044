import type { ExperimentResult } from '../../engine/result.js';
import { explainCompare } from './compare.js';
import { explainDivergence } from './diverged.js';
import { explainHardness } from './hardness.js';
import { explainLandscape } from './landscape.js';
import { explainLp } from './lp.js';
import { explainMap } from './map.js';
import { explainRestarts } from './restarts.js';
import { explainStepSize, recoveredSpikeNote } from './step-size.js';
import { explainTrain } from './train.js';
import { type Explanation, MAX_SENTENCES } from './types.js';

export { type Explanation, explanationText, type RuleId, type Sentence } from './types.js';

/**
 * A few sentences on what a result actually shows, quoting its numbers (at most MAX_SENTENCES,
 * up to six for /hardness and /map), and the lesson that explains it. Each sentence comes from a rule whose precondition was checked against the
 * run's own numbers first; when no rule's evidence holds, the explanation says less. A diverged
 * or overshooting run is explained by its step size before anything else; a loss spike the runs
 * recovered from only earns a note after the experiment's own sentences, when there is room.
 */
export function explainResult(result: ExperimentResult): Explanation {
  const stepProblem = explainDivergence(result) ?? explainStepSize(result);
  if (stepProblem) return stepProblem;
  const explanation = explainExperiment(result);
  const note = recoveredSpikeNote(result);
  if (!note || explanation.sentences.length >= MAX_SENTENCES) return explanation;
  return { ...explanation, sentences: [...explanation.sentences, note] };
}

function explainExperiment(result: ExperimentResult): Explanation {
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
