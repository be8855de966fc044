import type { RestartGroup, RestartsResult } from '../../engine/result.js';
import type { LessonId } from '../lessons/types.js';
import { formatLoss, isStalled, stallName } from './format.js';
import type { Explanation } from './types.js';

/*
 * `restarts`: many random starts per architecture. A convex problem sends every start to one
 * loss; a spread of final losses means the surface has more than one place to stop.
 */

/** Final losses within this range (max - min) count as "the same loss". */
const SAME_LOSS_SPREAD = 0.01;

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

function agreed(group: RestartGroup): boolean {
  return group.spread <= SAME_LOSS_SPREAD;
}

function neuronSentence(group: RestartGroup): string {
  const { min, max } = range(group);
  const n = group.finalLosses.length;
  if (agreed(group)) {
    return `${n === 2 ? 'Both' : `All ${n}`} restarts of the ${nameOf(group)} ended at the same loss, ${formatLoss(min)} (spread ${formatLoss(group.spread)}): a convex loss has one minimum.`;
  }
  return `The ${n} restarts of the ${nameOf(group)} ended between ${formatLoss(min)} and ${formatLoss(max)}; its loss is convex, so they should meet, and some runs likely needed more steps.`;
}

function nonConvexSentence(group: RestartGroup): string {
  const { min, max } = range(group);
  const n = group.finalLosses.length;
  if (agreed(group)) {
    return `The ${n} restarts of the ${nameOf(group)} all ended near ${formatLoss(min)} (spread ${formatLoss(group.spread)}): on this data no second minimum showed up.`;
  }
  const stuck = group.finalLosses.filter((loss) => isStalled(loss, group.loss)).length;
  const stuckNote = stuck > 0 ? `, ${stuck} of them stuck at ${stallName(group.loss)}` : '';
  const why =
    group.architecture === 'neuron-mse'
      ? 'squared error makes even one neuron non-convex (Auer, Herbster & Warmuth 1995)'
      : 'different starts, different answers, so its loss surface has more than one place to stop';
  return `The ${n} restarts of the ${nameOf(group)} ended anywhere from ${formatLoss(min)} to ${formatLoss(max)}${stuckNote}: ${why}.`;
}

/** Explains restarts: one loss for the convex neuron, a spread (or not) for the others. */
export function explainRestarts(result: RestartsResult): Explanation {
  const groups = result.groups.filter((g) => g.finalLosses.length > 0);
  const neuron = groups.filter((g) => g.architecture === 'neuron');
  // Widest spread first: it is the strongest evidence of non-convexity in this result.
  const others = groups.filter((g) => g.architecture !== 'neuron').sort((a, b) => b.spread - a.spread);
  const sentences = [...neuron.map(neuronSentence), ...others.map(nonConvexSentence)].slice(0, 3);
  if (sentences.length === 0) sentences.push('No restarts finished, so there is nothing to compare.');
  return { sentences, lessonId: restartsLesson(groups) };
}

function restartsLesson(groups: readonly RestartGroup[]): LessonId {
  const multiLayerSpread = groups.some(
    (g) => (g.architecture === 'deep' || g.architecture === 'three-node') && !agreed(g),
  );
  if (multiLayerSpread) return 'restarts';
  const onlyNeurons = groups.every((g) => g.architecture === 'neuron' || g.architecture === 'neuron-mse');
  return onlyNeurons ? 'convex-neuron' : 'restarts';
}
