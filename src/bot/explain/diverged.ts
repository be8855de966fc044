import type { ExperimentResult, RunResult } from '../../engine/result.js';
import type { Explanation } from './types.js';

// JSON turns NaN and Infinity into null, so a result read back from a cache or a queue has nulls.
const blewUp = (loss: number | null) => loss === null || !Number.isFinite(loss);

function runsOf(result: ExperimentResult): RunResult[] {
  if (result.experiment === 'train' || result.experiment === 'compare') return result.runs;
  if (result.experiment === 'restarts') return result.groups.flatMap((g) => g.runs);
  return [];
}

/**
 * When a run diverged (its loss overflowed to NaN or infinity), that is the story: no depth or
 * landscape conclusion can be drawn from it, and the fix is a smaller step.
 */
export function explainDivergence(result: ExperimentResult): Explanation | undefined {
  const runs = runsOf(result);
  const diverged = runs.filter((run) => blewUp(run.finalLoss as number | null));
  if (diverged.length === 0) return undefined;
  const rate = 'learningRate' in result.spec ? result.spec.learningRate : undefined;
  const which = diverged.length === runs.length ? 'Every run' : `${diverged.length} of ${runs.length} runs`;
  return {
    sentences: [
      `${which} diverged: the loss overflowed to infinity (NaN), so nothing can be read from ${diverged.length === runs.length ? 'them' : 'those runs'} about depth.`,
      `The steps were too large${rate === undefined ? '' : ` (learning rate ${rate})`}: try a learning rate ten times smaller, or Adam.`,
    ],
    lessonId: 'tricks',
  };
}
