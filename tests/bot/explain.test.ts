import { describe, expect, it } from 'vitest';
import { explainResult, explanationText } from '../../src/bot/explain/explain-result.js';
import { findLesson } from '../../src/bot/lessons/index.js';
import type { ExperimentResult } from '../../src/engine/result.js';
import { CLAIM_CHECKS } from './explain/claims.js';
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

describe('explainResult on train', () => {
  it('says a stalled deep net learned nothing, at ln 2, and why (vanishing gradients)', () => {
    const result = trainResult({ depth: 8 }, [LN2 - 0.0004, LN2 + 0.0003, LN2], 3e-6, [0.9, 0.8, 0.7]);
    const { sentences, lessonId } = explainResult(result);
    const all = explanationText({ sentences });
    expect(all).toMatch(/ln 2/);
    expect(all).toMatch(/0\.693/);
    expect(all).toMatch(/50\/50/);
    expect(all).toMatch(/3e-6 times/);
    expect(all).toMatch(/80% of the hidden units were saturated/);
    expect(lessonId).toBe('vanishing-gradients');
  });

  it('counts the seeds that stalled when only some did', () => {
    const all = text(trainResult({ depth: 4 }, [LN2 - 0.0002, 0.31, 0.29], 2e-3));
    expect(all).toMatch(/1 of 3 seeds stalled/);
    expect(all).toMatch(/0\.290/);
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
      /^With relu, He init and Adam, the depth-8 network reached a training loss of 0\.050/,
    );
    expect(explanationText({ sentences })).not.toMatch(/ln 2|stalled|saturated|dead/);
    expect(explanationText({ sentences })).toMatch(/good health/);
    expect(lessonId).toBe('tricks');
  });

  it('says tiny gradients starve every layer under SGD, but not under Adam, which rescales its steps', () => {
    const tiny = (optimizer: 'sgd' | 'adam') => {
      const result = trainResult({ depth: 12, activation: 'tanh', init: 'naive', optimizer }, [LN2, LN2]);
      for (const run of result.runs) {
        run.gradientNorms = [0, 30, 60].map((step) => ({ step, perLayer: Array(13).fill(3e-9) }));
      }
      const { sentences } = explainResult(result);
      const sentence = sentences.find((s) => s.rule === 'all-gradients-tiny');
      expect(sentence, JSON.stringify(sentences)).toBeDefined();
      expect(CLAIM_CHECKS['all-gradients-tiny'](result, sentence!)).toBeUndefined();
      return sentence!.text;
    };
    expect(tiny('sgd')).toMatch(/at most 3e-9 at each of the 3 steps.*so no layer gets a usable update/);
    const underAdam = tiny('adam');
    expect(underAdam).toMatch(
      /at most 3e-9 at each of the 3 steps where it was measured; the first\/last ratio of 1/,
    );
    expect(underAdam).not.toMatch(/usable update|starved/);
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
    expect(CLAIM_CHECKS['gradient-vanished'](result, sentence!)).toBeUndefined();
    return sentence!.text;
  };

  it('says the first layers barely learn only when the gradient stays vanished over training', () => {
    expect(vanishedText('sgd', { first: 1e-5, last: 0.1 })).toMatch(
      /2e-5 times its last layer's, and below a hundredth of it at every step measured during training: the layers next to the input barely learn/,
    );
    const recovered = vanishedText('sgd', { first: 0.05, last: 0.1 });
    expect(recovered).toMatch(
      /2e-5 times its last layer's: the layers next to the input get almost no update at first/,
    );
    expect(recovered).not.toMatch(/barely learn/);
    // Under Adam, said of every step when the ratio stays vanished, and not "at first" then.
    const underAdam = vanishedText('adam', { first: 1e-5, last: 0.1 });
    expect(underAdam).toMatch(
      /below a hundredth of it at every step measured during training: almost no gradient reaches the layers next to the input at any step measured/,
    );
    expect(underAdam).not.toMatch(/barely learn|almost no update|at first/);
    expect(vanishedText('adam', { first: 0.05, last: 0.1 })).toMatch(
      /2e-5 times its last layer's: almost no gradient reaches the layers next to the input at first/,
    );
  });

  it('says the first layers barely learn when their own gradient stays tiny and the ratio rises only as the last layer falls', () => {
    // The default /train's pattern: the first layer stays near 7e-4, the last falls from 0.2 to 4e-4.
    const stuck = vanishedText('sgd', { first: 2e-6, last: 4e-6 });
    expect(stuck).toMatch(
      /2e-5 times its last layer's; its own gradient stays below 0\.01 at every step measured, and any later rise of the ratio comes only from the last layer's gradient falling too: the layers next to the input barely learn/,
    );
    expect(stuck).not.toMatch(/at first/);
    // A first layer that reaches 0.05 moves; a net that learned (loss 0.3) is not stuck either.
    expect(vanishedText('sgd', { first: 0.05, last: 0.1 })).toMatch(/almost no update at first/);
    expect(vanishedText('sgd', { first: 2e-6, last: 4e-6 }, [0.3, 0.31])).toMatch(
      /almost no update at first/,
    );
    // Under Adam a small gradient still gives full-size steps: nothing about learning is claimed.
    const underAdam = vanishedText('adam', { first: 2e-6, last: 4e-6 });
    expect(underAdam).toMatch(/almost no gradient reaches the layers next to the input at first/);
    expect(underAdam).not.toMatch(/barely learn|own gradient/);
  });

  it('sends a stalled single neuron on XOR to the one-layer LP lesson', () => {
    const { sentences, lessonId } = explainResult(trainResult({ depth: 0, dataset: 'xor' }, [LN2]));
    expect(explanationText({ sentences })).toMatch(/hidden layer/);
    expect(lessonId).toBe('lp-one-layer');
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

  it('says deeper plain nets trained worse, which depths stalled, and the vanishing gradient', () => {
    const { sentences, lessonId } = explainResult(plainSweep());
    expect(sentences.length).toBeLessThanOrEqual(3);
    expect(sentences[0]?.text).toMatch(
      /depth 1 ended at 0\.260 and depth 8 at 0\.693.*the deeper net trained worse/i,
    );
    expect(sentences[1]?.text).toMatch(/Depths 4 and 8 stalled at ln 2/);
    expect(sentences[2]?.text).toMatch(/from 0\.3 at depth 1 to 1e-5 at depth 8/);
    expect(lessonId).toBe('vanishing-gradients');
  });

  it('says depth did not hurt when a fix is applied and the deep nets did as well', () => {
    const result = compareResult({ activation: 'relu', init: 'he', optimizer: 'adam' }, [
      summary(1, [0.05, 0.052, 0.048], 0.9),
      summary(4, [0.044, 0.046, 0.045], 0.8),
      summary(16, [0.055, 0.053, 0.054], 0.6),
    ]);
    const { sentences, lessonId } = explainResult(result);
    const all = explanationText({ sentences });
    expect(all).toMatch(/With relu, He init and Adam, depth did not make the training loss worse/);
    expect(all).not.toMatch(/trained worse/);
    expect(lessonId).toBe('tricks');
  });

  it('does not claim depth hurt when the deep net did not end worse', () => {
    const flat = text(
      compareResult({ activation: 'tanh' }, [summary(1, [0.3], 0.4), summary(8, [0.29], 0.2)]),
    );
    expect(flat).toMatch(/did not make the training loss worse/);
    expect(flat).not.toMatch(/trained worse/);
    const better = text(
      compareResult({ activation: 'tanh' }, [summary(1, [0.3], 0.4), summary(8, [0.1], 0.2)]),
    );
    expect(better).toMatch(/Deeper did better here/);
    expect(better).not.toMatch(/trained worse/);
  });

  it('sorts depths given out of order before judging the trend', () => {
    const result = compareResult({}, [summary(8, [LN2 - 0.0002], 1e-5), summary(1, [0.26], 0.3)]);
    expect(text(result)).toMatch(/depth 1 ended at 0\.260 and depth 8 at 0\.693/i);
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
    const rules = sentences.map((s) => s.rule);
    expect(rules).toContain('linear-depth-is-speed');
    expect(rules).not.toContain('degradation');
    expect(explanationText({ sentences })).not.toMatch(/degradation|deeper plain net training worse/);
    expect(lessonId).not.toBe('degradation');
    for (const sentence of sentences) expect(CLAIM_CHECKS[sentence.rule](result, sentence)).toBeUndefined();
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

  it('says nothing about depth when every depth stalled', () => {
    const result = compareResult({ learningRate: 1e-5 }, [
      summary(1, [LN2 - 0.0002], 0.3),
      summary(8, [LN2], 1e-5),
    ]);
    const all = text(result);
    expect(all).toMatch(/Every depth stalled at ln 2/);
    expect(all).not.toMatch(/trained worse|flattened/);
  });
});

describe('explainResult on restarts', () => {
  it('contrasts the convex neuron (one loss) with the deep net (a spread)', () => {
    const neuron = group('neuron', [0.3012, 0.3011, 0.3013, 0.3012]);
    const deep = group('deep', [0.05, 0.12, LN2 - 0.0002, 0.08], 6);
    const { sentences, lessonId } = explainResult(restartsResult([neuron, deep]));
    expect(sentences[0]?.text).toMatch(
      /All 4 restarts of the single neuron \(cross-entropy\) ended at the same loss, 0\.301/,
    );
    expect(sentences[1]?.text).toMatch(
      /4 restarts of the depth-6 network ended anywhere from 0\.050 to 0\.693, 1 of them stuck at ln 2/,
    );
    expect(lessonId).toBe('restarts');
  });

  it('credits Auer et al. for a spread neuron with squared error, and does not invent a spread', () => {
    const mse = group('neuron-mse', [0.09, 0.25, 0.11]);
    const deep = group('deep', [0.081, 0.082, 0.08], 6);
    const all = text(restartsResult([mse, deep]));
    expect(all).toMatch(/squared error makes even one neuron non-convex \(Auer, Herbster & Warmuth 1996\)/);
    expect(all).toMatch(/3 restarts of the depth-6 network all ended between 0\.080 and 0\.082/);
    expect(all).not.toMatch(/3 restarts of the depth-6 network ended anywhere/);
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
    expect(sentences[0]?.text).toContain('1 of 2 runs diverged');
    expect(explanationText({ sentences })).toContain('learning rate 10');
    expect(explanationText({ sentences })).not.toMatch(/depth-4 network reached/);
    expect(lessonId).toBe('tricks');
  });

  it('recognises a NaN that JSON turned into null (a cached or queued result)', () => {
    const viaJson = JSON.parse(
      JSON.stringify(trainResult({ depth: 2 }, [Number.POSITIVE_INFINITY])),
    ) as ExperimentResult;
    expect(explainResult(viaJson).sentences[0]?.text).toContain('Every run diverged');
  });
});
