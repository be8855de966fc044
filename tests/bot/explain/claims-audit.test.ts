import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainResult } from '../../../src/bot/explain/explain-result.js';
import type { RuleId } from '../../../src/bot/explain/types.js';
import { findLesson } from '../../../src/bot/lessons/index.js';
import type { ExperimentResult, RunResult } from '../../../src/engine/result.js';
import {
  compareResult,
  group,
  landscapeResult,
  restartsResult,
  summary,
  trainResult,
  variant,
} from '../explain-fixtures.js';
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

/** Gives each run the loss curve `lossesOf(run)` (at steps 0, 270 and 300); returns the runs' owner. */
function withCurves<T>(owner: T, runs: RunResult[], lossesOf: (run: RunResult) => number[]): T {
  for (const run of runs) run.lossCurve = { steps: [0, 270, 300], losses: lossesOf(run) };
  return owner;
}

/** Overflowed before its first step: the loss starts at 1e6, then NaN. */
const blownAtInit = trainResult({ depth: 4, weightScale: 8 }, [Number.NaN, Number.NaN]);
withCurves(blownAtInit, blownAtInit.runs, () => [1e6, Number.NaN, Number.NaN]);
/** A deep net worse than a shallow one, its seeds still ~17% lower over the last tenth of the steps. */
const deepSlow = summary(8, [0.5, 0.52], 0.9);
withCurves(deepSlow, deepSlow.runs, (run) => [0.7, run.finalLoss * 1.2, run.finalLoss]);
/** Neuron restarts spread between 0.30 and 0.40, every one still falling at the end. */
const unsettledNeuron = group('neuron', [0.3, 0.34, 0.4]);
withCurves(unsettledNeuron, unsettledNeuron.runs, (run) => [0.7, run.finalLoss * 1.1, run.finalLoss]);

/** Hand-made results for the rules the recorded grid does not reach, with the rules each must produce. */
const HAND_MADE = [
  [
    'a diverged run',
    trainResult({ depth: 4, learningRate: 10 }, [Number.NaN, 0.31]),
    ['diverged', 'diverged-fix'],
  ],
  ['a run overflowed at initialization', blownAtInit, ['diverged', 'diverged-at-init']],
  [
    'some seeds stalled, saturated units',
    trainResult({ depth: 4 }, [Math.LN2, 0.31], 2e-3, [0.6, 0.5]),
    ['some-stalled', 'gradient-vanished', 'saturated'],
  ],
  [
    'a first-layer gradient 30 times the last',
    trainResult({ depth: 4 }, [0.31, 0.3], 30),
    ['reached', 'gradient-exploding'],
  ],
  ['no run finished', trainResult({ depth: 4 }, []), ['no-runs']],
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
    'a deep net worse but still falling',
    compareResult({}, [summary(2, [0.3, 0.31], 0.9), deepSlow]),
    ['deeper-worse', 'deep-still-falling'],
  ],
  ['neuron restarts spread and still falling', restartsResult([unsettledNeuron]), ['neuron-not-settled']],
  [
    'a bumpy deep slice and a barrier on the path',
    bumpyLandscape,
    ['slice-bumpier', 'residual-smoother', 'path-barrier'],
  ],
] as const;

const rulesOf = (result: ExperimentResult) => explainResult(result).sentences.map((s) => s.rule);

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

  it('exercises every rule but the map and hardness ones (audited in their own tests)', () => {
    const seen = new Set<RuleId>([
      ...everyRun.flatMap((run) => rulesOf(run.result)),
      ...HAND_MADE.flatMap(([, result]) => rulesOf(result)),
    ]);
    const ownTests = /^(map|hardness)-/;
    const unseen = (Object.keys(CLAIM_CHECKS) as RuleId[]).filter(
      (rule) => !ownTests.test(rule) && !seen.has(rule),
    );
    expect(unseen).toEqual([]);
  });

  // Rules the recorded grid happens not to reach, on hand-made results with realistic numbers.
  it.each(HAND_MADE)('%s: every sentence is backed by the numbers', (_, result, rules) => {
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
