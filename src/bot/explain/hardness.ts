import { type HardnessCell, hardnessCells } from '../../engine/hardness/summary.js';
import type { HardnessRecord } from '../../engine/hardness/types.js';
import type { HardnessResult } from '../../engine/result.js';
import { DESCENT_STEPS, GROWTH, judgeBudget, trivialInstance } from '../judge/judge.js';
import { listWords } from './format.js';
import { capSentences, type Explanation, type Sentence, say } from './types.js';

/** A hardness sweep reports several measured quantities (growth, trivial instances, verdicts, the LP, 2-D, descent, and what timings cannot prove): up to seven sentences. */
const HARDNESS_SENTENCES = 7;

/*
 * `hardness`: every sentence is chosen by the run's numbers. Growth is claimed only when the
 * slowest cell took clearly longer than the fastest; "gradient descent missed a fit" only when an
 * instance with a proven fit saw restarts fail.
 */

const ms = (value: number) => (value < 10 ? value.toFixed(1) : String(Math.round(value)));
const cellName = (c: { n: number; d: number }) => `n = ${c.n}, d = ${c.d}`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const work = (c: HardnessCell) =>
  `${plural(c.nodes, 'branch-and-bound node')}, ${plural(c.lpIterations, 'simplex iteration')}`;

function growthSentence(cells: HardnessCell[], timeLimit: number): Sentence | undefined {
  // The largest dimension that has two sizes or more: growth needs a line, not a point.
  const lines = [...new Set(cells.map((c) => c.d))].filter(
    (dim) => cells.filter((c) => c.d === dim).length > 1,
  );
  const d = Math.max(...lines);
  const line = cells.filter((c) => c.d === d).sort((a, b) => a.n - b.n);
  const first = line[0];
  const last = line[line.length - 1];
  if (!first || !last || first === last) return undefined;
  if (first.gaveUp)
    return say(
      'hardness-limit-at-start',
      `The exact solver hit the ${timeLimit} s time limit already at ${first.n} points in ${d} dimensions, so this run cannot show growth; on a busy machine, rerun with a larger time_limit.`,
      70,
    );
  const end = last.gaveUp ? `hit the ${timeLimit} s time limit` : `took ${ms(last.mipMs)} ms (${work(last)})`;
  const timeGrew = last.gaveUp || last.mipMs > GROWTH * first.mipMs;
  const workGrew = last.nodes > first.nodes || last.lpIterations > first.lpIterations;
  const start = `${ms(first.mipMs)} ms (${work(first)}) for ${first.n} points`;
  if (timeGrew && workGrew)
    return say(
      'hardness-grew',
      `Exact training of the three-node network grew with the number of points: in ${d} dimensions the slowest instance took ${start} and ${end} for ${last.n}.`,
      70,
    );
  if (last.gaveUp)
    return say(
      'hardness-limit-cut',
      `In ${d} dimensions the slowest solve took ${start}, and at ${last.n} points it hit the ${timeLimit} s time limit (after ${work(last)}): the limit cuts the work count short, so this run cannot tell the problem's growth from the machine's load; rerun with a larger time_limit.`,
      70,
    );
  if (timeGrew)
    return say(
      'hardness-time-only',
      `In ${d} dimensions the slowest solve went from ${start} to ${ms(last.mipMs)} ms (${work(last)}) for ${last.n}, but the solver's own work (branch-and-bound nodes and simplex iterations) did not grow: the extra time comes from the machine's load, not from the problem.`,
      70,
    );
  return say(
    'hardness-flat',
    `In this run exact training did not grow much with the number of points: in ${d} dimensions ${start}, and for ${last.n} it ${end}.`,
    70,
  );
}

/** Instances that are trivial (one label only, or separable by one unit): a fit exists at once. */
function trivialSentence(records: HardnessRecord[]): Sentence | undefined {
  const trivial = records.filter(trivialInstance);
  if (trivial.length === 0) return undefined;
  const oneLabel = trivial.filter((r) => r.positives === 0 || r.positives === r.n).length;
  const parts = [];
  const were = (count: number) => `${count} ${count === 1 ? 'was' : 'were'}`;
  if (oneLabel > 0) parts.push(`${oneLabel} had one label only`);
  if (trivial.length - oneLabel > 0) parts.push(`${were(trivial.length - oneLabel)} separable by one unit`);
  return say(
    'hardness-trivial',
    `Of ${instancesWord(records.length)}, ${listWords(parts)}: those are trivial, since one unit already fits them and so does the three-node network, and they tell nothing about hardness.`,
    60,
  );
}

function statusSentence(records: HardnessRecord[]): Sentence {
  const count = (status: string) => records.filter((r) => r.exact.status === status).length;
  const parts = [
    `found and verified a fit on ${count('fit')}`,
    `proved that none exists (with weights inside its bound) on ${count('no-fit')}`,
  ];
  if (count('time-limit') > 0) parts.push(`gave up at the time limit on ${count('time-limit')}`);
  return say(
    'hardness-verdicts',
    `Of ${instancesWord(records.length)}, the exact solver ${listWords(parts)}.`,
    55,
  );
}

function lpSentence(records: HardnessRecord[]): Sentence {
  const slowest = Math.max(...records.map((r) => r.lp.solveMs));
  const inseparable = records.filter((r) => !r.lp.separable).length;
  return say(
    'hardness-lp',
    `One unit by linear programming took at most ${ms(slowest)} ms on any instance; on ${inseparable} of ${records.length} instances it proved that no single unit fits.`,
    42,
  );
}

function dimensionSentence(cells: HardnessCell[], records: HardnessRecord[]): Sentence | undefined {
  const sentences: string[] = [];
  const n = Math.max(...cells.map((c) => c.n));
  const atN = cells.filter((c) => c.n === n).sort((a, b) => a.d - b.d);
  if (atN.length > 1) {
    const parts = atN.map((c) => `${c.gaveUp ? 'over the time limit' : `${ms(c.mipMs)} ms`} in d = ${c.d}`);
    sentences.push(`At ${n} points the slowest exact solve took ${listWords(parts)}.`);
  }
  const planar = records.filter((r) => r.enumeration && r.exact.status !== 'time-limit');
  if (planar.length > 0) {
    const slowest = Math.max(...planar.map((r) => r.enumeration!.solveMs));
    const disagree = planar.filter((r) => r.enumeration!.fit !== (r.exact.status === 'fit')).length;
    sentences.push(
      disagree === 0
        ? `In 2-D, where exact training is polynomial, enumerating the lines through pairs of points decided the same way on all ${planar.length} instances, in at most ${ms(slowest)} ms.`
        : `In 2-D the line enumeration (polynomial there) disagreed with the solver on ${disagree} of ${planar.length} instances: the solver only searches weights within its bound and margin.`,
    );
  }
  return sentences.length > 0 ? say('hardness-dimension', sentences.join(' '), 58) : undefined;
}

function descentSentence(
  records: HardnessRecord[],
  steps: number,
  learningRate: number,
): Sentence | undefined {
  const tried = records.filter((r) => r.gradientDescent);
  if (tried.length === 0) return undefined;
  const successes = tried.reduce((sum, r) => sum + r.gradientDescent!.successes, 0);
  const restarts = tried.reduce((sum, r) => sum + r.gradientDescent!.restarts, 0);
  const missed = tried.filter((r) => r.gradientDescent!.successes === 0);
  const base = `Where the solver proved a fit exists (${instancesWord(tried.length)}), ${successes} of ${restarts} gradient-descent restarts on sigmoid units reached 100 % training accuracy within ${steps} steps.`;
  if (missed.length === 0) return say('hardness-descent', base);
  const examples = `${missed.length > 3 ? 'among them ' : ''}${missed.slice(0, 3).map(cellName).join('; ')}`;
  // On a trivial instance (one unit separates it) a miss says more about the step budget than about
  // gradient descent; the general lesson is drawn only from an instance that is not trivial.
  // Nor from a budget too small to judge (the restarts train with Adam): a miss then shows only it.
  // A fit missed in a run too short to fit even easy instances shows the budget: the lesson needs
  // at least DESCENT_STEPS steps (the default restarts take 300, and fit the separable instances).
  const budget = judgeBudget({ optimizer: 'adam', learningRate, steps });
  const lesson =
    budget === 'tiny'
      ? `, though ${steps} steps at learning rate ${learningRate} are too small a budget to judge gradient descent: with more steps they may well be found`
      : steps < DESCENT_STEPS
        ? `, though ${steps} steps are too few to judge gradient descent: with more steps they may well be found`
        : missed.some((r) => !trivialInstance(r))
          ? ': gradient descent can miss a fit that provably exists'
          : `, though one unit separates each of them: with more steps than ${steps} they may well be found`;
  return say(
    'hardness-descent-missed',
    `${base} On ${missed.length} of them (${examples}) no restart did${lesson}.`,
  );
}

/** "1 instance", "4 instances". */
const instancesWord = (n: number) => `${n} instance${n === 1 ? '' : 's'}`;

/** Explains a hardness sweep from its numbers. */
export function explainHardness(result: HardnessResult): Explanation {
  const records = result.instances;
  if (records.length === 0) {
    return {
      sentences: [
        say(
          'no-runs',
          'No instance was run: with cube inputs every size was larger than the cube has corners.',
        ),
      ],
      lessonId: 'np-hard',
    };
  }
  const cells = hardnessCells(records);
  // Growth is read from the instances that are not trivial: a fit found at once says nothing.
  const hard = hardnessCells(records.filter((r) => !trivialInstance(r)));
  const sentences = [
    growthSentence(hard, result.spec.timeLimit),
    trivialSentence(records),
    statusSentence(records),
    lpSentence(records),
    dimensionSentence(cells, records),
    descentSentence(records, result.spec.steps, result.spec.learningRate),
    say(
      'hardness-not-a-proof',
      'Timings like these cannot prove worst-case hardness: the theorem (Blum & Rivest 1992) is about the hardest inputs as the dimension grows, while this run times one solver on a few random instances.',
      90,
    ),
  ];
  const said = sentences.filter((s) => s !== undefined);
  return { sentences: capSentences(said, HARDNESS_SENTENCES), lessonId: 'np-hard' };
}
