import type { HardnessRecord } from '../../engine/hardness/types.js';
import { MOMENTUM } from '../../engine/limits.js';
import type { FitSpec, LandscapeVariant } from '../../engine/result.js';
import { meanOfFinite, type RunFacts } from './facts.js';

/*
 * Judgements: what the facts of a run mean, with every threshold the tutor uses named once here.
 * Sentences, chart captions, alt text, quiz reveals and follow-up buttons all read these
 * judgements; none of them compares a number with a cut-off of its own. A judgement can be
 * "cannot tell", and says so.
 */

/** Within this of the no-learning level (absolute, inclusive), a loss sits at it. */
export const AT_LEVEL_BAND = 0.01;

/**
 * A run learned something once its best loss fell below the no-learning level by more than this
 * share of the level (0.035 for cross-entropy, 0.0125 for squared error); losses, trends and
 * spreads smaller than that near the level are not told apart.
 */
export const LEARNED_SHARE_OF_LEVEL = 0.05;

/** A final loss this far above both the level and the run's own best: worse than answering 0.5. */
export const ABOVE_LEVEL_MARGIN = 0.05;

/** A rise above the lowest loss so far by more than this share of the level, to above it: a spike. */
const SPIKE_SHARE_OF_LEVEL = 0.5;

/** A loss still falling by more than this share over the last tenth of the steps has not settled. */
const STILL_FALLING_SHARE = 0.01;

/**
 * Nor has a loss whose last tenth of the steps still carried this share of its whole fall: half
 * the pace of an even descent. A short run can fall by well under 1% per tenth and still be on its
 * way down.
 */
const STILL_FALLING_PACE = 0.05;

/**
 * Nor has a loss that fell over each of the last two tenths of the steps, the last by more than
 * FALL_ABOVE_NOISE of the final loss and by at least NOT_SLOWING times the one before: a settling
 * loss slows down, and one that keeps its pace, however slow, is on its way down.
 */
const FALL_ABOVE_NOISE = 1e-4;
const NOT_SLOWING = 0.8;

/** A loss that fell to under this fraction of where it started moved, however small its start. */
const MOVED_FACTOR = 0.5;

/** A loss before the first step at least this large: the initial weights overflow the output. */
const OVERFLOW_AT_INIT = 1000;

/** A layer whose gradient norm stays below this gets no usable update (learning nets: ~0.01–10). */
export const TINY_GRADIENT = 1e-4;

/**
 * A first-layer gradient above this still moves the layer, whatever the ratio says. Measured on
 * default /train runs (moons): first layers that learn start at 0.028–0.45; sigmoid depth 3, which
 * barely learns, sits around 0.007–0.011; depth 4 and deeper stay below 2e-3 all along.
 */
export const MOVING_FIRST_LAYER = 0.01;

/** First/last gradient ratio: below VANISHED a hundredfold shrink, within a factor ten of 1 healthy. */
const RATIO = { vanished: 0.01, weak: 0.1, exploding: 10 } as const;

/**
 * Adam's ε (TensorFlow.js's float32 epsilon): it divides each step by √v + ε, so a gradient well
 * above ε gets a full-size step and one below it a step shrunk by about gradient / ε.
 */
export const ADAM_EPSILON = 1e-7;

/** At least this share of saturated or dead units is worth a sentence and a chart. */
export const NOTABLE_SATURATION = 0.25;

/** Half or more of the units dead or saturated: it changes the story and is always said. */
export const MOSTLY_SATURATED = 0.5;

/**
 * A mean accuracy from which a loss near the no-learning level is told together with it: the
 * outputs already sit on the right side of 0.5, just close to it, and "did not learn" alone would
 * read as guessing.
 */
export const HIGH_ACCURACY = 0.9;

/** Input noise from which the classes of the generated shapes visibly overlap (their scale is about 1). */
export const NOISY_DATA = 0.3;

/** Restarts' final losses within this (absolute) of each other count as one stopping place. */
export const SAME_PLACE = 0.01;

/** What one seed did over its whole trajectory. */
export type SeedKind =
  /** The loss overflowed (NaN or infinity) at some step. */
  | 'diverged'
  /**
   * Its loss rose by more than the learned margin above a lower value it had reached, and it
   * ended that far above its best: in full-batch training the loss rises only when a step
   * overshoots. This covers a run that learned and lost it, one that swung up and down, and one
   * that ended above the no-learning level.
   */
  | 'overshot'
  /** Its best loss never got meaningfully below the no-learning level. */
  | 'never-learned'
  /** It sat below the level only because it started there: its loss never fell by the margin. */
  | 'did-not-move'
  /** It learned and was still falling when training stopped. */
  | 'still-falling'
  /** It learned and had settled. */
  | 'learned';

/** The margin below the level that counts as having learned something. */
export const learnedMargin = (level: number) => LEARNED_SHARE_OF_LEVEL * level;

/** The loss sits at the no-learning level. */
export const atLevel = (loss: number, level: number) => Math.abs(loss - level) <= AT_LEVEL_BAND;

/** The judgement of one seed's trajectory. */
export function seedKind(f: RunFacts): SeedKind {
  if (f.overflowed) return 'diverged';
  const margin = learnedMargin(f.level);
  if (rose(f) && f.final > f.best + margin) return 'overshot';
  if (!(f.best < f.level - margin)) return 'never-learned';
  if (!moved(f)) return 'did-not-move';
  return stillFalling(f) ? 'still-falling' : 'learned';
}

/**
 * The loss rose, at some step, by more than the learned margin above the lowest value it had
 * reached before. Every run here is trained on the full batch, so its loss is one deterministic
 * function of the weights, and a small enough step never raises it: a rise means a step overshot.
 */
export function rose(f: RunFacts): boolean {
  return f.jump.to - f.jump.from > learnedMargin(f.level);
}

/** The loss moved from where it started: down by the learned margin, or to under half its start. */
export function moved(f: RunFacts): boolean {
  if (!Number.isFinite(f.first)) return true;
  return f.first - f.best > learnedMargin(f.level) || f.best < MOVED_FACTOR * f.first;
}

/** The loss was still on its way down when training stopped. */
export function stillFalling(f: RunFacts): boolean {
  // The pace counts only for a run whose whole fall is worth the name: a loss that fell by 0.0001 in
  // all, half of it at the end, is not on its way anywhere. A tenth of the learned margin is: a
  // slow, steady descent that has not yet crossed the margin is still a descent.
  const fellEnough = f.first - f.final > learnedMargin(f.level) / 10;
  const keepsPace =
    f.recentFall > FALL_ABOVE_NOISE && f.priorFall > 0 && f.recentFall >= NOT_SLOWING * f.priorFall;
  return (
    f.recentFall > STILL_FALLING_SHARE ||
    (fellEnough && f.recentShareOfFall > STILL_FALLING_PACE) ||
    keepsPace
  );
}

/** No seed's loss moved from where it started: the budget was too small for the run to show anything. */
export function nothingMoved(seeds: readonly RunFacts[]): boolean {
  // Up counts as moving too: a loss that jumped, or ended well above its start, moved.
  return (
    seeds.length > 0 &&
    seeds.every(
      (f) => !f.overflowed && !moved(f) && !spiked(f) && !(f.final > f.first + learnedMargin(f.level)),
    )
  );
}

/** Kinds in which the net ended having learned something. */
export const LEARNED_KINDS: ReadonlySet<SeedKind> = new Set(['learned', 'still-falling']);

/** Kinds caused by the step size (or the initial weights): no depth story can be read from them. */
export const STEP_KINDS: ReadonlySet<SeedKind> = new Set(['diverged', 'overshot']);

/** The loss jumped well up, to above the no-learning level. */
export function spiked(f: RunFacts): boolean {
  return f.jump.to - f.jump.from > SPIKE_SHARE_OF_LEVEL * f.level && f.jump.to > f.level;
}

/** It spiked, then came back to within the above-level margin of where it was and learned. */
export function recoveredFromSpike(f: RunFacts): boolean {
  const kind = seedKind(f);
  return spiked(f) && LEARNED_KINDS.has(kind) && f.final <= f.jump.from + ABOVE_LEVEL_MARGIN;
}

/** The initial weights already overflow the output: a huge or non-finite loss at step 0. */
export function overflowedAtInit(f: RunFacts): boolean {
  return !Number.isFinite(f.first) || f.first >= OVERFLOW_AT_INIT;
}

/** The gradient's trip back to the first layer, judged on absolute sizes and on the ratio. */
export type GradientVerdict =
  | 'all-tiny'
  | 'vanished'
  | 'weak'
  | 'healthy'
  | 'exploding'
  /** Fewer than two layers, no snapshot, or numbers that fit no verdict cleanly. */
  | 'cannot-tell';

/** The verdict on one seed's gradients at step 0 (absolute norms over training for all-tiny). */
function gradientVerdict(f: RunFacts): GradientVerdict {
  const first = f.atInit[0];
  const last = f.atInit.at(-1);
  if (f.atInit.length < 2 || first === undefined || last === undefined || !(last > 0)) return 'cannot-tell';
  if (f.largestGradient < TINY_GRADIENT) return 'all-tiny';
  const ratio = first / last;
  if (ratio < RATIO.vanished) return first < MOVING_FIRST_LAYER ? 'vanished' : 'cannot-tell';
  if (ratio < RATIO.weak) return 'weak';
  if (ratio <= RATIO.exploding) return Math.min(...f.atInit) >= TINY_GRADIENT ? 'healthy' : 'cannot-tell';
  return 'exploding';
}

/**
 * The first layer's own gradient stayed too small to move it at every snapshot (more than step 0
 * measured), and a hundred times below the last layer's at the start: the evidence that the
 * layers next to the input barely learn, as far as the snapshots show.
 */
export function firstLayerStarved(f: RunFacts): boolean {
  const lastAtInit = f.atInit.at(-1);
  if (f.firstLayer.length < 2 || lastAtInit === undefined || !(lastAtInit > 0)) return false;
  return f.firstLayer.every((norm) => norm < MOVING_FIRST_LAYER && norm / lastAtInit < RATIO.vanished);
}

/** The first/last ratio stayed below the vanished cut at every snapshot (more than step 0). */
export function ratioVanishedThroughout(f: RunFacts): boolean {
  const ratios = f.firstLayer.map((first, i) => first / (f.lastLayer[i] ?? Number.NaN));
  return ratios.length > 1 && ratios.every((r) => r < RATIO.vanished);
}

/** The ratio stayed healthy at every snapshot. */
export function ratioHealthyThroughout(f: RunFacts): boolean {
  const ratios = f.firstLayer.map((first, i) => first / (f.lastLayer[i] ?? Number.NaN));
  return ratios.length > 0 && ratios.every((r) => r >= RATIO.weak && r <= RATIO.exploding);
}

/** How a group of seeds (one depth, one architecture) came out: counts by kind. */
export interface GroupJudgement {
  seeds: RunFacts[];
  kinds: SeedKind[];
  count: (kinds: ReadonlySet<SeedKind> | SeedKind) => number;
  /** Every seed learned (learned or still falling). */
  allLearned: boolean;
  /** No seed learned. */
  noneLearned: boolean;
  /** Mean final loss over seeds whose loss stayed finite (NaN when none). */
  meanFinal: number;
  /** The verdict every seed shares, or 'cannot-tell' when they disagree. */
  gradient: GradientVerdict;
}

/** Judges a group of seeds of one configuration. */
export function judgeGroup(seeds: readonly RunFacts[]): GroupJudgement {
  const kinds = seeds.map(seedKind);
  const count = (which: ReadonlySet<SeedKind> | SeedKind) =>
    kinds.filter((k) => (typeof which === 'string' ? k === which : which.has(k))).length;

  const verdicts = new Set(seeds.map(gradientVerdict));
  const [only] = verdicts;
  return {
    seeds: [...seeds],
    kinds,
    count,
    allLearned: seeds.length > 0 && count(LEARNED_KINDS) === seeds.length,
    noneLearned: count(LEARNED_KINDS) === 0,
    meanFinal: meanOfFinite(seeds.map((f) => f.final)),
    gradient: verdicts.size === 1 && only !== undefined ? only : 'cannot-tell',
  };
}

/** Which way a sweep went from its best depth to its deepest, judged over every depth and seed. */
export type TrendDirection =
  /** The deepest net ended clearly worse than the best depth, or fewer of its seeds learned. */
  | 'worse'
  /** Every depth within the margin of the others, and as many seeds learning at each. */
  | 'flat'
  /** The deepest net ended within the margin of the best depth, and the shallowest clearly worse. */
  | 'better'
  /** No depth learned anything: the sweep cannot show a trend. */
  | 'none-learned';

/** One depth of a sweep, judged. */
export interface DepthJudgement extends GroupJudgement {
  depth: number;
}

/** The depth trend of a sweep. */
export interface DepthTrend {
  direction: TrendDirection;
  depths: DepthJudgement[];
  /** The depth with the lowest mean final loss (the shallowest among ties within the margin). */
  best: DepthJudgement;
  deepest: DepthJudgement;
  shallowest: DepthJudgement;
  /** Mean final losses never rise by more than the margin from one depth to the next deeper. */
  monotone: boolean;
  /**
   * The seeds of the deepest depth split: some learned and some did not (a "partly" trend). For
   * 'better' and 'flat', also true when a deep seed failed while the trend says deeper did fine.
   */
  partly: boolean;
  /** Depths where no seed learned, and depths where some but not all did. */
  failedDepths: number[];
  splitDepths: number[];
  margin: number;
}

/** Judges a sweep: every depth and every seed, best depth against deepest with absolute margins. */
export function depthTrend(byDepth: readonly { depth: number; seeds: RunFacts[] }[]): DepthTrend | undefined {
  const depths = [...byDepth]
    .filter((d) => d.seeds.length > 0)
    .sort((a, b) => a.depth - b.depth)
    .map((d) => ({ depth: d.depth, ...judgeGroup(d.seeds) }));
  const shallowest = depths[0];
  const deepest = depths.at(-1);
  if (!shallowest || !deepest) return undefined;
  const level = shallowest.seeds[0]?.level ?? Math.LN2;
  const margin = learnedMargin(level);
  const finite = depths.filter((d) => Number.isFinite(d.meanFinal));
  const best =
    finite.reduce<DepthJudgement | undefined>(
      (b, d) => (b === undefined || d.meanFinal < b.meanFinal - margin ? d : b),
      undefined,
    ) ?? shallowest;
  const learnedShare = (d: DepthJudgement) => d.count(LEARNED_KINDS) / d.seeds.length;
  const failedDepths = depths.filter((d) => d.noneLearned).map((d) => d.depth);
  const splitDepths = depths.filter((d) => !d.noneLearned && !d.allLearned).map((d) => d.depth);
  const monotone = finite.every((d, i) => i === 0 || d.meanFinal >= (finite[i - 1]?.meanFinal ?? 0) - margin);
  let direction: TrendDirection;
  if (depths.every((d) => d.noneLearned)) direction = 'none-learned';
  else if (
    deepest.meanFinal > best.meanFinal + margin ||
    !Number.isFinite(deepest.meanFinal) ||
    learnedShare(deepest) < Math.max(...depths.map(learnedShare))
  )
    direction = 'worse';
  else if (shallowest.meanFinal > best.meanFinal + margin) direction = 'better';
  else direction = 'flat';
  const partly = direction !== 'none-learned' && !deepest.allLearned && !deepest.noneLearned;
  return {
    direction,
    depths,
    best,
    deepest,
    shallowest,
    monotone,
    partly: partly || (direction !== 'worse' && splitDepths.length > 0),
    failedDepths,
    splitDepths,
    margin,
  };
}

/**
 * The depths at which some seed overshot or diverged, and those whose every seed ended stably: no
 * overflow, no final loss well above its own best (a jump it came back from is allowed), and none
 * above the no-learning level by ABOVE_LEVEL_MARGIN (a net that started above it and stayed there
 * is not evidence of a stable step). A depth can be neither.
 */
export function stableDepths(trend: DepthTrend): { unstable: number[]; stable: number[] } {
  const unstable = trend.depths.filter((d) => d.count(STEP_KINDS) > 0).map((d) => d.depth);
  const stable = trend.depths
    .filter(
      (d) =>
        d.count(STEP_KINDS) === 0 &&
        d.seeds.every((f) => Number.isFinite(f.final) && f.final <= f.level + ABOVE_LEVEL_MARGIN),
    )
    .map((d) => d.depth);
  return { unstable, stable };
}

/**
 * The step budget of a run: how far the weights can move in all per unit of a steady gradient.
 * Plain gradient descent moves learning rate × steps; momentum's velocity builds up toward
 * 1 / (1 − MOMENTUM) times that, so step t moves the rate × (1 − MOMENTUM^t) / (1 − MOMENTUM).
 * Undefined for Adam, whose steps do not scale with the gradient.
 */
export function stepBudget(spec: Pick<FitSpec, 'learningRate' | 'steps' | 'optimizer'>): number | undefined {
  if (spec.optimizer === 'adam') return undefined;
  if (spec.optimizer === 'sgd') return spec.learningRate * spec.steps;
  let total = 0;
  for (let t = 1; t <= spec.steps; t++) total += (1 - MOMENTUM ** t) / (1 - MOMENTUM);
  return spec.learningRate * total;
}

/** Fewer steps than this are too few to judge a trajectory: settled, still falling and stalled need a curve. */
export const MIN_JUDGED_STEPS = 10;

/**
 * A step budget below this cannot show whether anything stops a net. Measured on two-moons with
 * seeds 1–3: the smallest budgets with which shallow nets (depth 1 and 2; sigmoid, relu; sgd,
 * momentum, Adam) got clearly below ln 2 were 0.3 (learning rate × steps for sgd and Adam, whose
 * steps move each weight by about the rate); a tenth of a unit is below every one of them.
 */
export const TINY_BUDGET = 0.1;

/** Whether a run's budget can show anything about training. */
export type BudgetVerdict = 'too-few-steps' | 'tiny' | 'enough';

/** The budget judged: too few steps to have a trajectory, too small a rate × steps, or enough. */
export function judgeBudget(spec: Pick<FitSpec, 'learningRate' | 'steps' | 'optimizer'>): BudgetVerdict {
  if (spec.steps < MIN_JUDGED_STEPS) return 'too-few-steps';
  return (budgetSize(spec) ?? 0) < TINY_BUDGET ? 'tiny' : 'enough';
}

/** Learning rate × steps (Adam), or the step budget (sgd, momentum). */
export function budgetSize(spec: Pick<FitSpec, 'learningRate' | 'steps' | 'optimizer'>): number {
  return stepBudget(spec) ?? spec.learningRate * spec.steps;
}

/** Every layer's gradient stayed below TINY_GRADIENT at every snapshot of every seed. */
export function gradientsTinyThroughout(seeds: readonly RunFacts[]): boolean {
  return (
    seeds.length > 0 &&
    seeds.every((f) => f.gradientSteps.length > 0 && !f.overflowed && f.largestGradient < TINY_GRADIENT)
  );
}

/** Weights moved by less than this in norm, in all, stay where they started for any purpose here. */
export const NEGLIGIBLE_MOVE = 0.01;

/**
 * The most a layer's weights could move along gradients no larger than `largest`, at the largest
 * learning rate and the most steps the tutor accepts. Under sgd and momentum that is the step
 * budget times the gradient. Adam divides each step by the gradient's own size plus ε, so a
 * gradient far below ε moves a weight by about the rate × gradient / ε per step, and one near or
 * above ε by up to the rate: its bound is the rate × steps × min(1, largest / ε).
 */
export function largestMove(
  largest: number,
  optimizer: FitSpec['optimizer'],
  limits: { learningRate: number; steps: number },
): number {
  const budget = stepBudget({ optimizer, learningRate: limits.learningRate, steps: limits.steps });
  if (budget !== undefined) return budget * largest;
  return limits.learningRate * limits.steps * Math.min(1, largest / ADAM_EPSILON);
}

/**
 * The first layer's gradient was healthy at the start and had fallen below TINY_GRADIENT by the
 * last snapshot on every seed: the step-0 verdict alone would hide it. The step it first fell
 * there (largest over seeds) is returned, or undefined.
 */
export function firstLayerFaded(seeds: readonly RunFacts[]): { step: number; largest: number } | undefined {
  if (seeds.length === 0) return undefined;
  let step = 0;
  for (const f of seeds) {
    const start = f.firstLayer[0];
    const end = f.firstLayer.at(-1);
    if (f.firstLayer.length < 2 || start === undefined || end === undefined) return undefined;
    if (!(start >= TINY_GRADIENT) || !(end < TINY_GRADIENT)) return undefined;
    const from = f.firstLayer.findIndex((_, i) => f.firstLayer.slice(i).every((h) => h < TINY_GRADIENT));
    step = Math.max(step, f.gradientSteps[from] ?? 0);
  }
  // The largest first-layer norm at any snapshot from that step on, over every seed.
  const after = seeds.flatMap((f) => f.firstLayer.filter((_, i) => (f.gradientSteps[i] ?? 0) >= step));
  return { step, largest: Math.max(...after) };
}

/** Stopping places of a group of restarts, among those that had settled. */
export interface StoppingPlaces {
  /** Restarts that had stopped falling, and their final losses' range. */
  settled: number;
  settledLow: number;
  settledHigh: number;
  /** Restarts still falling when training stopped. */
  falling: number;
  /** Restarts whose loss fell by less than the learned margin from its start: not a place found. */
  unmoved: number;
  /** Settled restarts ended further apart than SAME_PLACE: more than one place to stop. */
  several: boolean;
  /** Every restart settled, within SAME_PLACE of the others. */
  one: boolean;
  /** Every restart sat at the no-learning level. */
  allAtLevel: boolean;
  level: number;
}

/**
 * A restart had stopped where it ended, for telling stopping places apart: not still falling, and
 * its loss fell by at most a tenth of SAME_PLACE over the last tenth of the steps. At a faster pace,
 * as many steps again could carry it past SAME_PLACE, so two such restarts a little apart may be
 * one plateau left at different times rather than two places.
 */
export function settledInPlace(f: RunFacts): boolean {
  const lastTenthDrop = Number.isFinite(f.recentFall) ? f.recentFall * f.final : Number.POSITIVE_INFINITY;
  return !stillFalling(f) && lastTenthDrop <= SAME_PLACE / 10;
}

/** Judges restarts: settled runs at different losses are different stopping places, whatever others do. */
export function stoppingPlaces(seeds: readonly RunFacts[]): StoppingPlaces {
  const allFinals = seeds.map((f) => f.final);
  const unmoved = seeds.filter((f) => Number.isFinite(f.final) && !moved(f));
  const settled = seeds.filter((f) => Number.isFinite(f.final) && moved(f) && settledInPlace(f));
  const finals = settled.map((f) => f.final);
  const low = finals.length > 0 ? Math.min(...finals) : Number.NaN;
  const high = finals.length > 0 ? Math.max(...finals) : Number.NaN;
  const falling = seeds.filter((f) => Number.isFinite(f.final) && moved(f) && !settledInPlace(f)).length;
  return {
    settled: settled.length,
    settledLow: low,
    settledHigh: high,
    falling,
    unmoved: unmoved.length,
    several: settled.length >= 2 && high - low > SAME_PLACE,
    // Every restart ended at one loss and none was still falling: where a restart started (even
    // already at that loss, so that it barely moved) does not matter for agreement.
    one:
      seeds.length > 0 &&
      allFinals.every(Number.isFinite) &&
      seeds.every((f) => !stillFalling(f)) &&
      Math.max(...allFinals) - Math.min(...allFinals) <= SAME_PLACE,
    allAtLevel: seeds.length > 0 && seeds.every((f) => atLevel(f.final, f.level)),
    level: seeds[0]?.level ?? Math.LN2,
  };
}

/** A map cell's final losses, judged like seeds without curves: learned, at the level, above it. */
export type CellKind = 'learned' | 'at-level' | 'between' | 'above' | 'diverged';

/** Judges one map cell by its mean final loss against the no-learning level. */
export function cellKind(meanFinal: number, level: number): CellKind {
  if (!Number.isFinite(meanFinal)) return 'diverged';
  if (meanFinal > level + ABOVE_LEVEL_MARGIN) return 'above';
  if (atLevel(meanFinal, level) || meanFinal > level) return 'at-level';
  return meanFinal < level - learnedMargin(level) ? 'learned' : 'between';
}

/**
 * A ratio below this between the largest and smallest size's solve time is not called growth:
 * timings of a few ms move by that much with the machine's load alone. Growth is also checked
 * against the solver's own work (branch-and-bound nodes, simplex iterations), which does not
 * depend on the load.
 */
export const GROWTH = 3;

/**
 * Fewer gradient-descent steps than this cannot show that gradient descent misses a fit that
 * exists: the default /hardness restarts take 300 steps, in which they fit the instances one unit
 * separates; a run of a few dozen steps fails those too.
 */
export const DESCENT_STEPS = 100;

/**
 * A hardness instance is trivial when it has one label only, or one threshold unit separates it:
 * then the three-node network fits at once (one hidden unit copies the separator), and the
 * instance says nothing about the hardness of exact training.
 */
export function trivialInstance(record: Pick<HardnessRecord, 'positives' | 'n' | 'lp'>): boolean {
  return record.positives === 0 || record.positives === record.n || record.lp.separable;
}

/** Roughness must differ by this factor before one slice counts as bumpier than another. */
const ROUGHNESS_FACTOR = 1.2;

/** A rise along the init→final line smaller than this share of the line's range is noise. */
export const BARRIER_SHARE = 0.02;

/** How one loss-surface slice compares with another. */
export type Bumpiness = 'bumpier' | 'smoother' | 'similar';

/** A random-direction slice whose loss varies by less than this is flat: its bumps are noise. */
export const FLAT_SLICE = 1e-3;

/** The slice's loss varies by less than FLAT_SLICE: its counted bumps are rounding noise. */
export const flatSlice = (v: LandscapeVariant) => {
  const losses = v.direction.losses.filter(Number.isFinite);
  return losses.length === 0 || Math.max(...losses) - Math.min(...losses) < FLAT_SLICE;
};

/**
 * Bumpier only when a is at least as bumpy on both counts (extra minima, roughness) and clearly
 * more on one; smoother the other way round; anything mixed is 'similar'.
 */
export function compareBumps(a: LandscapeVariant, b: LandscapeVariant): Bumpiness {
  // On a slice flat to within FLAT_SLICE the counted minima are rounding noise: a flat slice is
  // never the bumpier one.
  const verdict = bumpsOf(a, b);
  if (verdict === 'bumpier' && flatSlice(a)) return 'similar';
  if (verdict === 'smoother' && flatSlice(b)) return 'similar';
  return verdict;
}

function bumpsOf(a: LandscapeVariant, b: LandscapeVariant): Bumpiness {
  const rougher = (x: LandscapeVariant, y: LandscapeVariant) => x.roughness > y.roughness * ROUGHNESS_FACTOR;
  const noSmoother = (x: LandscapeVariant, y: LandscapeVariant) =>
    x.extraMinima >= y.extraMinima && x.roughness * ROUGHNESS_FACTOR >= y.roughness;
  if (noSmoother(a, b) && (a.extraMinima > b.extraMinima || rougher(a, b))) return 'bumpier';
  if (noSmoother(b, a) && (b.extraMinima > a.extraMinima || rougher(b, a))) return 'smoother';
  return 'similar';
}
