import type { RestartGroup, RestartsResult } from '../../engine/result.js';
import { groupClasses, runFacts } from '../judge/facts.js';
import { atLevel, SAME_PLACE, type StoppingPlaces, stoppingPlaces } from '../judge/judge.js';
import type { LessonId } from '../lessons/types.js';
import { formatLoss, stallName, stepsWord } from './format.js';
import { separableNeuronSentence } from './separable.js';
import { capSentences, type Explanation, type Sentence, say } from './types.js';

/*
 * `restarts`: many random starts per architecture. Runs that had stopped improving at different
 * losses are different stopping places, whatever the other runs do; runs still falling are
 * counted apart (their spread may be plateaus left at different times). The cross-entropy neuron
 * is convex: its starts meet when a minimizer exists, and on separable data none does. The quiz
 * reads the same judgement (judge.ts stoppingPlaces).
 */

/** The stopping places of a group's restarts, on data of `classes` classes. */
export function placesOf(group: RestartGroup, classes: number): StoppingPlaces {
  return stoppingPlaces(group.runs.map((run) => runFacts(run, group.loss, classes)));
}

const between = (low: number, high: number) =>
  formatLoss(low) === formatLoss(high)
    ? `at ${formatLoss(low)}`
    : `between ${formatLoss(low)} and ${formatLoss(high)}`;

/** A group's architecture in words; on more than two classes the neuron is a layer of K output units. */
function nameOf(group: RestartGroup, classes: number): string {
  const names: Record<RestartGroup['architecture'], string> = {
    neuron:
      classes === 2
        ? 'single neuron (cross-entropy)'
        : `single layer of ${classes} output units (cross-entropy, no hidden layer)`,
    'neuron-mse': 'single neuron with squared error',
    'three-node': classes === 2 ? '3-node network' : `net of 2 hidden units and ${classes} outputs`,
    deep: `depth-${group.depth} network`,
  };
  return names[group.architecture];
}

function range(group: RestartGroup): { min: number; max: number } {
  return { min: Math.min(...group.finalLosses), max: Math.max(...group.finalLosses) };
}

function neuronSentence(group: RestartGroup, spec: RestartsResult['spec']): Sentence {
  const classes = groupClasses(group, spec);
  const separable = separableNeuronSentence(
    group.runs.map((run) => runFacts(run, group.loss, classes)),
    spec,
  );
  if (separable) return separable;
  const places = placesOf(group, classes);
  const n = group.finalLosses.length;
  if (places.one) {
    return say(
      'neuron-one-minimum',
      `${n === 2 ? 'Both' : `All ${n}`} restarts of the ${nameOf(group, classes)} ended ${between(range(group).min, range(group).max)} and had stopped falling: its loss is convex, so when a minimizer exists every start reaches the same minimum value, as here.`,
    );
  }
  const { min, max } = range(group);
  const notThere = [
    places.falling > 0 ? `${places.falling} of them still falling when training stopped` : '',
    places.unmoved > 0 ? `${places.unmoved} barely moved from where they started` : '',
  ].filter((part) => part !== '');
  const why =
    notThere.length > 0
      ? `${notThere.join(' and ')}: its loss is convex, so if a minimizer exists they are on their way to one minimum value and need more steps`
      : 'its loss is convex, so the spread comes from the optimizer (steps too large to settle), not from several minima';
  return say(
    'neuron-not-settled',
    `The ${n} restarts of the ${nameOf(group, classes)} ended between ${formatLoss(min)} and ${formatLoss(max)}, ${why}.`,
  );
}

function nonConvexSentence(group: RestartGroup, spec: RestartsResult['spec']): Sentence {
  const { min, max } = range(group);
  const n = group.finalLosses.length;
  const classes = groupClasses(group, spec);
  const name = nameOf(group, classes);
  const places = placesOf(group, classes);
  if (places.allAtLevel) {
    return say(
      'restarts-all-stalled',
      `The ${n} restarts of the ${name} all ended at ${stallName(group.loss, classes)}: none learned anything, so they say nothing about stopping places.`,
    );
  }
  if (max - min <= SAME_PLACE) {
    const falling = places.one
      ? ' and had stopped falling'
      : places.falling > 0
        ? `, ${places.falling} of them still falling when training stopped`
        : '';
    return say(
      'restarts-agree',
      `The ${n} restarts of the ${name} all ended ${between(min, max)}${falling}: on this data no second stopping place showed up.`,
    );
  }
  const stuck = group.finalLosses.filter((loss) => atLevel(loss, places.level)).length;
  const stuckNote = stuck > 0 ? `, ${stuck} of them at ${stallName(group.loss, classes)}` : '';
  const stuckOfAll = stuck > 0 ? ` (${stuck} of all ${n} ended at ${stallName(group.loss, classes)})` : '';
  const why =
    group.architecture === 'neuron-mse'
      ? ' (squared error makes even one neuron non-convex: Auer, Herbster & Warmuth 1996)'
      : '';
  const others = [
    places.falling > 0
      ? `${places.falling} more ${places.falling === 1 ? 'was' : 'were'} still falling when training stopped`
      : '',
    places.unmoved > 0
      ? `${places.unmoved} barely moved from where ${places.unmoved === 1 ? 'it' : 'they'} started`
      : '',
  ].filter((part) => part !== '');
  const falling = others.length > 0 ? `; ${others.join(' and ')}, so where those end needs more steps` : '';
  if (places.several) {
    return say(
      'several-stopping-places',
      `Of the ${n} restarts of the ${name}, ${places.settled} had stopped falling, at losses from ${formatLoss(places.settledLow)} to ${formatLoss(places.settledHigh)}${stuckOfAll}: different starts settled at different losses, so this loss surface has more than one place to stop${why}${falling}.`,
    );
  }
  if (places.falling === 0) {
    return say(
      'restarts-not-moved',
      `The ${n} restarts of the ${name} ended anywhere from ${formatLoss(min)} to ${formatLoss(max)}, but ${places.unmoved} of them barely moved from where they started in ${stepsWord(group.runs[0]?.lossCurve.steps.at(-1) ?? 0)}: that spread is their starting points, not places training stopped at; rerun with more steps.`,
    );
  }
  return say(
    'plateaus-left-at-different-times',
    `The ${n} restarts of the ${name} ended anywhere from ${formatLoss(min)} to ${formatLoss(max)}${stuckNote}, but ${places.falling} of them were still falling when training stopped${places.settled > 1 ? ` (the ${places.settled} that had stopped agree)` : ''}: this spread may be plateaus left at different times rather than different stopping places, so rerun with more steps.`,
  );
}

/** Explains restarts: the convex neuron first, then the widest spreads of the others. */
export function explainRestarts(result: RestartsResult): Explanation {
  const groups = result.groups.filter((g) => g.finalLosses.length > 0);
  const neuron = groups.filter((g) => g.architecture === 'neuron');
  // Widest spread first: it is the strongest evidence of non-convexity in this result.
  const others = groups.filter((g) => g.architecture !== 'neuron').sort((a, b) => b.spread - a.spread);
  const sentences = capSentences([
    ...neuron.map((g) => neuronSentence(g, result.spec)),
    ...others.map((g) => nonConvexSentence(g, result.spec)),
  ]);
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
