import { describe, expect, it } from 'vitest';
import { lossCurvesChart } from '../../src/bot/charts/builders/loss-curves.js';
import { QUIZ_KINDS } from '../../src/bot/classroom/quiz-kinds.js';
import { explainResult, explanationText } from '../../src/bot/explain/explain-result.js';
import { noLearning } from '../../src/bot/no-learning.js';
import type { TrainResult } from '../../src/engine/result.js';
import { compareResult, lpResult, summary, trainResult } from './explain-fixtures.js';

/*
 * The loss-curve subtitle and the explanation both judge whether a run ended at the no-learning
 * level; they must give the same verdict for the same final loss, right up to the tolerance.
 */

const subtitleOf = (result: TrainResult) =>
  (lossCurvesChart(result).config.options.plugins as { subtitle: { text: string } }).subtitle.text;

/** Whether the chart and the explanation each say the run learned nothing. */
function verdicts(result: TrainResult): { chart: boolean; explanation: boolean } {
  return {
    chart: subtitleOf(result).includes('the no-learning level'),
    explanation: /right at .*learned nothing/.test(explanationText(explainResult(result))),
  };
}

describe('the no-learning level, as charts and explanations judge it', () => {
  it.each([
    ['cross-entropy', 0.7, true],
    ['cross-entropy', 0.685, true],
    ['cross-entropy', 0.68, false],
    ['cross-entropy', 0.71, false],
    ['mse', 0.258, true],
    ['mse', 0.243, true],
    ['mse', 0.238, false],
  ] as const)('%s, final loss %s: both say "learned nothing" = %s', (loss, finalLoss, atLevel) => {
    const result = trainResult({ depth: 8, loss }, [finalLoss], 3e-6);
    expect(verdicts(result)).toEqual({ chart: atLevel, explanation: atLevel });
  });
});

describe('the no-learning level, as every reply names it', () => {
  it.each(['cross-entropy', 'mse'] as const)(
    '%s: the explanation, quiz reveal and chart use its one set of names',
    (loss) => {
      const level = noLearning(loss);
      const stalled = trainResult({ depth: 8, loss }, [level.level], 3e-6);
      expect(explanationText(explainResult(stalled))).toContain(`right at ${level.name}`);
      const sweep = compareResult({ loss }, [summary(1, [0.1]), summary(8, [level.level])]);
      expect(QUIZ_KINDS.depth!.judge(sweep).because).toContain(`${level.value} means it learned nothing`);
      expect(lossCurvesChart(stalled).alt).toContain(level.words);
    },
  );

  it('names ln 2 the same way for gradient descent beside the LP', () => {
    const lp = lpResult('xor', false, { finalLoss: Math.LN2, accuracy: 0.5 });
    expect(explanationText(explainResult(lp))).toContain(
      `right at ${noLearning('cross-entropy').name}, i.e. 50/50`,
    );
  });
});
