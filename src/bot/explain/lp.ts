import type { LpResult } from '../../engine/result.js';
import { formatLoss, formatPercent, isStalled } from './format.js';
import type { Explanation } from './types.js';

/* `lp`: one layer as a feasibility linear program, next to gradient descent on one neuron. */

/** Explains an LP result: a separating line found, or proof that none exists (hidden layer needed). */
export function explainLp(result: LpResult): Explanation {
  const { gradientDescent: gd } = result;
  const dataset = result.spec.dataset;
  const gdNumbers = `loss ${formatLoss(gd.finalLoss)} and ${formatPercent(gd.accuracy)} accuracy after ${gd.steps} steps`;
  const sentences: string[] = [];
  if (result.feasible) {
    const accuracy =
      result.lpAccuracy === undefined
        ? ''
        : `, classifying ${formatPercent(result.lpAccuracy)} of the points,`;
    sentences.push(
      `The linear program is feasible: it found a separating line for ${dataset}${accuracy} in ${Math.round(result.solveMs)} ms, with no training loop.`,
    );
    sentences.push(`Gradient descent on one neuron, on the same data, reached ${gdNumbers}.`);
  } else {
    sentences.push(
      `The linear program is infeasible: no straight line separates ${dataset}, whatever the weights. One layer cannot fit this data; a hidden layer is needed.`,
    );
    sentences.push(
      isStalled(gd.finalLoss, 'cross-entropy')
        ? `Gradient descent on one neuron agrees: ${gdNumbers}, right at ln 2 ≈ 0.693, i.e. 50/50.`
        : `Gradient descent on one neuron ends at ${gdNumbers}${gd.accuracy < 1 ? ', short of a perfect fit' : ''}.`,
    );
  }
  return { sentences, lessonId: 'lp-one-layer' };
}
