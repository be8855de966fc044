import { describe, expect, it } from 'vitest';
import { lossCurvesChart } from '../../src/bot/charts/builders/loss-curves.js';
import { explainResult, explanationText } from '../../src/bot/explain/explain-result.js';
import type { TrainResult } from '../../src/engine/result.js';
import { trainResult } from './explain-fixtures.js';

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
