import { optionSpelling } from '../../engine/fields.js';
import type { MapCell, MapResult, SignalPoint } from '../../engine/result.js';
import { describeColumn, slowestSteps } from '../charts/builders/map-bins.js';
import { finalOnlyFacts } from '../judge/facts.js';
import {
  cellKind,
  depthTrend,
  judgeBudget,
  learnedMargin,
  MIN_JUDGED_STEPS,
  type TrendDirection,
} from '../judge/judge.js';
import { classesOf, levelOfSpec } from '../no-learning.js';
import { shapeNoLineSeparates } from './data.js';
import { formatLoss, listWords, stepsWord } from './format.js';
import { capSentences, type Explanation, type Sentence, say, sayAlways } from './types.js';

/** A map reports several measured quantities: up to six sentences. */
const MAP_SENTENCES = 6;

/*
 * `map`: which cells trained, the depth trend of every column judged as /compare judges a sweep
 * (judge.ts), capacity told apart from trainability, and, for tanh over σ_w², how that lines up
 * with the mean-field prediction (Schoenholz et al. 2017), scored cell by cell.
 */

type Spec = MapResult['spec'];

/**
 * A cell learned: every seed's final loss clearly below the no-learning level (a mean would let
 * one lucky seed carry two that stalled, or one that overshot hide two that learned), or (steps
 * metric) every seed reached the threshold.
 */
export function cellLearned(cell: MapCell, spec: Spec): boolean {
  if (!Number.isFinite(cell.meanFinalLoss)) return false;
  if (spec.metric === 'steps') {
    // Reached before the first update is where the net started, not what it learned.
    const steps = slowestSteps(cell);
    return thresholdShowsLearning(spec) && steps !== null && cell.stepsToThreshold.every((s) => s !== 0);
  }
  return seedsLearned(cell, spec) === cell.finalLosses.length && cell.finalLosses.length > 0;
}

/** How many of a cell's seeds ended clearly below the no-learning level (loss metric). */
export function seedsLearned(cell: MapCell, spec: Spec): number {
  const level = levelOfSpec(spec).level;
  return cell.finalLosses.filter(
    (loss) => typeof loss === 'number' && Number.isFinite(loss) && cellKind(loss, level) === 'learned',
  ).length;
}

/**
 * A steps map counts a cell as learned when its seeds reach the threshold; that shows learning only
 * when the threshold lies clearly below the no-learning level (a net can start under 0.35 with
 * squared error, whose level is 0.25).
 */
function thresholdShowsLearning(spec: Spec): boolean {
  const level = levelOfSpec(spec).level;
  return spec.threshold < level - learnedMargin(level);
}

/** The depth trend of one column, judged from its cells' final losses per seed. */
function columnTrend(result: MapResult, column: number) {
  return depthTrend(
    cellsOf(result, column).map((cell) => ({
      depth: cell.depth,
      seeds: cell.finalLosses.map((loss) =>
        finalOnlyFacts(loss, cell.depth, result.spec.loss, classesOf(result.spec)),
      ),
    })),
  );
}

const TREND_WORDS: Record<TrendDirection | 'middle' | 'only-shallowest', string> = {
  middle: 'a middle depth did worse, the shallowest and deepest alike',
  'only-shallowest':
    'only the shallowest net learned, and no deeper one got clearly below the no-learning level',
  worse: 'the deepest net did worse than the best depth',
  flat: 'depth made no clear difference',
  better: 'the shallowest net did worse and the deepest ended near the best',
  'none-learned': 'no depth learned',
};

/** The depth trend per column, grouped by direction, e.g. "0.01 and 0.1: the deepest net did worse …". */
function trendSentence(result: MapResult): Sentence | undefined {
  // A trend needs two depths at least, and a budget that can show one (judge.ts judgeBudget; a
  // learning-rate map's budget differs by column, so there only the step count is judged).
  if (result.spec.metric !== 'loss' || new Set(result.spec.depths).size < 2) return undefined;
  const { spec } = result;
  if (spec.axis === 'learningRate' ? spec.steps < MIN_JUDGED_STEPS : judgeBudget(spec) !== 'enough')
    return undefined;
  const groups = new Map<TrendDirection | 'middle' | 'only-shallowest', string[]>();
  result.axisValues.forEach((value, column) => {
    const trend = columnTrend(result, column);
    if (!trend) return;
    // A flat trend whose middle depth did worse is not "no clear difference".
    const middleWorse =
      trend.direction === 'flat' &&
      trend.depths.some((d) => d.meanFinal > trend.best.meanFinal + trend.margin);
    // All or nothing over three depths or more: the shallowest learned and every deeper net sat at the
    // level. That is a split between the shallowest net and the rest, not a loss growing with depth.
    const byDepth = [...trend.depths].sort((a, b) => a.depth - b.depth);
    const onlyShallowest =
      byDepth.length > 2 && !byDepth[0]!.noneLearned && byDepth.slice(1).every((d) => d.noneLearned);
    const key = onlyShallowest ? 'only-shallowest' : middleWorse ? 'middle' : trend.direction;
    const list = groups.get(key) ?? [];
    list.push(describeColumn(result.spec.axis, value));
    groups.set(key, list);
  });
  if (groups.size === 0) return undefined;
  const parts = [...groups].map(([direction, columns]) => `${listWords(columns)}: ${TREND_WORDS[direction]}`);
  return say(
    'map-trend',
    `Judged over every depth and seed of each ${optionSpelling(result.spec.axis)} column, ${parts.join('; ')}.`,
    65,
  );
}

/** Linear units on data no line separates: the columns of linear nets fail for want of capacity. */
function capacitySentence(result: MapResult): Sentence | undefined {
  const { spec } = result;
  const shape = shapeNoLineSeparates(spec);
  if (shape === undefined) return undefined;
  const linearColumns = result.axisValues
    .map((value, column) => ({ value, column }))
    .filter(({ value }) => (spec.axis === 'activation' ? value === 'linear' : spec.activation === 'linear'));
  const failing = linearColumns.filter(
    ({ column }) => !cellsOf(result, column).some((c) => cellLearned(c, spec)),
  );
  if (failing.length === 0) return undefined;
  // Cells above the no-learning level (or overflowed) failed by their steps, not by what a line can fit.
  const level = levelOfSpec(spec).level;
  const failingCells = failing.flatMap(({ column }) => cellsOf(result, column));
  if (failingCells.some((c) => ['above', 'diverged'].includes(cellKind(c.meanFinalLoss, level))))
    return undefined;
  const where = spec.axis === 'activation' ? 'the linear column' : 'every column';
  return say(
    'map-capacity',
    `With linear units every depth computes one straight line, and no straight line separates ${shape}: ${where} shows capacity, not trainability.`,
    75,
  );
}

const cellsOf = (result: MapResult, column: number) =>
  result.cells.filter((_, i) => i % result.axisValues.length === column);

/** Per column: the deepest depth that learned, or undefined when none did. */
function deepestLearned(result: MapResult, column: number): number | undefined {
  const depths = cellsOf(result, column)
    .filter((c) => cellLearned(c, result.spec))
    .map((c) => c.depth);
  return depths.length > 0 ? Math.max(...depths) : undefined;
}

function trainableText(point: SignalPoint): string {
  return Number.isFinite(point.trainableDepth) && point.trainableDepth < 1e4
    ? String(Math.round(point.trainableDepth))
    : 'unbounded';
}

/** Scores the prediction "depth ≤ 6ξ trains, deeper does not" against every cell. */
function theorySentences(result: MapResult, theory: SignalPoint[]): Sentence[] {
  const misses: string[] = [];
  let agree = 0;
  result.cells.forEach((cell, i) => {
    const point = theory[i % result.axisValues.length]!;
    const predicted = cell.depth <= point.trainableDepth;
    if (predicted === cellLearned(cell, result.spec)) agree++;
    else
      misses.push(
        `depth ${cell.depth} at σ_w² ${describeColumn('weightScale', cell.value)} ${predicted ? 'did not learn though 6ξ' : 'learned though 6ξ'} = ${trainableText(point)}`,
      );
  });
  const predictions = theory.map(
    (p) => `${describeColumn('weightScale', p.weightScale)} → ${trainableText(p)}`,
  );
  const missed =
    misses.length > 0
      ? `; it misses ${misses.slice(0, 3).join('; ')}${misses.length > 3 ? `; and ${misses.length - 3} more` : ''}`
      : '';
  const sentences = [
    say(
      'map-theory-prediction',
      `Mean-field theory for wide tanh nets gives the depth scale ξ; Schoenholz et al. (2017) found nets train up to about 6ξ: ${listWords(predictions)} (the dashed line).`,
    ),
    say('map-theory-score', `It matches ${agree} of ${result.cells.length} cells${missed}.`),
  ];
  const deepest = Math.max(...result.spec.depths);
  if (theory.some((p) => p.chi1 > 1 && p.trainableDepth > deepest)) {
    sentences.push(
      say(
        'map-theory-untested',
        `On the chaotic side (χ₁ > 1) the predicted limit lies beyond depth ${deepest}, so these rows cannot test it there.`,
        40,
      ),
    );
  }
  return sentences;
}

function summarySentence(result: MapResult): Sentence {
  const { spec } = result;
  const level = levelOfSpec(spec).level;
  const learnedWord =
    spec.metric === 'loss'
      ? `loss below ${formatLoss(level - learnedMargin(level))}`
      : `loss ≤ ${spec.threshold} by training (not already at the start) within ${stepsWord(spec.steps)}`;
  const perColumn = result.axisValues.map((v, column) => {
    const deepest = deepestLearned(result, column);
    // Deeper cells where only some seeds got there are said, with their count.
    const partly =
      spec.metric === 'loss'
        ? cellsOf(result, column)
            .filter((c) => (deepest === undefined || c.depth > deepest) && !cellLearned(c, spec))
            .map((c) => ({ depth: c.depth, k: seedsLearned(c, spec), n: c.finalLosses.length }))
            .filter((c) => c.k > 0)
        : [];
    const partlyWords =
      partly.length === 0
        ? ''
        : ` (${partly.map((c) => `depth ${c.depth} on ${c.k} of ${c.n} seeds`).join(', ')})`;
    return `${describeColumn(spec.axis, v)}: ${deepest === undefined ? 'none' : `up to ${deepest}`}${partlyWords}`;
  });
  return say(
    'map-deepest',
    `Deepest net whose every seed reached ${learnedWord}, per ${optionSpelling(spec.axis)}: ${perColumn.join('; ')}.`,
    70,
  );
}

function stepsSentence(result: MapResult): Sentence | undefined {
  const { spec } = result;
  if (spec.metric !== 'steps') return undefined;
  const shallow = Math.min(...spec.depths);
  const deep = Math.max(...spec.depths);
  const parts = result.axisValues.map((v, column) => {
    const cells = cellsOf(result, column);
    const at = (depth: number) => {
      const cell = cells.find((c) => c.depth === depth);
      const steps = cell ? slowestSteps(cell) : null;
      return steps === null ? 'not reached' : `${steps} steps`;
    };
    return `${describeColumn(spec.axis, v)}: ${at(shallow)} at depth ${shallow}, ${at(deep)} at depth ${deep}`;
  });
  const anyReached = result.cells.some((c) => slowestSteps(c) !== null);
  const linear =
    spec.activation === 'linear' &&
    spec.axis !== 'activation' &&
    anyReached &&
    shapeNoLineSeparates(spec) === undefined
      ? ' A linear net computes a linear function at any depth, so these differences are speed of optimization, not capacity (Saxe et al. 2014).'
      : '';
  return say('map-steps', `Slowest seed to loss ≤ ${spec.threshold}: ${parts.join('; ')}.${linear}`);
}

/**
 * No cell learned. With several depths and a shallowest net that could learn this data, the budget
 * is what the map shows; with one neuron on data no line separates, no budget would help; with one
 * depth, no map shows what depth does.
 */
function noneLearnedWords(result: MapResult): string {
  const { spec } = result;
  const shallowest = Math.min(...spec.depths);
  const one = new Set(spec.depths).size === 1;
  const opening = `No cell learned within ${stepsWord(spec.steps)}`;
  const shape = shapeNoLineSeparates(spec);
  if (shallowest === 0 && shape !== undefined) {
    const line = `depth 0 is one neuron, which draws one straight line, and no straight line separates ${shape}, so no budget would let it fit all of it`;
    return one
      ? `${opening}: ${line}; with one depth this map cannot show what depth does (add deeper nets).`
      : `${opening}: ${line}, and the deeper nets did not learn either, so this map says nothing about depth yet (try more steps or another learning rate).`;
  }
  return one
    ? `${opening} at depth ${shallowest}, the only depth here: with one depth this map cannot show what depth does (add more depths, and try more steps or another learning rate).`
    : `${opening}, not even at depth ${shallowest}: this map says nothing about depth yet (try more steps or another learning rate).`;
}

/** Explains a trainability map. */
export function explainMap(result: MapResult): Explanation {
  if (result.spec.metric === 'steps' && !thresholdShowsLearning(result.spec)) {
    const level = levelOfSpec(result.spec);
    return {
      sentences: [
        say(
          'map-threshold-too-high',
          `The threshold ${result.spec.threshold} is not clearly below ${level.name}, the loss of a net that learned nothing, so reaching it does not show learning: this map says nothing about depth; use a threshold below ${formatLoss(level.level - learnedMargin(level.level))}.`,
          80,
        ),
      ],
      lessonId: 'signal-propagation',
    };
  }
  const sentences = [summarySentence(result)];
  const steps = stepsSentence(result);
  if (steps) sentences.push(steps);
  const trend = trendSentence(result);
  if (trend) sentences.push(trend);
  const capacity = capacitySentence(result);
  if (capacity) sentences.push(capacity);
  const diverged = result.cells.filter((c) => !Number.isFinite(c.meanFinalLoss));
  if (diverged.length > 0) {
    sentences.push(
      sayAlways(
        'map-diverged',
        `${diverged.length} cell${diverged.length === 1 ? '' : 's'} diverged (NaN, black): the numbers overflowed, which points to too large a step or weight scale, not to vanishing gradients.`,
      ),
    );
  }
  const level = levelOfSpec(result.spec);
  const above = result.cells.filter((c) => cellKind(c.meanFinalLoss, level.level) === 'above');
  if (above.length > 0) {
    const where = above
      .slice(0, 3)
      .map(
        (c) =>
          `depth ${c.depth} at ${describeColumn(result.spec.axis, c.value)} (${formatLoss(c.meanFinalLoss)})`,
      );
    sentences.push(
      sayAlways(
        'map-overshot',
        `${above.length} cell${above.length === 1 ? '' : 's'} ended above ${level.name}, worse than ${level.guess} (${listWords(where)}${above.length > 3 ? ', …' : ''}): that is not a stall; whether the steps overshot or the initial weights put the nets there, a cell keeps no curve to tell.`,
      ),
    );
  }
  if (result.cells.every((c) => cellLearned(c, result.spec))) {
    sentences.push(
      say(
        'map-all-learned',
        'Every cell learned: at these depths and settings nothing here was too deep to train.',
      ),
    );
  }
  if (!capacity && !result.cells.some((c) => cellLearned(c, result.spec))) {
    // Not even the shallow nets learned: the budget, not depth, is what this map shows.
    sentences.push(say('map-none-learned', noneLearnedWords(result)));
    return { sentences: capSentences(sentences, MAP_SENTENCES), lessonId: 'signal-propagation' };
  }
  if (result.theory && result.cells.some((c) => cellLearned(c, result.spec)))
    sentences.push(...theorySentences(result, result.theory));
  return {
    sentences: capSentences(sentences, MAP_SENTENCES),
    lessonId: capacity ? 'capacity' : 'signal-propagation',
  };
}
