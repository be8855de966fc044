import { field } from '../../engine/fields.js';
import { LIMITS } from '../../engine/limits.js';
import type { CompareResult, ExperimentResult, RestartsResult } from '../../engine/result.js';
import type { QuizChoice } from '../../store/index.js';
import type { ValuesOf } from '../command.js';
import { placesOf } from '../explain/restarts.js';
import { groupClasses, runFacts } from '../judge/facts.js';
import { depthTrend, SAME_PLACE } from '../judge/judge.js';
import { classesOf, noLearning } from '../no-learning.js';

/*
 * Predict-then-reveal questions, each built from one experiment. A kind turns the quiz options
 * into a question, its answers and the experiment's options, and after the run says which answer
 * the numbers support, with the numbers.
 */

/** A question ready to ask. */
export interface QuizQuestion {
  question: string;
  choices: QuizChoice[];
  /** Experiment options, validated like any command's. */
  spec: { experiment: string } & Record<string, unknown>;
}

/** What the experiment said. */
export interface QuizVerdict {
  answer: string;
  /** One or two sentences with the measured numbers. */
  because: string;
}

/** One kind of quiz. */
export interface QuizKind {
  name: string;
  build(values: QuizValues): QuizQuestion;
  judge(result: ExperimentResult): QuizVerdict;
}

/** The quiz options (typed fields); the kinds read the ones they need. */
export const QUIZ_FIELDS = {
  kind: field.choice('which question', ['depth', 'restarts'], 'depth'),
  shallow: field.int('depth quiz: the shallower network', LIMITS.depth, 2),
  deep: field.int('depth quiz: the deeper network', LIMITS.depth, 12),
  steps: field.int('training steps before comparing', LIMITS.steps, 300),
  restarts: field.int('restarts quiz: how many random restarts', LIMITS.restarts, 10),
  net: field.choice('restarts quiz: which network is restarted', ['neuron', 'deep'], 'neuron'),
  seconds: field.int('seconds until the reveal', { min: 10, max: 86_400 }, 120),
};

/** The quiz options as given; an option left out takes its field's default. */
export type QuizValues = ValuesOf<typeof QUIZ_FIELDS>;

const fmt = (x: number) => (x < 0.001 ? x.toExponential(1) : x.toFixed(3));

/** The loss of a net that learned nothing (1/K for each of the K classes), for the run's loss and data. */
function noLearningNote(result: ExperimentResult): string {
  const loss = 'loss' in result.spec ? result.spec.loss : 'cross-entropy';
  const lossName = loss === 'mse' ? 'squared error' : 'cross-entropy';
  const classes = classesOf(result.spec);
  const onData = classes === 2 ? '' : ` on ${classes} classes`;
  return `with ${lossName}${onData}, ${noLearning(loss, classes).value} means it learned nothing`;
}

const depth: QuizKind = {
  name: 'depth',
  build(values) {
    const a = values.shallow ?? QUIZ_FIELDS.shallow.default;
    const b = values.deep ?? QUIZ_FIELDS.deep.default;
    const steps = values.steps ?? QUIZ_FIELDS.steps.default;
    return {
      question: `After ${steps} training steps, which ends with the lower training loss: depth ${a} or depth ${b}?`,
      choices: [
        { id: 'shallow', label: `Depth ${a}` },
        { id: 'deep', label: `Depth ${b}` },
        { id: 'same', label: 'About the same' },
      ],
      spec: { experiment: 'compare', depths: [a, b], steps },
    };
  },
  judge(result) {
    const compare = result as CompareResult;
    const [first, second] = compare.summaries;
    if (!first || !second) throw new Error('a depth quiz needs a comparison of two depths');
    // The same depth-trend judgement as the explanation of this run, so the two never disagree.
    const trend = depthTrend(
      [first.depth, second.depth].map((depth) => ({
        depth,
        seeds: compare.runs
          .filter((r) => r.depth === depth)
          .map((r) => runFacts(r, compare.spec.loss, classesOf(compare.spec))),
      })),
    );
    const shallowIsFirst = first.depth <= second.depth;
    const direction = trend?.direction ?? 'flat';
    const answer =
      direction === 'worse'
        ? shallowIsFirst
          ? 'shallow'
          : 'deep'
        : direction === 'better'
          ? shallowIsFirst
            ? 'deep'
            : 'shallow'
          : 'same';
    return {
      answer,
      because: `Mean final loss over ${result.spec.experiment === 'compare' ? result.spec.seeds : 1} seeds: depth ${first.depth} ended at ${fmt(first.meanFinalLoss)}, depth ${second.depth} at ${fmt(second.meanFinalLoss)} (${noLearningNote(result)}).`,
    };
  },
};

const restarts: QuizKind = {
  name: 'restarts',
  build(values) {
    const n = values.restarts ?? QUIZ_FIELDS.restarts.default;
    const net = values.net ?? QUIZ_FIELDS.net.default;
    const what = net === 'neuron' ? 'one sigmoid neuron' : 'a small deep sigmoid network';
    return {
      question: `Will ${n} random restarts of ${what} all end at the same loss?`,
      choices: [
        { id: 'yes', label: 'Yes, the same loss' },
        { id: 'no', label: 'No, different losses' },
      ],
      spec: { experiment: 'restarts', architectures: [net], restarts: n },
    };
  },
  judge(result) {
    const group = (result as RestartsResult).groups[0];
    if (!group) throw new Error('a restarts quiz needs one group of restarts');
    const low = Math.min(...group.finalLosses);
    const high = Math.max(...group.finalLosses);
    // The explanation's stopping-places judgement: settled runs at different losses mean "no".
    const places = placesOf(group, groupClasses(group, result.spec));
    const falling =
      places.falling > 0 ? ` ${places.falling} of them were still falling when training stopped.` : '';
    return {
      answer: places.several || high - low > SAME_PLACE ? 'no' : 'yes',
      because: `The ${group.finalLosses.length} restarts of the ${group.label} ended between ${fmt(low)} and ${fmt(high)} (spread ${fmt(group.spread)}).${falling}`,
    };
  },
};

/** Every quiz kind by name. */
export const QUIZ_KINDS: Record<string, QuizKind> = { depth, restarts };
