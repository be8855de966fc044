import type { ExperimentResult, FitSpec, RunResult } from '../../engine/result.js';
import { atNoLearning, noLearning } from '../no-learning.js';

/*
 * The measurements the explainer's rules test, read from one run's own numbers: whether the loss
 * blew up, spiked or was still falling when training stopped, and how large each layer's gradient
 * was over training. Thresholds live here so every rule uses the same cut-offs.
 */

type Loss = FitSpec['loss'];

/** A layer whose gradient norm stays below this gets no usable update (a learning net's are ~0.01–10). */
export const TINY_GRADIENT = 1e-4;

/** A run still falling faster than this share over the last tenth of its steps has not stopped improving. */
export const STILL_FALLING_SHARE = 0.01;

/** A rise above the lowest loss so far by more than this share of the no-learning loss is a spike. */
const SPIKE_SHARE = 0.5;

/** A final loss this far above the no-learning loss (and above the run's own best) is worse than 50/50. */
const ABOVE_NO_LEARNING_MARGIN = 0.05;

// JSON turns NaN and Infinity into null, so a result read back from a cache or a queue has nulls.
const isFiniteLoss = (loss: number | null): loss is number => loss !== null && Number.isFinite(loss);

/** True when the run's loss overflowed (NaN or infinity) at the end or anywhere on its curve. */
export function blewUp(run: RunResult): boolean {
  return !isFiniteLoss(run.finalLoss) || run.lossCurve.losses.some((loss) => !isFiniteLoss(loss));
}

/** The largest jump of the loss above the lowest value it had reached before, with both values. */
export function largestJump(run: RunResult): { from: number; to: number } {
  let lowest = Number.POSITIVE_INFINITY;
  let jump = { from: 0, to: 0 };
  for (const loss of run.lossCurve.losses) {
    if (!isFiniteLoss(loss)) continue;
    if (loss - lowest > jump.to - jump.from) jump = { from: lowest, to: loss };
    lowest = Math.min(lowest, loss);
  }
  return jump;
}

/** The loss rose well above where it had been, and above the no-learning loss: the steps overshoot. */
export function spiked(run: RunResult, loss: Loss): boolean {
  const { from, to } = largestJump(run);
  const level = noLearning(loss).level;
  return to - from > SPIKE_SHARE * level && to > level;
}

/**
 * The run spiked but came back and went on learning: its final loss is finite, below the
 * no-learning loss and not stalled there, and within the no-learning margin of the lowest loss it
 * had reached before its largest jump. A run that fell back to 50/50 did not recover.
 */
export function recoveredFromSpike(run: RunResult, loss: Loss): boolean {
  if (!spiked(run, loss) || !isFiniteLoss(run.finalLoss)) return false;
  const { from } = largestJump(run);
  const learned = run.finalLoss < noLearning(loss).level && !atNoLearning(run.finalLoss, loss);
  return learned && run.finalLoss <= from + ABOVE_NO_LEARNING_MARGIN;
}

/** A spike the run never recovered from: the steps overshoot for good. */
export function spikedForGood(run: RunResult, loss: Loss): boolean {
  return spiked(run, loss) && !recoveredFromSpike(run, loss);
}

/** The run ended worse than always answering 50/50, after having been lower: the steps overshoot. */
export function endedAboveNoLearning(run: RunResult, loss: Loss): boolean {
  const finite = run.lossCurve.losses.filter(isFiniteLoss);
  const lowest = Math.min(...finite);
  return (
    isFiniteLoss(run.finalLoss) &&
    run.finalLoss > noLearning(loss).level + ABOVE_NO_LEARNING_MARGIN &&
    run.finalLoss > lowest + ABOVE_NO_LEARNING_MARGIN
  );
}

/**
 * How much the loss fell over the last tenth of training, as a share of the final loss: 0.05
 * means it ended 5% lower than a tenth of the steps before. Large while a run is still improving.
 */
export function recentFall(run: RunResult): number {
  const { steps, losses } = run.lossCurve;
  const lastStep = steps.at(-1) ?? 0;
  const index = steps.findIndex((step) => step >= 0.9 * lastStep);
  const before = losses[Math.min(index, losses.length - 2)];
  const after = losses.at(-1);
  if (before === undefined || after === undefined || !isFiniteLoss(before) || !isFiniteLoss(after)) return 0;
  if (after <= 0) return before > 0 ? Number.POSITIVE_INFINITY : 0;
  return (before - after) / after;
}

/** True when the run had not stopped improving when training ended. */
export function stillFalling(run: RunResult): boolean {
  return recentFall(run) > STILL_FALLING_SHARE;
}

/** The largest layer gradient norm at any recorded step (0 when none is finite). */
export function largestGradient(run: RunResult): number {
  const norms = run.gradientNorms.flatMap((snapshot) => snapshot.perLayer).filter(Number.isFinite);
  return norms.length === 0 ? 0 : Math.max(...norms);
}

/** Per-layer gradient norms at initialization (step 0), input side first. */
export function gradientsAtInit(run: RunResult): number[] {
  return run.gradientNorms.find((snapshot) => snapshot.step === 0)?.perLayer ?? [];
}

/** First-layer / last-layer gradient ratio at each recorded step (steps where the last is zero skipped). */
export function ratiosOverTraining(run: RunResult): number[] {
  return run.gradientNorms.flatMap(({ perLayer }) => {
    const first = perLayer[0];
    const last = perLayer.at(-1);
    return perLayer.length < 2 || first === undefined || !last ? [] : [first / last];
  });
}

/** True when every layer's gradient stayed tiny at every recorded step of every run. */
export function allGradientsTiny(runs: readonly RunResult[]): boolean {
  return (
    runs.length > 0 &&
    runs.every((run) => run.gradientNorms.length > 0 && largestGradient(run) < TINY_GRADIENT)
  );
}

/** A run and the loss it was trained with. */
export interface RunWithLoss {
  run: RunResult;
  loss: Loss;
}

/** Every training run of a result, with its loss (landscape and lp results carry no runs). */
export function runsOf(result: ExperimentResult): RunWithLoss[] {
  switch (result.experiment) {
    case 'train':
    case 'compare':
      return result.runs.map((run) => ({ run, loss: result.spec.loss }));
    case 'restarts':
      return result.groups.flatMap((group) => group.runs.map((run) => ({ run, loss: group.loss })));
    default:
      return [];
  }
}
