import type { ExperimentResult, FitSpec, RestartGroup, RunResult } from '../../engine/result.js';
import { classesOf, noLearning } from '../no-learning.js';

/*
 * Facts: what one training run measured, as plain numbers, with no threshold but the data's own
 * (the no-learning level of the loss). Judgements (judge.ts) read these and nothing else of a run;
 * the claims audit's oracle reads the same result independently.
 */

type Loss = FitSpec['loss'];

/** The largest rise of the loss above the lowest value reached before it. */
export interface Jump {
  from: number;
  to: number;
  /** The step at which the loss reached `to`. */
  step: number;
}

/** One run's trajectory and gradients, read once. */
export interface RunFacts {
  depth: number;
  loss: Loss;
  seed: number;
  /** The data's class count K (2 for the generated shapes). */
  classes: number;
  /** The loss of a net that answers 1/K for every class everywhere (ln K, or 0.25 for squared error). */
  level: number;
  /** The last recorded step. */
  lastStep: number;
  /** Loss at step 0; NaN when it overflowed. */
  first: number;
  /** Lowest finite loss on the curve (or the final loss), and the step where it was reached. */
  best: number;
  bestStep: number;
  /** Final loss; NaN when it overflowed. */
  final: number;
  finalAccuracy: number;
  /** Some loss on the curve, or the final one, was NaN, infinite or null (JSON's NaN). */
  overflowed: boolean;
  jump: Jump;
  /** How much lower the loss ended than a tenth of the steps before, as a share of the final loss. */
  recentFall: number;
  /** The same fall over the last tenth of the steps, as a share of the whole fall from the start (0 when none). */
  recentShareOfFall: number;
  /** How much the loss fell over the tenth of the steps before the last, as a share of the final loss. */
  priorFall: number;
  /** Steps of the gradient snapshots, and each snapshot's first-layer and last-layer norm. */
  gradientSteps: number[];
  firstLayer: number[];
  lastLayer: number[];
  /** Per-layer norms at step 0 (input side first); empty when none was recorded. */
  atInit: number[];
  /** Largest finite layer norm at any snapshot (0 when none). */
  largestGradient: number;
  /** Mean share of saturated (sigmoid, tanh) or dead (relu) hidden units at the end, when measured. */
  saturationAtEnd: number | undefined;
}

// A result read back from a cache or a queue has null where the engine had NaN or infinity.
const finite = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** The largest rise above the lowest finite loss so far. */
function largestJump(steps: readonly number[], losses: readonly (number | null)[]): Jump {
  let lowest = Number.POSITIVE_INFINITY;
  let jump: Jump = { from: 0, to: 0, step: 0 };
  losses.forEach((loss, i) => {
    if (!finite(loss)) return;
    if (loss - lowest > jump.to - jump.from) jump = { from: lowest, to: loss, step: steps[i] ?? 0 };
    lowest = Math.min(lowest, loss);
  });
  // A loss that rose and then sat on a plateau peaks by a hair somewhere along it: the jump is told
  // at the first step that reached the plateau (within a printed digit), where a reader sees it.
  lowest = Number.POSITIVE_INFINITY;
  for (const [i, loss] of losses.entries()) {
    if (!finite(loss)) continue;
    if (lowest === jump.from && loss >= jump.to - JUMP_PLATEAU)
      return { ...jump, to: loss, step: steps[i] ?? 0 };
    lowest = Math.min(lowest, loss);
  }
  return jump;
}

/** Losses within this of a jump's peak count as having reached it. */
const JUMP_PLATEAU = 5e-4;

/** The loss recorded at the first step at or after `share` of the run (never the last point). */
function lossAtShare(steps: readonly number[], losses: readonly (number | null)[], share: number) {
  const lastStep = steps.at(-1) ?? 0;
  const index = steps.findIndex((step) => step >= share * lastStep);
  return losses[Math.min(index, losses.length - 2)];
}

/** The share by which the loss fell over the last tenth of the steps (0 when it cannot be told). */
function fallOverLastTenth(steps: readonly number[], losses: readonly (number | null)[]): number {
  const before = lossAtShare(steps, losses, 0.9);
  const after = losses.at(-1);
  if (!finite(before) || !finite(after)) return 0;
  if (after <= 0) return before > 0 ? Number.POSITIVE_INFINITY : 0;
  return (before - after) / after;
}

/** The fall over the tenth of the steps before the last, as a share of the final loss (0 when it cannot be told). */
function fallOverPriorTenth(steps: readonly number[], losses: readonly (number | null)[]): number {
  const [start, end, final] = [
    lossAtShare(steps, losses, 0.8),
    lossAtShare(steps, losses, 0.9),
    losses.at(-1),
  ];
  if (!finite(start) || !finite(end) || !finite(final) || !(final > 0)) return 0;
  return (start - end) / final;
}

/** The fall over the last tenth of the steps as a share of the fall since step 0 (0 when it did not fall). */
function shareOfWholeFall(steps: readonly number[], losses: readonly (number | null)[]): number {
  const lastStep = steps.at(-1) ?? 0;
  const index = steps.findIndex((step) => step >= 0.9 * lastStep);
  const [start, before, after] = [losses[0], losses[Math.min(index, losses.length - 2)], losses.at(-1)];
  if (!finite(start) || !finite(before) || !finite(after) || !(start > after)) return 0;
  return Math.max(0, before - after) / (start - after);
}

/** The mean of the finite values (NaN when there are none): a diverged seed does not poison the rest. */
export function meanOfFinite(values: readonly number[]): number {
  const kept = values.filter(Number.isFinite);
  return kept.length === 0 ? Number.NaN : kept.reduce((a, b) => a + b, 0) / kept.length;
}

/** The facts of one run trained with `loss` on data of `classes` classes. */
export function runFacts(run: RunResult, loss: Loss, classes: number): RunFacts {
  const { steps, losses } = run.lossCurve as { steps: number[]; losses: (number | null)[] };
  const finalLoss = run.finalLoss as number | null;
  const curve = losses.map((l, i) => ({ loss: l, step: steps[i] ?? 0 })).filter((p) => finite(p.loss));
  const lowest = curve.reduce<{ loss: number; step: number } | undefined>(
    (min, p) =>
      min === undefined || (p.loss as number) < min.loss ? { loss: p.loss as number, step: p.step } : min,
    undefined,
  );
  const lastStep = steps.at(-1) ?? 0;
  const best =
    lowest === undefined || (finite(finalLoss) && finalLoss < lowest.loss)
      ? { loss: finite(finalLoss) ? finalLoss : Number.NaN, step: lastStep }
      : lowest;
  const perLayer = run.gradientNorms.map((s) => s.perLayer);
  const norms = perLayer.flat().filter(finite);
  const atEnd = run.saturation.atEnd.filter(finite);
  return {
    depth: run.depth,
    loss,
    seed: run.seed,
    classes,
    level: noLearning(loss, classes).level,
    lastStep,
    first: finite(losses[0]) ? losses[0] : Number.NaN,
    best: best.loss,
    bestStep: best.step,
    final: finite(finalLoss) ? finalLoss : Number.NaN,
    finalAccuracy: run.finalAccuracy,
    overflowed: !finite(finalLoss) || losses.some((l) => !finite(l)),
    jump: largestJump(steps, losses),
    recentFall: fallOverLastTenth(steps, losses),
    recentShareOfFall: shareOfWholeFall(steps, losses),
    priorFall: fallOverPriorTenth(steps, losses),
    gradientSteps: run.gradientNorms.map((s) => s.step),
    firstLayer: perLayer.map((layers) => layers[0] ?? Number.NaN),
    lastLayer: perLayer.map((layers) => layers.at(-1) ?? Number.NaN),
    atInit: run.gradientNorms.find((s) => s.step === 0)?.perLayer ?? [],
    largestGradient: norms.length === 0 ? 0 : Math.max(...norms),
    saturationAtEnd: atEnd.length === 0 ? undefined : atEnd.reduce((a, b) => a + b, 0) / atEnd.length,
  };
}

/**
 * The class count a group of restarts trained on: the squared-error neuron always runs on its own
 * small two-class set (built to show one trap), every other group on the spec's data.
 */
export function groupClasses(group: Pick<RestartGroup, 'architecture'>, spec: object): number {
  return group.architecture === 'neuron-mse' ? 2 : classesOf(spec);
}

/** A run's facts and the group it belongs to: a depth of a sweep, or an architecture of restarts. */
export interface Seed {
  facts: RunFacts;
  run: RunResult;
}

/** Every training run of a result with its facts (landscape, lp, map and hardness carry no runs). */
export function seedsOf(result: ExperimentResult): Seed[] {
  switch (result.experiment) {
    case 'train':
    case 'compare':
      return result.runs.map((run) => ({
        run,
        facts: runFacts(run, result.spec.loss, classesOf(result.spec)),
      }));
    case 'restarts':
      return result.groups.flatMap((group) =>
        group.runs.map((run) => ({
          run,
          facts: runFacts(run, group.loss, groupClasses(group, result.spec)),
        })),
      );
    default:
      return [];
  }
}

/**
 * The first-layer / last-layer gradient ratio of a group of seeds at step 0, defined once for
 * sentences, subtitles, alt text and plots: the ratio of the seeds' mean norms, which is the
 * ratio of the two ends of the plotted mean line. Undefined with fewer than two layers.
 */
export function initialRatio(seeds: readonly RunFacts[]): number | undefined {
  const ends = seeds
    .map((f) => [f.atInit[0], f.atInit.length > 1 ? f.atInit.at(-1) : undefined] as const)
    .filter((pair): pair is readonly [number, number] => finite(pair[0]) && finite(pair[1]));
  if (ends.length === 0) return undefined;
  const first = ends.reduce((sum, [f]) => sum + f, 0) / ends.length;
  const last = ends.reduce((sum, [, l]) => sum + l, 0) / ends.length;
  return last > 0 ? first / last : undefined;
}

/**
 * Facts of a seed known only by its final loss (a map cell records no curve): its best is its
 * final, and it counts as settled. Judged like any seed, it learned or it did not.
 */
export function finalOnlyFacts(
  finalLoss: number | null,
  depth: number,
  loss: Loss,
  classes: number,
): RunFacts {
  const final = typeof finalLoss === 'number' && Number.isFinite(finalLoss) ? finalLoss : Number.NaN;
  return {
    depth,
    loss,
    seed: 0,
    classes,
    level: noLearning(loss, classes).level,
    lastStep: 0,
    first: Number.NaN,
    best: final,
    bestStep: 0,
    final,
    finalAccuracy: Number.NaN,
    overflowed: Number.isNaN(final),
    jump: { from: 0, to: 0, step: 0 },
    recentFall: 0,
    recentShareOfFall: 0,
    priorFall: 0,
    gradientSteps: [],
    firstLayer: [],
    lastLayer: [],
    atInit: [],
    largestGradient: 0,
    saturationAtEnd: undefined,
  };
}
