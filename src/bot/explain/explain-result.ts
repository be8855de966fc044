import type { ExperimentResult } from '../../engine/result.js';
import { explainCompare } from './compare.js';
import { explainHardness } from './hardness.js';
import { explainLandscape } from './landscape.js';
import { explainLp } from './lp.js';
import { explainMap } from './map.js';
import { explainRestarts } from './restarts.js';
import { explainStepSize, recoveredSpikeNote, settledSpikeNote } from './step-size.js';
import { explainTrain } from './train.js';
import { capSentences, type Explanation } from './types.js';

export { type Explanation, explanationText, type RuleId, type Sentence } from './types.js';

/**
 * A few sentences on what a result actually shows, quoting its numbers (at most MAX_SENTENCES,
 * up to six for /map and seven for /hardness), and the lesson that explains the cause the text names. Every
 * sentence renders a judgement of src/bot/judge; when no rule's evidence holds, the explanation
 * says less. A diverged or overshooting run is explained by its step size before anything else;
 * a spike the runs recovered from is always noted, since it changes how the run reads.
 */
export function explainResult(result: ExperimentResult): Explanation {
  const stepProblem = explainStepSize(result);
  if (stepProblem) return stepProblem;
  const explanation = explainExperiment(result);
  const notes = [recoveredSpikeNote(result), settledSpikeNote(result)].filter((n) => n !== undefined);
  if (notes.length === 0) return explanation;
  return { ...explanation, sentences: capSentences([...explanation.sentences, ...notes]) };
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
