import type { LpResult } from '../../engine/result.js';
import { atLevel, budgetSize, judgeBudget, NOISY_DATA } from '../judge/judge.js';
import { classesOf, noLearning } from '../no-learning.js';
import { bentShape, tableOf } from './data.js';
import { formatLoss, formatPercent, formatRatio, stallName } from './format.js';
import { type Explanation, type Sentence, say } from './types.js';

/*
 * `lp`: one layer as a feasibility linear program, next to gradient descent on one neuron. On a
 * generated shape the sentences may say why no line fits (its classes bend, or its noise makes them
 * overlap); on a table (two classes only) the LP is the only evidence about its geometry, so an
 * infeasible one is told as just that, with the run that would say more.
 */

function infeasibleSentence(result: LpResult): Sentence {
  const { dataset, points } = result.spec;
  const table = tableOf(result.spec);
  if (table !== undefined) {
    return say(
      'lp-infeasible-table',
      `The linear program is infeasible: no linear boundary separates every row of ${table.name}, whatever the weights; the soft LP leaves ${result.minViolations} of ${table.rows.length} rows short of the margin. Whether its classes overlap or need a bent boundary, this run cannot tell: a net with a hidden layer on the same table would.`,
    );
  }
  const opening = `The linear program is infeasible: no straight line separates every point of ${dataset}, whatever the weights`;
  if (bentShape(result.spec)) {
    // With much noise the classes also overlap: then some points stay misclassified whatever the boundary.
    const overlap =
      result.spec.noise >= NOISY_DATA
        ? ` With noise ${result.spec.noise} the classes also overlap: the soft LP leaves ${result.minViolations} of ${points} points short of the margin, and overlapping points stay wrong even for a bent boundary.`
        : '';
    return say(
      'lp-infeasible-shape',
      `${opening}. Its classes are arranged so that a boundary must bend, which takes a hidden layer.${overlap}`,
    );
  }
  return say(
    'lp-infeasible-overlap',
    `${opening}; the soft LP leaves ${result.minViolations} of ${points} points short of the margin. The two classes overlap here, and overlapping points are noise, not a shape that needs a hidden layer.`,
  );
}

/**
 * "; 3 steps are too few …" when the neuron's run was too short, or its budget too small, to show
 * what gradient descent reaches: its numbers are then where it started, not a verdict next to the
 * LP's. Empty when the run was long enough.
 */
function shortRunClause(result: LpResult): string {
  const { learningRate, steps } = result.spec;
  const spec = { optimizer: 'sgd' as const, learningRate, steps };
  const verdict = judgeBudget(spec);
  if (verdict === 'enough') return '';
  return verdict === 'too-few-steps'
    ? `; ${steps} steps are too few to show what gradient descent reaches here, so the neuron is still near where it started`
    : `; at learning rate ${learningRate} that is a budget of ${formatRatio(budgetSize(spec))} (learning rate × steps), too small to show what gradient descent reaches here, so the neuron is still near where it started`;
}

/** Explains an LP result: a separating line found, or proof that none exists, next to gradient descent. */
export function explainLp(result: LpResult): Explanation {
  const { gradientDescent: gd } = result;
  const table = tableOf(result.spec);
  const separating =
    table === undefined
      ? `a separating line for ${result.spec.dataset}`
      : `a linear boundary separating the two classes of ${table.name}`;
  const gdNumbers = `loss ${formatLoss(gd.finalLoss)} and ${formatPercent(gd.accuracy)} accuracy after ${gd.steps} steps`;
  const short = shortRunClause(result);
  const sentences: Sentence[] = [];
  if (result.feasible) {
    const accuracy =
      result.lpAccuracy === undefined
        ? ''
        : `, classifying ${formatPercent(result.lpAccuracy)} of the points,`;
    sentences.push(
      say(
        'lp-feasible',
        `The linear program is feasible: it found ${separating}${accuracy} in ${Math.round(result.solveMs)} ms, with no training loop.`,
      ),
      say(
        'lp-gradient-descent',
        `Gradient descent on one neuron, on the same data, reached ${gdNumbers}${short}.`,
      ),
    );
  } else {
    sentences.push(
      infeasibleSentence(result),
      short
        ? say('lp-gradient-descent', `Gradient descent on one neuron ends at ${gdNumbers}${short}.`)
        : atLevel(gd.finalLoss, noLearning('cross-entropy', classesOf(result.spec)).level)
          ? say(
              'lp-gradient-descent-stalled',
              `Gradient descent on one neuron agrees: ${gdNumbers}, right at ${stallName('cross-entropy', classesOf(result.spec))}, no better than answering 0.5 everywhere.`,
            )
          : say(
              'lp-gradient-descent',
              `Gradient descent on one neuron ends at ${gdNumbers}${gd.accuracy < 1 ? ', short of a perfect fit' : ''}.`,
            ),
    );
  }
  return { sentences, lessonId: 'lp-one-layer' };
}
