import { describe, expect, it } from 'vitest';
import { lossCurvesChart } from '../../src/bot/charts/builders/loss-curves.js';
import { QUIZ_KINDS } from '../../src/bot/classroom/quiz-kinds.js';
import { explainResult, explanationText } from '../../src/bot/explain/explain-result.js';
import { AT_LEVEL_BAND, LEARNED_SHARE_OF_LEVEL, learnedMargin } from '../../src/bot/judge/judge.js';
import { noLearning } from '../../src/bot/no-learning.js';
import type { TrainResult } from '../../src/engine/result.js';
import { compareResult, lpResult, summary, trainResult } from './explain-fixtures.js';

/*
 * Two judgements against the no-learning level, both from src/bot/judge: the chart's subtitle
 * says a loss sits *at* the level (within AT_LEVEL_BAND), the explanation says whether the run
 * *learned* (its best loss below the level by LEARNED_SHARE_OF_LEVEL of it). They must never
 * contradict each other: a loss the chart puts at the level is one the explanation says never
 * learned, right up to the edges of both bands.
 */

/** The loss chart's subtitle as one string (it may be wrapped onto lines). */
const subtitleOf = (result: TrainResult) =>
  [
    (lossCurvesChart(result).config.options.plugins as { subtitle: { text: string | string[] } }).subtitle
      .text,
  ]
    .flat()
    .join(' ');

/** A one-seed depth-8 run ending at `finalLoss`, its accuracy that of a net at that loss. */
function stalled(loss: 'cross-entropy' | 'mse', finalLoss: number): TrainResult {
  const result = trainResult({ depth: 8, loss }, [finalLoss], 3e-6);
  const learned = finalLoss < noLearning(loss, 2).level - learnedMargin(noLearning(loss, 2).level);
  for (const run of result.runs) run.finalAccuracy = learned ? 0.8 : 0.5;
  return result;
}

describe('the no-learning level, as charts and explanations judge it', () => {
  it('uses the judge’s bands: 0.01 around the level, 5% of the level to have learned', () => {
    expect(AT_LEVEL_BAND).toBe(0.01);
    expect(LEARNED_SHARE_OF_LEVEL).toBe(0.05);
    expect(learnedMargin(Math.LN2)).toBeCloseTo(0.0347, 4);
    expect(learnedMargin(0.25)).toBeCloseTo(0.0125, 6);
  });

  it.each([
    ['cross-entropy', 0.7, true, false],
    ['cross-entropy', 0.685, true, false],
    ['cross-entropy', 0.68, false, false],
    ['cross-entropy', 0.659, false, false],
    ['cross-entropy', 0.658, false, true],
    ['cross-entropy', 0.71, false, false],
    ['mse', 0.258, true, false],
    ['mse', 0.243, true, false],
    ['mse', 0.238, false, false],
    ['mse', 0.237, false, true],
  ] as const)(
    '%s, final loss %s: chart "at the level" = %s, explanation "learned" = %s',
    (loss, finalLoss, atLevel, learned) => {
      const result = stalled(loss, finalLoss);
      const { sentences } = explainResult(result);
      expect(subtitleOf(result).includes('the no-learning level')).toBe(atLevel);
      expect(sentences[0]?.rule).toBe(learned ? 'reached' : 'never-learned');
      if (!learned)
        expect(sentences[0]?.text).toContain(`the loss never got clearly below ${noLearning(loss, 2).name}`);
    },
  );
});

describe('the no-learning level, as every reply names it', () => {
  it.each(['cross-entropy', 'mse'] as const)(
    '%s: the explanation, quiz reveal and chart use its one set of names',
    (loss) => {
      const level = noLearning(loss, 2);
      const result = stalled(loss, level.level);
      expect(explanationText(explainResult(result))).toContain(`never got clearly below ${level.name}`);
      const sweep = compareResult({ loss }, [summary(1, [0.1]), summary(8, [level.level])]);
      const reveal = QUIZ_KINDS.depth!.judge(sweep);
      expect(reveal.because).toContain(`${level.value} means it learned nothing`);
      expect(reveal.answer).toBe('shallow');
      expect(explanationText(explainResult(sweep))).toContain(
        `depth 8 never got clearly below ${level.name}`,
      );
      expect(lossCurvesChart(result).alt).toContain(level.words);
    },
  );

  it('names ln 2 the same way for gradient descent beside the LP, without "50/50"', () => {
    const lp = lpResult('xor', false, { finalLoss: Math.LN2, accuracy: 0.5 });
    const said = explanationText(explainResult(lp));
    expect(said).toContain(
      `loss 0.693 and 50% accuracy after 500 steps, right at ${noLearning('cross-entropy', 2).name}, no better than answering 0.5 everywhere`,
    );
    expect(said).not.toContain('50/50');
  });
});
