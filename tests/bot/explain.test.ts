import { describe, expect, it } from 'vitest';
import { QUIZ_KINDS } from '../../src/bot/classroom/quiz-kinds.js';
import { explainResult, explanationText } from '../../src/bot/explain/explain-result.js';
import { MAX_SENTENCES } from '../../src/bot/explain/types.js';
import { findLesson } from '../../src/bot/lessons/index.js';
import { trainFollowUps } from '../../src/bot/replies/depth-follow-ups.js';
import type { CompareResult, ExperimentResult, RunResult, TrainResult } from '../../src/engine/result.js';
import {
  compareResult,
  group,
  landscapeResult,
  lpResult,
  restartsResult,
  summary,
  trainResult,
  variant,
} from './explain-fixtures.js';

const LN2 = Math.LN2;
const text = (result: ExperimentResult) => explanationText(explainResult(result));
const rules = (result: ExperimentResult) => explainResult(result).sentences.map((s) => s.rule);

/** Adds a gradient snapshot at steps 150 and 300 equal to the one at step 0 (the gradient stays as it started). */
function snapshotsThroughout<T extends { runs: RunResult[] }>(result: T): T {
  for (const run of result.runs) {
    const atStart = run.gradientNorms[0]!.perLayer;
    run.gradientNorms = [0, 150, 300].map((step) => ({ step, perLayer: [...atStart] }));
  }
  return result;
}

/** The labels of a train reply's follow-up buttons. */
const trainButtons = (result: TrainResult) =>
  trainFollowUps(result.spec, { depth: result.spec.depth }, result)
    .filter((b) => b !== undefined)
    .map((b) => b!.label);

describe('explainResult on train', () => {
  it('says a stalled deep net under SGD with a starved first layer never got below ln 2 and quotes the ratio, without naming vanishing gradients as the cause', () => {
    const result = snapshotsThroughout(
      trainResult({ depth: 8 }, [LN2 - 0.0004, LN2 + 0.0003, LN2], 3e-6, [0.9, 0.8, 0.7]),
    );
    const { sentences, lessonId } = explainResult(result);
    const all = explanationText({ sentences });
    expect(sentences[0]?.rule).toBe('never-learned');
    expect(all).toMatch(
      /did not learn in 300 steps on any of its 3 seeds: the loss never got clearly below ln 2 ≈ 0\.693/,
    );
    expect(all).toMatch(
      /first-layer gradient is 3e-6 times its last layer's, and below a hundredth of it at every step measured during training\./,
    );
    // Most units saturated changes the story: never cut by the sentence cap.
    expect(all).toMatch(/80% of the hidden units were saturated/);
    expect(sentences.find((s) => s.rule === 'saturated')?.always).toBe(true);
    // No shallower net in the run: no cause named, no coin-flip wording.
    expect(sentences.map((s) => s.rule)).not.toContain('vanishing-cause');
    expect(all).not.toMatch(/vanishing gradients|barely learn|50\/50/);
    expect(lessonId).toBe('vanishing-gradients');
    // The comparison that would tell is offered as the first button.
    expect(trainButtons(result)[0]).toBe('Same budget at depth 1');
  });

  it('offers the shallow comparison in words when nothing more important fills the sentences', () => {
    const result = snapshotsThroughout(trainResult({ depth: 8 }, [LN2, LN2], 3e-6));
    const offer = explainResult(result).sentences.find((s) => s.rule === 'offer-contrast');
    expect(offer?.text).toMatch(/compare depths 1 and 8 \(the button below\)/);
    expect(trainButtons(result)).toContain('Same budget at depth 1');
  });

  it('counts the seeds that learned and the seeds that never did when only some learned', () => {
    const result = trainResult({ depth: 4 }, [LN2 - 0.0002, 0.31, 0.29], 2e-3);
    const { sentences } = explainResult(result);
    expect(sentences[0]?.rule).toBe('some-learned');
    expect(sentences[0]?.text).toBe(
      'The depth-4 network learned on 2 of 3 seeds (final 0.290 to 0.310); never got clearly below ln 2 ≈ 0.693 on 1.',
    );
    expect(trainButtons(result)[0]).toBe('Same budget at depth 1');
  });

  it('reports a fixed deep net by its numbers and links the tricks lesson', () => {
    const result = trainResult(
      { depth: 8, activation: 'relu', init: 'he', optimizer: 'adam' },
      [0.05, 0.06, 0.04],
      0.7,
      [0.05],
    );
    const { sentences, lessonId } = explainResult(result);
    expect(sentences[0]?.text).toMatch(
      /^With relu units, He init and Adam, the depth-8 network learned on all 3 seeds: final loss 0\.040 to 0\.060/,
    );
    expect(explanationText({ sentences })).not.toMatch(/ln 2|never|saturated|dead/);
    expect(explanationText({ sentences })).toMatch(/good health/);
    expect(lessonId).toBe('tricks');
    // Everything learned: no shallow contrast offered.
    expect(trainButtons(result)).not.toContain('Same budget at depth 1');
  });

  it('offers no "Fix it" button for one neuron or for a run at 100% accuracy, and offers it otherwise', () => {
    expect(trainButtons(trainResult({ depth: 0 }, [LN2]))).not.toContain('Fix it (relu + he + adam)');
    const perfect = trainResult({ depth: 3 }, [0.01, 0.02]);
    for (const run of perfect.runs) run.finalAccuracy = 1;
    expect(trainButtons(perfect)).not.toContain('Fix it (relu + he + adam)');
    const almost = trainResult({ depth: 3 }, [0.01, 0.02]);
    almost.runs[0]!.finalAccuracy = 1;
    expect(trainButtons(almost)).toContain('Fix it (relu + he + adam)');
  });

  it("says tiny gradients starve every layer under SGD; under Adam only when they sit below Adam's ε", () => {
    const tiny = (optimizer: 'sgd' | 'adam', norm: number) => {
      const result = trainResult({ depth: 12, activation: 'tanh', init: 'naive', optimizer }, [LN2, LN2]);
      for (const run of result.runs) {
        run.gradientNorms = [0, 30, 60].map((step) => ({ step, perLayer: Array(13).fill(norm) }));
      }
      const { sentences } = explainResult(result);
      const sentence = sentences.find((s) => s.rule === 'all-gradients-tiny');
      expect(sentence, JSON.stringify(sentences)).toBeDefined();
      return sentence!.text;
    };
    expect(tiny('sgd', 3e-9)).toMatch(
      /at most 3e-9 at each of the 3 steps where it was measured, so no layer gets a usable update; the first\/last ratio of 1 only says all layers are equally starved/,
    );
    // 5e-5 is far above Adam's ε (1e-7): its rescaled steps are full size.
    const underAdam = tiny('adam', 5e-5);
    expect(underAdam).toMatch(
      /at most 5e-5 at each of the 3 steps where it was measured; Adam rescales each step by the gradient's own size, so such gradients can still move the weights/,
    );
    expect(underAdam).not.toMatch(/usable update|starved/);
    // 3e-9 is below ε: even Adam's steps stay tiny.
    expect(tiny('adam', 3e-9)).toMatch(/below Adam's ε of 1e-7, so even its rescaled steps stay tiny/);
  });

  /** The gradient-vanished sentence on a depth-8 net whose gradients after step 0 are `later` (first, last). */
  const vanishedText = (
    optimizer: 'sgd' | 'adam',
    later: { first: number; last: number },
    finalLosses = [LN2, LN2],
  ) => {
    const result = trainResult({ depth: 8, optimizer }, finalLosses);
    for (const run of result.runs) {
      run.gradientNorms = [0, 30, 60].map((step) => ({
        step,
        perLayer:
          step === 0 ? [2e-6, ...Array(8).fill(0.1)] : [later.first, ...Array(7).fill(0.1), later.last],
      }));
    }
    const { sentences } = explainResult(result);
    const sentence = sentences.find((s) => s.rule === 'gradient-vanished');
    expect(sentence, JSON.stringify(sentences)).toBeDefined();
    // /train reports evidence only: the cause needs a shallower net (a /compare).
    expect(explanationText({ sentences })).not.toMatch(/vanishing gradients|barely learn/);
    return sentence!.text;
  };

  it('says the ratio stayed below a hundredth over training only when every snapshot shows it', () => {
    for (const optimizer of ['sgd', 'adam'] as const)
      expect(vanishedText(optimizer, { first: 1e-5, last: 0.1 })).toBe(
        "At the start, depth 8's first-layer gradient is 2e-5 times its last layer's, and below a hundredth of it at every step measured during training.",
      );
    // The first layer's gradient recovered to 0.05: only the start is reported.
    expect(vanishedText('sgd', { first: 0.05, last: 0.1 })).toBe(
      "At the start, depth 8's first-layer gradient is 2e-5 times its last layer's.",
    );
  });

  it("reports a first layer whose own gradient stays tiny while the ratio rises only as the last layer's falls", () => {
    // The default /train's pattern: the first layer stays tiny, the last falls with it.
    const stuck = vanishedText('sgd', { first: 2e-6, last: 4e-6 });
    expect(stuck).toBe(
      "At the start, depth 8's first-layer gradient is 2e-5 times its last layer's; its own gradient is at most 2e-6 (under 0.01) at every step measured.",
    );
    // A first layer that reaches 0.05 moves: no claim about every step.
    expect(vanishedText('sgd', { first: 0.05, last: 0.1 })).not.toMatch(/every step/);
    // The largest first-layer norm over every snapshot is quoted; at 0.02 (over 0.01) it moves.
    expect(vanishedText('sgd', { first: 5e-4, last: 1e-3 })).toMatch(
      /its own gradient is at most 5e-4 \(under 0\.01\)/,
    );
    expect(vanishedText('sgd', { first: 0.02, last: 0.04 })).not.toMatch(/own gradient|every step/);
  });

  it('sends a stalled single neuron on XOR to the capacity lesson: one line cannot separate it', () => {
    const { sentences, lessonId } = explainResult(trainResult({ depth: 0, dataset: 'xor' }, [LN2]));
    const all = explanationText({ sentences });
    expect(sentences.map((s) => s.rule)).toContain('capacity');
    // Its loss never moved from ln 2, so the sentence says that no longer run could fit it either.
    expect(all).toMatch(
      /no straight line separates xor, so a longer run could not fit it either: that is capacity/,
    );
    expect(all).toMatch(/hidden layer/);
    expect(lessonId).toBe('capacity');
    expect(findLesson('capacity')).toBeDefined();
  });

  it('calls a linear net of any depth one straight line on circles, but not a relu net or linear data', () => {
    const linear = explainResult(
      trainResult({ depth: 4, activation: 'linear', dataset: 'circles' }, [LN2, LN2]),
    );
    expect(linear.sentences.map((s) => s.rule)).toContain('capacity');
    expect(explanationText(linear)).toMatch(
      /With linear units the depth-4 network still computes one linear function/,
    );
    expect(linear.lessonId).toBe('capacity');
    expect(
      rules(trainResult({ depth: 4, activation: 'relu', dataset: 'circles' }, [LN2, LN2])),
    ).not.toContain('capacity');
    // A linear net that learned on moons has no capacity problem to name.
    expect(rules(trainResult({ depth: 4, activation: 'linear' }, [0.3, 0.3]))).not.toContain('capacity');
  });

  it('reads a loss that learned and came back up as an overshoot, and keeps mostly saturated units', () => {
    const result = trainResult({ depth: 8 }, [LN2 - 0.001, 0.3], 3e-6, [0.9, 0.8]);
    // Seed 1 reached 0.2 at step 150, then came back to ln 2: a full-batch loss rose.
    result.runs[0]!.lossCurve = { steps: [0, 150, 270, 300], losses: [0.7, 0.2, 0.6, LN2 - 0.001] };
    const { sentences, lessonId } = explainResult(result);
    const overshoot = sentences.find((s) => s.rule === 'step-overshoot');
    expect(overshoot?.text).toMatch(
      /In 1 of 2 runs \(depth 8\) the loss rose well above the lowest value it had reached .*final 0\.692.*it had first got clearly below ln 2 ≈ 0\.693 \(lowest 0\.200 at step 150\)/,
    );
    expect(sentences.map((s) => s.rule)).toContain('step-size-fix');
    expect(sentences.map((s) => s.rule)).toContain('saturated');
    expect(lessonId).toBe('step-size');
  });
});

describe('explainResult on compare', () => {
  const plainSweep = () =>
    compareResult({}, [
      summary(1, [0.25, 0.26, 0.27], 0.3),
      summary(2, [0.3, 0.31, 0.32], 0.04),
      summary(4, [LN2 - 0.0002, LN2 + 0.0001, LN2 - 0.0002], 1e-3),
      summary(8, [LN2 - 0.0002, LN2, LN2 + 0.0001], 1e-5),
    ]);

  it('says deeper plain nets trained worse and which depths never learned, quoting every depth', () => {
    const { sentences, lessonId } = explainResult(plainSweep());
    expect(sentences.length).toBeLessThanOrEqual(3);
    expect(sentences[0]?.text).toBe(
      'Mean final loss by depth: 1: 0.260, 2: 0.310, 4: 0.693, 8: 0.693; depths 4 and 8 never got clearly below ln 2 ≈ 0.693. With the same 300 steps, depth 8 trained worse than depth 1.',
    );
    expect(sentences[1]?.text).toMatch(/depth 8's first-layer gradient is 1e-5 times its last layer's/);
    expect(lessonId).toBe('vanishing-gradients');
  });

  it('names vanishing gradients as the cause only with a starved first layer over training and a shallower depth that learned', () => {
    // Only step 0 measured: the evidence over training is missing, so no cause.
    expect(rules(plainSweep())).not.toContain('vanishing-cause');
    const { sentences, lessonId } = explainResult(snapshotsThroughout(plainSweep()));
    const cause = sentences.find((s) => s.rule === 'vanishing-cause');
    expect(cause?.text).toMatch(
      /^At depth 8 the first layer's gradient stayed at most 1e-6 at every step measured \(1e-5 times the last layer's at the start\), while depth 2 learned with the same 300 steps at learning rate 0\.1: .*\(vanishing gradients\)\.$/,
    );
    expect(lessonId).toBe('vanishing-gradients');
    // Depth 1 learned and depth 8 did not, nothing in between.
    const twoDepths = snapshotsThroughout(
      compareResult({}, [summary(1, [0.25, 0.26], 0.3), summary(8, [LN2, LN2], 1e-5)]),
    );
    expect(explainResult(twoDepths).sentences.find((s) => s.rule === 'vanishing-cause')?.text).toMatch(
      /while depth 1 learned with the same 300 steps/,
    );
    expect(explainResult(twoDepths).lessonId).toBe('vanishing-gradients');
  });

  it('does not name vanishing gradients without a shallower depth that learned on every seed, and says why', () => {
    const noShallowWin = snapshotsThroughout(
      compareResult({}, [summary(1, [0.25, LN2, 0.27], 0.3), summary(8, [LN2, LN2, LN2], 1e-5)]),
    );
    const { sentences } = explainResult(noShallowWin);
    expect(sentences.map((s) => s.rule)).not.toContain('vanishing-cause');
    expect(explanationText({ sentences })).not.toMatch(/vanishing gradients/);
    expect(sentences.find((s) => s.rule === 'offer-contrast')?.text).toMatch(
      /No shallower depth learned on every seed either, so this sweep cannot tell depth from the budget/,
    );
    // No depth learned at all: nothing about depth.
    const none = snapshotsThroughout(
      compareResult({}, [summary(1, [LN2, LN2], 0.3), summary(8, [LN2, LN2], 1e-5)]),
    );
    expect(rules(none)).toEqual(['sweep-none-learned']);
    // Under Adam a small gradient still gives full-size steps: no cause named.
    const adam = snapshotsThroughout(
      compareResult({ optimizer: 'adam' }, [summary(1, [0.25, 0.26], 0.3), summary(8, [LN2, LN2], 1e-5)]),
    );
    expect(rules(adam)).not.toContain('vanishing-cause');
  });

  it('says depth made no clear difference when a fix is applied and the deep nets did as well', () => {
    const result = compareResult({ activation: 'relu', init: 'he', optimizer: 'adam' }, [
      summary(1, [0.05, 0.052, 0.048], 0.9),
      summary(4, [0.044, 0.046, 0.045], 0.8),
      summary(16, [0.055, 0.053, 0.054], 0.6),
    ]);
    const { sentences, lessonId } = explainResult(result);
    const all = explanationText({ sentences });
    expect(sentences[0]?.rule).toBe('depth-flat');
    expect(all).toMatch(
      /^With relu units, He init and Adam, mean final loss by depth: 1: 0\.050, 4: 0\.045, 16: 0\.054: every depth ended within 0\.035 of the best, so depth made no clear difference here\./,
    );
    expect(all).not.toMatch(/trained worse/);
    expect(lessonId).toBe('tricks');
  });

  it('does not claim depth hurt when the deep net did not end worse', () => {
    const flat = explainResult(
      compareResult({ activation: 'tanh' }, [summary(1, [0.3], 0.4), summary(8, [0.29], 0.2)]),
    );
    expect(flat.sentences[0]?.rule).toBe('depth-flat');
    expect(explanationText(flat)).not.toMatch(/trained worse/);
    const better = explainResult(
      compareResult({ activation: 'tanh' }, [summary(1, [0.3], 0.4), summary(8, [0.1], 0.2)]),
    );
    expect(better.sentences[0]?.text).toMatch(
      /1: 0\.300, 8: 0\.100: depth 8 ended within 0\.035 of the best and depth 1 did worse/,
    );
    expect(explanationText(better)).not.toMatch(/trained worse/);
  });

  it('gives a quiz reveal whose answer agrees with the depth trend of the explanation', () => {
    const cases: [CompareResult, string, string][] = [
      [compareResult({}, [summary(1, [0.26], 0.3), summary(8, [LN2], 1e-5)]), 'deeper-worse', 'shallow'],
      [
        compareResult({ activation: 'tanh' }, [summary(1, [0.3], 0.4), summary(8, [0.1], 0.2)]),
        'deeper-better',
        'deep',
      ],
      [
        compareResult({ activation: 'tanh' }, [summary(1, [0.3], 0.4), summary(8, [0.29], 0.2)]),
        'depth-flat',
        'same',
      ],
      [compareResult({}, [summary(1, [LN2], 0.3), summary(8, [LN2], 1e-5)]), 'sweep-none-learned', 'same'],
      // Within the margin of each other (0.28 against 0.30): no winner, whatever the last digit says.
      [
        compareResult({ activation: 'tanh' }, [summary(2, [0.28], 0.4), summary(8, [0.3], 0.2)]),
        'depth-flat',
        'same',
      ],
    ];
    for (const [sweep, rule, answer] of cases) {
      expect(rules(sweep)[0], rule).toBe(rule);
      expect(QUIZ_KINDS.depth!.judge(sweep).answer, rule).toBe(answer);
    }
  });

  it('sorts depths given out of order before judging the trend', () => {
    const result = compareResult({}, [summary(8, [LN2 - 0.0002], 1e-5), summary(1, [0.26], 0.3)]);
    expect(text(result)).toMatch(
      /^Mean final loss by depth: 1: 0\.260, 8: 0\.693;.*depth 8 trained worse than depth 1\./,
    );
  });

  it('calls deep-but-worse with healthy gradients degradation (He et al. 2016)', () => {
    const result = compareResult({ activation: 'relu', init: 'he', normalization: 'batch' }, [
      summary(2, [0.05, 0.06, 0.055], 0.9),
      summary(16, [0.24, 0.26, 0.25], 0.8),
    ]);
    const { sentences, lessonId } = explainResult(result);
    const all = explanationText({ sentences });
    expect(all).toMatch(/trained worse/);
    expect(all).toMatch(/healthy.*stopped falling: not vanishing gradients.*degradation He et al\. \(2016\)/);
    expect(all).toMatch(/residual:true/);
    expect(lessonId).toBe('degradation');
  });

  it('names He et al. (2016) as the source of degradation, not as this run, outside relu with batch norm', () => {
    const result = compareResult({}, [
      summary(2, [0.05, 0.06, 0.055], 0.9),
      summary(16, [0.24, 0.26, 0.25], 0.8),
    ]);
    const all = explanationText(explainResult(result));
    expect(all).toMatch(/not vanishing gradients, but a deeper plain net training worse\./);
    expect(all).toMatch(
      /He et al\. \(2016\) reported such degradation for plain relu nets with batch normalization/,
    );
    expect(all).not.toMatch(/the degradation He et al/);
  });

  it("does not call a linear sweep degradation: a linear net's depth trend is optimization speed, not capacity", () => {
    // The numbers that read as degradation for sigmoid nets (above), with linear units.
    const result = compareResult({ activation: 'linear' }, [
      summary(2, [0.05, 0.06, 0.055], 0.9),
      summary(16, [0.24, 0.26, 0.25], 0.8),
    ]);
    const { sentences, lessonId } = explainResult(result);
    const ruleIds = sentences.map((s) => s.rule);
    expect(ruleIds).toContain('linear-depth-is-speed');
    expect(ruleIds).not.toContain('degradation');
    expect(explanationText({ sentences })).not.toMatch(/degradation|deeper plain net training worse/);
    expect(explanationText({ sentences })).toMatch(
      /the speed of gradient descent \(optimization\), not what the nets can express/,
    );
    expect(lessonId).not.toBe('degradation');
  });

  it('does not call it degradation when the gradient turned unhealthy during training', () => {
    const result = compareResult({ activation: 'relu', init: 'he', normalization: 'batch' }, [
      summary(2, [0.05, 0.06, 0.055], 0.9),
      summary(16, [0.24, 0.26, 0.25], 0.8),
    ]);
    // Healthy at the start, then the first layer's gradient collapses to a thousandth of the last's.
    for (const deepRun of result.runs.filter((r) => r.depth === 16)) {
      const atStart = deepRun.gradientNorms[0]!.perLayer;
      const collapsed = atStart.map((g, i) => (i === 0 ? atStart.at(-1)! * 1e-3 : g));
      deepRun.gradientNorms.push({ step: 150, perLayer: collapsed });
    }
    const { sentences, lessonId } = explainResult(result);
    expect(sentences.map((s) => s.rule)).not.toContain('degradation');
    expect(lessonId).not.toBe('degradation');
  });

  it('says nothing about depth when every depth stalled, and names the step budget', () => {
    const result = compareResult({ learningRate: 1e-3 }, [
      summary(1, [LN2 - 0.0002], 0.3),
      summary(8, [LN2], 1e-5),
    ]);
    // Still creeping down at the end: the budget may be what is missing.
    for (const run of result.runs)
      run.lossCurve = { steps: [0, 150, 270, 300], losses: [0.72, 0.71, 0.704, run.finalLoss] };
    const all = text(result);
    expect(all).toMatch(
      /^No depth ended having learned: no seed ended clearly below both ln 2 ≈ 0\.693 and where it started .*not even at depth 1, so this sweep says nothing about depth\./,
    );
    expect(all).toMatch(/can move by at most 0\.3 per unit of a steady gradient in all/);
    expect(all).not.toMatch(/trained worse|vanishing/);
  });

  it('does not ask for more steps when every seed settled at ln 2', () => {
    const result = compareResult({ learningRate: 1e-3 }, [
      summary(1, [LN2 - 0.0002], 0.3),
      summary(8, [LN2], 1e-5),
    ]);
    for (const run of result.runs)
      run.lossCurve = { steps: [0, 150, 270, 300], losses: [0.9, LN2, run.finalLoss, run.finalLoss] };
    const all = text(result);
    expect(all).toMatch(
      /Every seed had settled at ln 2 ≈ 0\.693 and stopped falling, so more steps at this rate are unlikely to move it/,
    );
    expect(all).not.toMatch(/try more steps/);
  });

  it('reports a budget too small to judge as what the loss did, with no trend or stall', () => {
    const result = compareResult({ learningRate: 1e-5 }, [
      summary(1, [LN2 - 0.0002], 0.3),
      summary(8, [LN2], 1e-5),
    ]);
    const { sentences, lessonId } = explainResult(result);
    expect(sentences.map((s) => s.rule)).toEqual(['short-run']);
    expect(sentences[0]?.text).toBe(
      'In 300 steps at learning rate 0.00001 (sgd, a budget of 3e-3 (learning rate × steps)), the mean loss by depth went 1: 0.700 → 0.693, 8: 0.700 → 0.693: too small a budget to judge how depth trains; rerun with a larger learning rate or more steps.',
    );
    expect(lessonId).toBe('step-size');
  });

  it('blames the step size, shrinking with depth, when only the deeper nets overshoot', () => {
    const result = compareResult({ learningRate: 2 }, [
      summary(1, [0.25, 0.26], 0.3),
      summary(8, [1.5, 1.4], 0.2),
    ]);
    for (const run of result.runs.filter((r) => r.depth === 8))
      run.lossCurve = { steps: [0, 150, 300], losses: [0.7, 0.4, run.finalLoss] };
    const { sentences, lessonId } = explainResult(result);
    expect(sentences.map((s) => s.rule)).toEqual(['step-overshoot', 'stable-step-shrinks']);
    expect(sentences[0]?.text).toBe(
      'In 2 of 4 runs (depth 8) the loss ended at 1.400 to 1.500, above ln 2 ≈ 0.693 by more than 0.05 and more than 0.035 above the lowest value it had reached, the largest rise from 0.400 to 1.500 at step 300.',
    );
    expect(sentences[1]?.text).toMatch(
      /^At this step size \(learning rate 2\) depth 1 neither overflowed nor ended above their no-learning level or well above their lowest loss, while depth 8 did: the largest stable step shrinks with depth here/,
    );
    expect(lessonId).toBe('step-size');
    // When the shallow net overshoots too, it is the step size for every depth.
    for (const run of result.runs.filter((r) => r.depth === 1)) {
      run.finalLoss = 1.3;
      run.lossCurve = { steps: [0, 150, 300], losses: [0.7, 0.4, 1.3] };
    }
    expect(rules(result)).toEqual(['step-overshoot', 'step-size-fix']);
  });
});

describe('explainResult on restarts', () => {
  it('contrasts the convex neuron (one loss) with the deep net (several stopping places)', () => {
    const neuron = group('neuron', [0.3012, 0.3011, 0.3013, 0.3012]);
    const deep = group('deep', [0.05, 0.12, 0.3, 0.08], 6);
    const { sentences, lessonId } = explainResult(restartsResult([neuron, deep]));
    expect(sentences[0]?.text).toMatch(
      /^All 4 restarts of the single neuron \(cross-entropy\) ended at 0\.301 and had stopped falling: its loss is convex/,
    );
    expect(sentences[1]?.rule).toBe('several-stopping-places');
    expect(sentences[1]?.text).toMatch(
      /^Of the 4 restarts of the depth-6 network, 4 had stopped falling, at losses from 0\.050 to 0\.300: different starts settled at different losses/,
    );
    expect(lessonId).toBe('restarts');
  });

  it('does not count a restart that barely moved from its start among those settled at their range (it ended at ln 2, outside 0.050 to 0.120)', () => {
    const deep = group('deep', [0.05, 0.12, LN2 - 0.0002, 0.08], 6);
    const said = text(restartsResult([deep]));
    expect(said).toMatch(/3 had stopped falling, at losses from 0\.050 to 0\.120/);
    expect(said).toMatch(/1 barely moved from where/);
    // The one at ln 2 is the one that barely moved: it is not one of the 3 settled between 0.050 and 0.120.
    expect(said).not.toMatch(/from 0\.050 to 0\.120, 1 of them at ln 2/);
    expect(said).toMatch(/from 0\.050 to 0\.120 \(1 of all 4 ended at ln 2 ≈ 0\.693\)/);
  });

  it('credits Auer et al. for a spread neuron with squared error, and does not invent a spread', () => {
    const mse = group('neuron-mse', [0.09, 0.25, 0.11]);
    const deep = group('deep', [0.081, 0.082, 0.08], 6);
    const all = text(restartsResult([mse, deep]));
    expect(all).toMatch(/squared error makes even one neuron non-convex: Auer, Herbster & Warmuth 1996/);
    expect(all).toMatch(
      /The 3 restarts of the depth-6 network all ended between 0\.080 and 0\.082 and had stopped falling/,
    );
    expect(all).not.toMatch(
      /3 restarts of the depth-6 network ended anywhere|Of the 3 restarts of the depth-6/,
    );
  });
});

describe('explainResult on lp', () => {
  it('says an infeasible LP needs a hidden layer, and gradient descent agrees at ln 2', () => {
    const { sentences, lessonId } = explainResult(lpResult('xor', false, { finalLoss: LN2, accuracy: 0.5 }));
    const all = explanationText({ sentences });
    expect(all).toMatch(/infeasible/);
    expect(all).toMatch(/no straight line separates every point of xor/);
    expect(all).toMatch(/a boundary must bend, which takes a hidden layer/);
    expect(all).toMatch(/ln 2/);
    expect(lessonId).toBe('lp-one-layer');
  });

  it('says a feasible LP found a separating line', () => {
    const all = text(lpResult('blobs', true, { finalLoss: 0.02, accuracy: 1 }));
    expect(all).toMatch(/feasible: it found a separating line for blobs, classifying 100% of the points/);
    expect(all).not.toMatch(/hidden layer/);
  });
});

describe('explainResult on landscape', () => {
  it('finds the deep plain slice bumpier and the residual one smooth', () => {
    const result = landscapeResult([
      variant('shallow', 1, false, { roughness: 1, extraMinima: 0 }),
      variant('deep plain', 10, false, { roughness: 2.8, extraMinima: 3 }),
      variant('deep residual', 10, true, { roughness: 1.1, extraMinima: 0 }),
    ]);
    const { sentences, lessonId } = explainResult(result);
    expect(sentences[0]?.text).toMatch(
      /depth-10 plain net's slice is bumpier \(roughness 2\.80, 3 extra minima\)/,
    );
    expect(sentences[1]?.text).toMatch(/Residual connections smooth it out/);
    expect(sentences[2]?.text).toMatch(/falls from 0\.700 to 0\.100 without a bump/);
    expect(lessonId).toBe('landscapes');
  });

  it('says so when depth did not roughen the slice, and reports a barrier on the straight path', () => {
    const result = landscapeResult([
      variant('shallow', 1, false, { roughness: 1.2, extraMinima: 1 }),
      variant(
        'deep plain',
        10,
        false,
        { roughness: 1.1, extraMinima: 1 },
        [0.9, 0.7, 0.8, 0.5, 0.2, 0.1, 0.3],
      ),
      variant('deep residual', 10, true, { roughness: 1.1, extraMinima: 1 }),
    ]);
    const all = text(result);
    expect(all).toMatch(/not clearly bumpier/);
    expect(all).not.toMatch(/slice is bumpier/);
    expect(all).toMatch(/did not clearly smooth/);
    expect(all).toMatch(/\(from 0\.700 to 0\.100\) climbs by 0\.100 on the way/);
  });
});

describe('explainResult in general', () => {
  it('gives one to three full sentences and an existing lesson for every fixture', () => {
    const fixtures: ExperimentResult[] = [
      trainResult({ depth: 3 }, [0.28], 0.2),
      compareResult({}, [summary(1, [0.26], 0.3)]),
      restartsResult([group('three-node', [0.2, 0.35, 0.5])]),
      landscapeResult([variant('shallow', 1, false, { roughness: 1, extraMinima: 0 })]),
      lpResult('blobs', true, { finalLoss: 0.02, accuracy: 1 }),
    ];
    for (const fixture of fixtures) {
      const { sentences, lessonId } = explainResult(fixture);
      expect(sentences.length, fixture.experiment).toBeGreaterThanOrEqual(1);
      expect(sentences.length, fixture.experiment).toBeLessThanOrEqual(3);
      for (const sentence of sentences) expect(sentence.text, fixture.experiment).toMatch(/^[A-Z].*[.:)]$/s);
      expect(findLesson(lessonId), fixture.experiment).toBeDefined();
    }
  });
});

describe('explainResult on a run that diverged', () => {
  it('says the loss overflowed and the step was too large, instead of reading depth into it', () => {
    const blown = trainResult({ depth: 4, activation: 'relu', learningRate: 10 }, [Number.NaN, 0.31]);
    const { sentences, lessonId } = explainResult(blown);
    expect(sentences[0]?.text).toBe('In 1 of 2 runs (depth 4) the loss overflowed to infinity (NaN).');
    expect(sentences[1]?.text).toMatch(/^That is the step size \(learning rate 10\): the updates overshoot/);
    expect(explanationText({ sentences })).not.toMatch(/depth-4 network learned|vanishing/);
    expect(lessonId).toBe('step-size');
    expect(findLesson('step-size')).toBeDefined();
    expect(trainButtons(blown)[0]).toBe('Learning rate ÷ 10');
    expect(trainButtons(blown)).not.toContain('Same budget at depth 1');
  });

  it('recognises a NaN that JSON turned into null (a cached or queued result)', () => {
    const viaJson = JSON.parse(
      JSON.stringify(trainResult({ depth: 2 }, [Number.POSITIVE_INFINITY])),
    ) as ExperimentResult;
    const { sentences, lessonId } = explainResult(viaJson);
    expect(sentences[0]?.text).toBe('In the only run (depth 2) the loss overflowed to infinity (NaN).');
    expect(lessonId).toBe('step-size');
  });

  it('blames the initial weights when the loss overflowed before the first step', () => {
    const result = trainResult({ depth: 4, weightScale: 20 }, [Number.NaN]);
    result.runs[0]!.lossCurve = { steps: [0, 150, 300], losses: [5e4, Number.NaN, Number.NaN] };
    const { sentences, lessonId } = explainResult(result);
    expect(sentences[1]?.rule).toBe('overflow-at-init');
    expect(sentences[1]?.text).toMatch(
      /already 5e\+4 before the first step: the initial weights make the output overflow/,
    );
    expect(lessonId).toBe('signal-propagation');
  });

  it('always notes a spike the run recovered from, next to the rest of the story', () => {
    const result = trainResult({ depth: 8 }, [0.25, 0.26], 3e-6, [0.9, 0.8]);
    result.runs[0]!.lossCurve = { steps: [0, 100, 200, 270, 300], losses: [0.7, 0.3, 4, 0.25, 0.25] };
    const { sentences } = explainResult(result);
    expect(sentences.length).toBeLessThanOrEqual(MAX_SENTENCES);
    expect(sentences.find((s) => s.rule === 'loss-spiked-recovered')?.text).toBe(
      'In 1 of 2 runs (depth 8) the loss jumped from 0.300 to 4.000 at step 200 and recovered to 0.250: the step size is near its limit there.',
    );
    expect(sentences.map((s) => s.rule)).toContain('saturated');
  });
});
