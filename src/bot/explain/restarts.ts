import type { RestartGroup, RestartsResult } from '../../engine/result.js';
import type { LessonId } from '../lessons/types.js';
import { atNoLearning } from '../no-learning.js';
import { stillFalling } from './evidence.js';
import { formatLoss, stallName } from './format.js';
import { separableNeuronSentence } from './separable.js';
import { type Explanation, MAX_SENTENCES, type Sentence, say } from './types.js';

/*
 * `restarts`: many random starts per architecture. A spread of final losses means several
 * stopping places only when every run had stopped improving; while some still fall, the spread
 * may be plateaus left at different times. The cross-entropy neuron is convex: its starts meet
 * when a minimizer exists, and on separable data none does.
 */

/**
 * Final losses within this range (max - min) count as "the same loss" when they are also within
 * 25% of each other, or all near zero (every run then fits the data).
 */
const SAME_LOSS_SPREAD = 0.01;
const SAME_LOSS_FACTOR = 1.25;

function nameOf(group: RestartGroup): string {
  const names: Record<RestartGroup['architecture'], string> = {
    neuron: 'single neuron (cross-entropy)',
    'neuron-mse': 'single neuron with squared error',
    'three-node': '3-node network',
    deep: `depth-${group.depth} network`,
  };
  return names[group.architecture];
}

function range(group: RestartGroup): { min: number; max: number } {
  return { min: Math.min(...group.finalLosses), max: Math.max(...group.finalLosses) };
}

/** True when the restarts ended at one loss, in absolute and in relative terms. */
export function agreed(group: RestartGroup): boolean {
  const { min, max } = range(group);
  return max - min <= SAME_LOSS_SPREAD && (max <= SAME_LOSS_FACTOR * min || max <= SAME_LOSS_SPREAD);
}

const stillFallingCount = (group: RestartGroup) => group.runs.filter(stillFalling).length;

function neuronSentence(group: RestartGroup): Sentence {
  const separable = separableNeuronSentence(group.runs, group.loss);
  if (separable) return separable;
  const { min, max } = range(group);
  const n = group.finalLosses.length;
  const falling = stillFallingCount(group);
  if (agreed(group) && falling === 0) {
    return say(
      'neuron-one-minimum',
      `${n === 2 ? 'Both' : `All ${n}`} restarts of the ${nameOf(group)} ended at the same loss, ${formatLoss(min)} (spread ${formatLoss(group.spread)}), and had stopped falling: its loss is convex, so when a minimizer exists every start reaches the same minimum value, as here.`,
    );
  }
  const why =
    falling > 0
      ? `${falling} of them still falling when training stopped: its loss is convex, so they are on their way to one minimum value and need more steps`
      : 'its loss is convex, so the spread comes from the optimizer (steps too large or too few to settle), not from several minima';
  return say(
    'neuron-not-settled',
    `The ${n} restarts of the ${nameOf(group)} ended between ${formatLoss(min)} and ${formatLoss(max)}, ${why}.`,
  );
}

function nonConvexSentence(group: RestartGroup): Sentence {
  const { min, max } = range(group);
  const n = group.finalLosses.length;
  const name = nameOf(group);
  if (group.finalLosses.every((loss) => atNoLearning(loss, group.loss))) {
    return say(
      'restarts-all-stalled',
      `The ${n} restarts of the ${name} all stalled at ${stallName(group.loss)}: none learned anything, so they say nothing about stopping places.`,
    );
  }
  if (agreed(group)) {
    return say(
      'restarts-agree',
      `The ${n} restarts of the ${name} all ended ${formatLoss(min) === formatLoss(max) ? `at ${formatLoss(min)}` : `between ${formatLoss(min)} and ${formatLoss(max)}`}: on this data no second stopping place showed up.`,
    );
  }
  const stuck = group.finalLosses.filter((loss) => atNoLearning(loss, group.loss)).length;
  const stuckNote = stuck > 0 ? `, ${stuck} of them stuck at ${stallName(group.loss)}` : '';
  const ended = `The ${n} restarts of the ${name} ended anywhere from ${formatLoss(min)} to ${formatLoss(max)}${stuckNote}`;
  const falling = stillFallingCount(group);
  if (falling > 0) {
    return say(
      'plateaus-left-at-different-times',
      `${ended}, but ${falling} of them were still falling when training stopped: this spread may be plateaus left at different times rather than different stopping places, so rerun with more steps.`,
    );
  }
  const why =
    group.architecture === 'neuron-mse'
      ? '; squared error makes even one neuron non-convex (Auer, Herbster & Warmuth 1996)'
      : '';
  return say(
    'several-stopping-places',
    `${ended}, and every one had stopped falling: different starts settled at different losses, so this loss surface has more than one place to stop${why}.`,
  );
}

/** Explains restarts: the convex neuron first, then the widest spreads of the others. */
export function explainRestarts(result: RestartsResult): Explanation {
  const groups = result.groups.filter((g) => g.finalLosses.length > 0);
  const neuron = groups.filter((g) => g.architecture === 'neuron');
  // Widest spread first: it is the strongest evidence of non-convexity in this result.
  const others = groups.filter((g) => g.architecture !== 'neuron').sort((a, b) => b.spread - a.spread);
  const sentences = [...neuron.map(neuronSentence), ...others.map(nonConvexSentence)].slice(0, MAX_SENTENCES);
  if (sentences.length === 0)
    sentences.push(say('no-runs', 'No restarts finished, so there is nothing to compare.'));
  return { sentences, lessonId: restartsLesson(sentences) };
}

function restartsLesson(sentences: readonly Sentence[]): LessonId {
  const nonConvex = sentences.some(
    (s) => s.rule === 'several-stopping-places' || s.rule === 'plateaus-left-at-different-times',
  );
  if (nonConvex) return 'restarts';
  const neuronOnly = sentences.every(
    (s) => s.rule.startsWith('neuron-') || s.rule === 'separable-no-minimizer',
  );
  return neuronOnly ? 'convex-neuron' : 'restarts';
}
