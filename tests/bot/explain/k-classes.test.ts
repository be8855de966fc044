import { describe, expect, it } from 'vitest';
import { finalLossByDepthChart } from '../../../src/bot/charts/builders/final-loss-by-depth.js';
import { lossCurvesChart } from '../../../src/bot/charts/builders/loss-curves.js';
import { lpChart } from '../../../src/bot/charts/builders/lp.js';
import { QUIZ_KINDS } from '../../../src/bot/classroom/quiz-kinds.js';
import { type Explanation, explainResult, explanationText } from '../../../src/bot/explain/explain-result.js';
import { runFacts } from '../../../src/bot/judge/facts.js';
import { learnedMargin, seedKind } from '../../../src/bot/judge/judge.js';
import { noLearning } from '../../../src/bot/no-learning.js';
import { lpFollowUps } from '../../../src/bot/replies/hardness-follow-ups.js';
import type { ExperimentResult, MapResult } from '../../../src/engine/result.js';
import {
  atClasses,
  compareResult,
  lpResult,
  onTable,
  summary,
  table,
  trainResult,
} from '../explain-fixtures.js';
import { checkExplanation, checkSentence } from './oracle.js';

/*
 * K classes: the no-learning level ln K and chance 1/K, from noLearning(loss, K) with K read from
 * the spec's table, in every sentence, chart text and quiz reveal; and on a table no sentence
 * leans on a generated shape. The independent oracle checks each explanation here, and is shown
 * to catch a K-class sentence altered to the two-class words.
 */

/** Every sentence and the whole explanation pass the oracle. */
function expectOracleAgrees(result: ExperimentResult, explanation: Explanation) {
  const json = JSON.parse(JSON.stringify(result)) as ExperimentResult;
  for (const sentence of explanation.sentences)
    expect(checkSentence(json, sentence), `${sentence.rule}: ${sentence.text}`).toBeUndefined();
  expect(checkExplanation(json, explanation)).toEqual([]);
}

/** Words that lean on a generated shape, or on the options a table has no use for. */
const SHAPE_WORDS = /moons|xor|XOR|circles|spiral|blobs|noise|straight line/;
/** Two-class words: false of depth 0 and of the level on K > 2 classes. */
const TWO_CLASS_WORDS = /ln 2|0\.693|answering 0\.5|single neuron|one neuron/;

describe('the no-learning level and chance for K classes', () => {
  it.each([
    [2, 'ln 2 ≈ 0.693', 'no learning (ln 2)', 'answering 0.5 everywhere'],
    [3, 'ln 3 ≈ 1.099', 'no learning (ln 3)', 'giving each of the 3 classes 1/3 everywhere'],
    [8, 'ln 8 ≈ 2.079', 'no learning (ln 8)', 'giving each of the 8 classes 1/8 everywhere'],
  ] as const)('K = %i: level ln K named %s, chance 1/K', (classes, name, label, guess) => {
    const level = noLearning('cross-entropy', classes);
    expect(level.level).toBeCloseTo(Math.log(classes), 12);
    expect(level.name).toBe(name);
    expect(level.label).toBe(label);
    expect(level.words).toBe(`${name} means no learning`);
    expect(level.chance).toBeCloseTo(1 / classes, 12);
    expect(level.guess).toBe(guess);
  });

  it('keeps squared error to two classes and refuses a class count below 2', () => {
    expect(noLearning('mse', 2).level).toBe(0.25);
    expect(() => noLearning('mse', 3)).toThrow(/squared error is for two classes only, not 3/);
    expect(() => noLearning('cross-entropy', 1)).toThrow(/2 or more classes/);
  });

  it('judges a run against ln K: a loss of 0.693 is the level on 2 classes and learning on 8', () => {
    expect(learnedMargin(Math.log(8))).toBeCloseTo(0.104, 3);
    const run = trainResult({ depth: 2 }, [Math.LN2]).runs[0]!;
    run.lossCurve = { steps: [0, 270, 300], losses: [Math.log(8), Math.LN2, Math.LN2] };
    expect(seedKind(runFacts(run, 'cross-entropy', 8))).toBe('learned');
    expect(seedKind(runFacts(run, 'cross-entropy', 2))).toBe('never-learned');
    // At ln 8, and 0.05 × ln 8 below it, an 8-class run has not learned.
    run.lossCurve = { steps: [0, 270, 300], losses: [2.09, 1.99, 1.99] };
    run.finalLoss = 1.99;
    expect(seedKind(runFacts(run, 'cross-entropy', 8))).toBe('never-learned');
  });
});

describe('every sentence on K = 3 and K = 8 tables', () => {
  const eight = table('letters', 8, 16);
  const three = table('wines', 3, 13);

  it('K = 8, stalled at ln 8: never learned, its accuracy beside chance 13%, in the oracle’s eyes too', () => {
    const result = atClasses(
      onTable(trainResult({ depth: 8 }, [2.079, 2.08], 1e-4), eight),
      8,
      [0.125, 0.13],
    );
    const explanation = explainResult(result);
    const text = explanationText(explanation);
    expect(explanation.sentences[0]?.rule).toBe('never-learned');
    expect(text).toContain('never got clearly below ln 8 ≈ 2.079');
    expect(text).toContain('mean accuracy 13%, chance 13%');
    expect(text).not.toMatch(TWO_CLASS_WORDS);
    expect(text).not.toMatch(SHAPE_WORDS);
    expectOracleAgrees(result, explanation);
    // The chart names the same level.
    expect(lossCurvesChart(result).alt).toContain('ln 8 ≈ 2.079 means no learning');
  });

  it('K = 8, learned: reached, with chance beside the accuracy', () => {
    const result = atClasses(onTable(trainResult({ depth: 2 }, [0.9, 0.95]), eight), 8, [0.7]);
    const explanation = explainResult(result);
    expect(explanation.sentences[0]?.rule).toBe('reached');
    expect(explanation.sentences[0]?.text).toContain(
      'final loss 0.900 to 0.950 (mean accuracy 70%, chance 13%)',
    );
    expectOracleAgrees(result, explanation);
  });

  it('K = 8, at the level with 92% right: told with its accuracy, 90% being far above chance', () => {
    const result = atClasses(onTable(trainResult({ depth: 4 }, [2.06]), eight), 8, [0.92]);
    const text = explanationText(explainResult(result));
    expect(text).toContain('never got clearly below ln 8 ≈ 2.079');
    expect(text).toContain('yet it already classified 92% of the points correctly');
    expectOracleAgrees(result, explainResult(result));
  });

  it('K = 3 sweep: the trend, the quiz reveal and the chart all name ln 3', () => {
    const sweep = onTable(
      compareResult({}, [summary(1, [0.3, 0.32]), summary(8, [1.0986, 1.099], 1e-5)]),
      three,
    );
    atClasses(sweep, 3, [0.9, 0.92, 0.33, 0.34]);
    const explanation = explainResult(sweep);
    const text = explanationText(explanation);
    expect(explanation.sentences[0]?.rule).toBe('deeper-worse');
    expect(text).toContain('depth 8 never got clearly below ln 3 ≈ 1.099');
    expect(text).not.toMatch(SHAPE_WORDS);
    expect(text).not.toMatch(TWO_CLASS_WORDS);
    expectOracleAgrees(sweep, explanation);
    const reveal = QUIZ_KINDS.depth!.judge(sweep);
    expect(reveal.answer).toBe('shallow');
    expect(reveal.because).toContain(
      'with cross-entropy on 3 classes, ln 3 ≈ 1.099 means it learned nothing',
    );
    const chart = finalLossByDepthChart(sweep);
    expect(chart.alt).toContain('(ln 3 ≈ 1.099 means no learning)');
    expect(JSON.stringify(chart.config)).toContain('no learning (ln 3)');
  });

  it('K = 3, depth 0 that classifies every row: a layer of 3 outputs, linear boundaries, no minimizer', () => {
    const result = atClasses(onTable(trainResult({ depth: 0 }, [0.02, 0.03]), three), 3, [1]);
    for (const r of result.runs)
      r.lossCurve = { steps: [0, 270, 300], losses: [1.1, r.finalLoss * 1.1, r.finalLoss] };
    const explanation = explainResult(result);
    const text = explanationText(explanation);
    expect(text).toContain('The single layer (3 output units, no hidden layer) learned on both seeds');
    expect(text).toContain('linear boundaries separate the 3 classes of this table');
    expect(text).not.toMatch(SHAPE_WORDS);
    expect(text).not.toMatch(TWO_CLASS_WORDS);
    expectOracleAgrees(result, explanation);
  });

  it('K = 3 map: a cell above ln 3 is worse than giving each class 1/3', () => {
    const map = onTable(mapOf([0.3, 1.4]), three);
    const explanation = explainResult(map);
    const overshot = explanation.sentences.find((s) => s.rule === 'map-overshot');
    expect(overshot?.text).toContain(
      '1 cell ended above ln 3 ≈ 1.099, worse than giving each of the 3 classes 1/3 everywhere',
    );
    expect(explanationText(explanation)).not.toMatch(SHAPE_WORDS);
    expect(explanationText(explanation)).not.toMatch(TWO_CLASS_WORDS);
    expectOracleAgrees(map, explanation);
  });
});

describe('no sentence names or leans on a shape on table data', () => {
  it('linear units on a table typed with dataset:xor: no capacity cause, no shape, one linear boundary', () => {
    const spec = { depth: 4, activation: 'linear', dataset: 'xor' } as const;
    const onShape = trainResult(spec, [Math.LN2, Math.LN2]);
    expect(explainResult(onShape).sentences.map((s) => s.rule)).toContain('capacity');
    const result = onTable(trainResult(spec, [Math.LN2, Math.LN2]), table('survey', 2, 5));
    const explanation = explainResult(result);
    const text = explanationText(explanation);
    expect(explanation.sentences.map((s) => s.rule)).not.toContain('capacity');
    expect(explanation.lessonId).not.toBe('capacity');
    expect(text).toContain('one linear boundary, like a net with no hidden layer, whatever its depth');
    expect(text).not.toMatch(SHAPE_WORDS);
    expectOracleAgrees(result, explanation);
  });

  it('a linear sweep on a 3-class table typed with dataset:circles: speed, in a table’s words', () => {
    const sweep = onTable(
      compareResult({ activation: 'linear', dataset: 'circles' }, [summary(0, [0.5]), summary(4, [0.52])]),
      table('wines', 3, 13),
    );
    atClasses(sweep, 3, [0.8]);
    const explanation = explainResult(sweep);
    const text = explanationText(explanation);
    expect(explanation.sentences.map((s) => s.rule)).not.toContain('capacity');
    expect(text).toContain('(linear boundaries between its 3 classes, like a net with no hidden layer)');
    expect(text).not.toMatch(SHAPE_WORDS);
    expect(text).not.toMatch(TWO_CLASS_WORDS);
    expectOracleAgrees(sweep, explanation);
  });

  it('an infeasible LP on a table typed with dataset:moons noise:0.4: only the LP’s verdict, and a run on the same table', () => {
    const plain = lpResult('xor', false, { finalLoss: 0.5, accuracy: 0.75 });
    const data = table('exam scores', 2, 3, 40);
    const result = onTable(
      { ...plain, spec: { ...plain.spec, dataset: 'moons' as const, noise: 0.4 } },
      data,
    );
    result.minViolations = 6;
    const explanation = explainResult(result);
    const text = explanationText(explanation);
    expect(explanation.sentences[0]?.rule).toBe('lp-infeasible-table');
    expect(text).toContain('no linear boundary separates every row of exam scores');
    expect(text).toContain('leaves 6 of 40 rows short of the margin');
    expect(text).not.toMatch(SHAPE_WORDS);
    expectOracleAgrees(result, explanation);
    // The chart's title and alt text name the table, and no straight line.
    const chart = lpChart(result);
    expect(`${chart.alt} ${JSON.stringify(chart.config.options)}`).toContain('exam scores');
    expect(`${chart.alt} ${JSON.stringify(chart.config.options)}`).not.toMatch(SHAPE_WORDS);
    const buttons = lpFollowUps(result.spec, { dataset: 'moons' }, result).filter((b) => b !== undefined);
    expect(buttons[0]?.label).toBe('Add a hidden layer (same data)');
    expect(buttons[0]?.id).toMatch(/train .*\bd:1\b/);
  });

  it('a feasible LP on a table names the table, not a line for a shape', () => {
    const plain = lpResult('blobs', true, { finalLoss: 0.05, accuracy: 1 });
    const result = onTable(plain, table('exam scores', 2, 3, 40));
    const explanation = explainResult(result);
    expect(explanation.sentences[0]?.text).toContain(
      'a linear boundary separating the two classes of exam scores',
    );
    expect(explanationText(explanation)).not.toMatch(SHAPE_WORDS);
    expectOracleAgrees(result, explanation);
  });
});

describe('the oracle catches K-class sentences altered to other words', () => {
  const eight = () =>
    atClasses(onTable(trainResult({ depth: 8 }, [2.079, 2.08], 1e-4), table('letters', 8, 16)), 8, [0.125]);

  it.each([
    ['the two-class level', 'ln 8 ≈ 2.079', 'ln 2 ≈ 0.693', /names ln 2 as the level of data with 8 classes/],
    [
      'a wrong value of ln 8',
      'ln 8 ≈ 2.079',
      'ln 8 ≈ 2.079'.replace('2.079', '2.197'),
      /names ln 8 as 2\.197/,
    ],
    ['a wrong chance', 'chance 13%', 'chance 50%', /quotes chance as 50% with 8 classes/],
  ])('%s', (_what, from, to, reason) => {
    const result = JSON.parse(JSON.stringify(eight())) as ExperimentResult;
    const sentence = explainResult(result).sentences[0]!;
    expect(sentence.text).toContain(from);
    expect(checkSentence(result, sentence)).toBeUndefined();
    expect(checkSentence(result, { ...sentence, text: sentence.text.replace(from, to) })).toMatch(reason);
  });

  it('two-class words and shape names on a table', () => {
    const result = JSON.parse(JSON.stringify(eight())) as ExperimentResult;
    const explanation = explainResult(result);
    const [first, ...rest] = explanation.sentences;
    const neuron = { ...first!, text: first!.text.replace('The depth-8 network', 'The single neuron') };
    expect(checkSentence(result, neuron)).toMatch(/two-class words/);
    const moons = { ...first!, text: first!.text.replace(/\.$/, ' on the two moons.') };
    expect(checkExplanation(result, { ...explanation, sentences: [moons, ...rest] })).toContainEqual(
      expect.stringMatching(/says "(two )?moons" of a table/),
    );
  });
});

/** A one-seed loss map, depth 2 at σ_w² 1 and depth 8 at σ_w² 1 and 3, from its cells' final losses. */
function mapOf([shallow, deep]: [number, number]): MapResult {
  const cell = (depth: number, value: number, loss: number) => ({
    depth,
    value,
    finalLosses: [loss],
    meanFinalLoss: loss,
    stepsToThreshold: [null],
  });
  return {
    experiment: 'map',
    backend: 'wasm',
    durationMs: 1000,
    spec: {
      experiment: 'map',
      depths: [2, 8],
      axis: 'weightScale',
      values: [1],
      metric: 'loss',
      threshold: 0.35,
      seeds: 1,
      width: 32,
      activation: 'tanh',
      init: 'gaussian',
      residual: false,
      normalization: 'none',
      loss: 'cross-entropy',
      weightScale: 1,
      biasScale: 0.05,
      optimizer: 'sgd',
      learningRate: 0.1,
      steps: 300,
      dataset: 'moons',
      points: 128,
      noise: 0.1,
      seed: 1,
    },
    axisValues: [1],
    cells: [cell(2, 1, shallow), cell(8, 1, deep)],
  };
}
