import type { ExperimentResult } from '../../engine/result.js';
import { blewUp, type RunWithLoss, runsOf } from './evidence.js';
import { type Explanation, say } from './types.js';

/** How many trained models of a result overflowed, out of how many. */
function countBlowUps(result: ExperimentResult): { blown: number; total: number } {
  if (result.experiment === 'landscape') {
    const losses = result.variants.map((v) => v.finalLoss as number | null);
    return { blown: losses.filter((l) => l === null || !Number.isFinite(l)).length, total: losses.length };
  }
  const runs = runsOf(result);
  return { blown: runs.filter(({ run }) => blewUp(run)).length, total: runs.length };
}

/** A loss this large before the first step means the initial weights overflow, not the steps. */
const OVERFLOW_AT_INIT = 1000;

/** The largest loss at step 0 among runs whose start already overflowed, if any. */
function overflowAtInit(runs: readonly RunWithLoss[]): number | undefined {
  const starts = runs.map(({ run }) => run.lossCurve.losses[0] as number | null | undefined);
  const bad = starts.filter((l) => l === null || (l !== undefined && !(l < OVERFLOW_AT_INIT)));
  if (bad.length === 0) return undefined;
  return Math.max(...bad.map((l) => (l === null || l === undefined ? Number.POSITIVE_INFINITY : l)));
}

/**
 * When a run diverged (its loss overflowed to NaN or infinity), that is the story: no depth or
 * landscape conclusion can be drawn from it, and the fix is a smaller step.
 */
export function explainDivergence(result: ExperimentResult): Explanation | undefined {
  const { blown, total } = countBlowUps(result);
  if (blown === 0) return undefined;
  const rate = 'learningRate' in result.spec ? result.spec.learningRate : undefined;
  const every = blown === total;
  const atInit = result.experiment === 'landscape' ? undefined : overflowAtInit(runsOf(result));
  const fix =
    atInit === undefined
      ? say(
          'diverged-fix',
          `The steps were too large${rate === undefined ? '' : ` (learning rate ${rate})`}: try a learning rate ten times smaller.`,
        )
      : say(
          'diverged-at-init',
          `The loss was already ${Number.isFinite(atInit) ? atInit.toExponential(0) : 'infinite'} before the first step: the initial weights make the output overflow, whatever the step size.`,
        );
  return {
    sentences: [
      say(
        'diverged',
        `${every ? 'Every run' : `${blown} of ${total} runs`} diverged: the loss overflowed to infinity (NaN), so nothing can be read from ${every ? 'them' : 'those runs'} about depth.`,
      ),
      fix,
    ],
    lessonId: 'tricks',
  };
}
