import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainResult } from '../../../src/bot/explain/explain-result.js';
import type { RuleId } from '../../../src/bot/explain/types.js';
import { findLesson } from '../../../src/bot/lessons/index.js';
import type { ExperimentResult } from '../../../src/engine/result.js';
import { compareResult, landscapeResult, summary, trainResult, variant } from '../explain-fixtures.js';
import { CLAIM_CHECKS } from './claims.js';

/*
 * The claims audit: every sentence the explainer says about a grid of real runs (activations ×
 * inits × optimizers × learning rates × data sets × residual/normalization, recorded by
 * scripts/record-explain-audit.ts) must pass the audit's own check of its evidence.
 */

interface Recorded {
  options: Record<string, unknown>;
  result: ExperimentResult;
}

const recorded = JSON.parse(readFileSync(new URL('./audit-runs.json', import.meta.url), 'utf8')) as {
  grid: Recorded[];
  failures: Recorded[];
};
const everyRun = [...recorded.grid, ...recorded.failures];
const label = ({ options }: Recorded) =>
  Object.entries(options)
    .map(([k, v]) => `${k}:${String(v)}`)
    .join(' ');

const bumpyDeepPlain = variant(
  'deep plain',
  10,
  false,
  { roughness: 2.8, extraMinima: 3 },
  [0.9, 0.7, 0.8, 0.5, 0.2, 0.1, 0.3],
);
/** A deep plain slice clearly bumpier than both the shallow and the residual one. */
const bumpyLandscape = landscapeResult([
  variant('shallow', 1, false, { roughness: 1, extraMinima: 0 }),
  bumpyDeepPlain,
  variant('deep residual', 10, true, { roughness: 1.1, extraMinima: 0 }),
]);

describe('the claims audit', () => {
  it.each(everyRun.map((r) => [label(r), r] as const))(
    '%s: every sentence is backed by the numbers',
    (_, run) => {
      const { sentences, lessonId } = explainResult(run.result);
      expect(sentences.length).toBeGreaterThanOrEqual(1);
      expect(sentences.length).toBeLessThanOrEqual(3);
      expect(findLesson(lessonId)).toBeDefined();
      for (const sentence of sentences) {
        expect(sentence.text).toMatch(/^[A-Z].*[.)]$/s);
        const problem = CLAIM_CHECKS[sentence.rule](run.result, sentence);
        expect(problem, `${sentence.rule}: "${sentence.text}"`).toBeUndefined();
      }
    },
  );

  it('exercises most rules, so the audit is not vacuous', () => {
    const seen = new Set<RuleId>();
    for (const run of everyRun) for (const s of explainResult(run.result).sentences) seen.add(s.rule);
    expect(seen.size).toBeGreaterThanOrEqual(25);
  });

  // Rules the recorded grid happens not to reach, on hand-made results with realistic numbers.
  it.each([
    [
      'a diverged run',
      trainResult({ depth: 4, learningRate: 10 }, [Number.NaN, 0.31]),
      ['diverged', 'diverged-fix'],
    ],
    [
      'some seeds stalled, saturated units',
      trainResult({ depth: 4 }, [Math.LN2, 0.31], 2e-3, [0.6, 0.5]),
      ['some-stalled', 'gradient-vanished', 'saturated'],
    ],
    [
      'every depth stalled',
      compareResult({}, [summary(1, [Math.LN2], 0.3), summary(8, [Math.LN2 + 1e-4], 1e-5)]),
      ['sweep-all-stalled'],
    ],
    [
      'a deep plain net worse with a healthy gradient',
      compareResult({ activation: 'relu', init: 'he', normalization: 'batch' }, [
        summary(2, [0.05, 0.06], 0.9),
        summary(16, [0.24, 0.26], 0.8),
      ]),
      ['deeper-worse', 'degradation'],
    ],
    [
      'a bumpy deep slice and a barrier on the path',
      bumpyLandscape,
      ['slice-bumpier', 'residual-smoother', 'path-barrier'],
    ],
  ] as const)('%s: every sentence is backed by the numbers', (_, result, rules) => {
    const viaJson = JSON.parse(JSON.stringify(result)) as ExperimentResult;
    const { sentences } = explainResult(viaJson);
    expect(sentences.map((s) => s.rule)).toEqual(rules);
    for (const sentence of sentences) {
      expect(
        CLAIM_CHECKS[sentence.rule](viaJson, sentence),
        `${sentence.rule}: "${sentence.text}"`,
      ).toBeUndefined();
    }
  });

  it('catches a false sentence: each check rejects the evidence of a run that contradicts it', () => {
    const stalledDeep = recorded.failures[0]!.result;
    expect(
      CLAIM_CHECKS['gradient-healthy'](stalledDeep, { rule: 'gradient-healthy', text: "depth 16's" }),
    ).toBeDefined();
    const linearSweep = recorded.failures[2]!.result;
    expect(CLAIM_CHECKS['deeper-better'](linearSweep, { rule: 'deeper-better', text: '' })).toBeDefined();
    const recoveredSpike = recorded.failures[8]!.result;
    expect(CLAIM_CHECKS['step-size-fix'](recoveredSpike, { rule: 'step-size-fix', text: '' })).toBeDefined();
    const neuronOnBlobs = recorded.failures[5]!.result;
    expect(
      CLAIM_CHECKS['neuron-one-minimum'](neuronOnBlobs, { rule: 'neuron-one-minimum', text: '' }),
    ).toBeDefined();
    // A landscape whose deep slice is clearly bumpier, or which lacks the variant compared with.
    const onlyDeepPlain = landscapeResult([bumpyDeepPlain]);
    for (const rule of ['slice-not-bumpier', 'residual-not-smoother'] as const) {
      expect(CLAIM_CHECKS[rule](bumpyLandscape, { rule, text: '' }), rule).toBeDefined();
      expect(CLAIM_CHECKS[rule](onlyDeepPlain, { rule, text: '' }), rule).toBeDefined();
    }
    // A sentence about a depth the run does not have is not backed by it.
    for (const [rule, text] of [
      ['gradient-weak', "Depth 99's"],
      ['gradient-exploding', "Depth 99's"],
      ['stalled-depths', 'Depth 99 stalled'],
    ] as const) {
      expect(CLAIM_CHECKS[rule](stalledDeep, { rule, text }), rule).toBeDefined();
    }
  });
});
