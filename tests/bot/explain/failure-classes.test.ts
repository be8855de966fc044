import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainResult, explanationText } from '../../../src/bot/explain/explain-result.js';
import type { ExperimentResult } from '../../../src/engine/result.js';

/*
 * The runs that once got false explanations, recorded from the real engine with the exact options
 * a student typed (scripts/record-explain-audit.ts). Each test names the false claim it guards.
 */

interface Recorded {
  options: Record<string, unknown>;
  result: ExperimentResult;
}

const { failures } = JSON.parse(readFileSync(new URL('./audit-runs.json', import.meta.url), 'utf8')) as {
  failures: Recorded[];
};

function recordedRun(options: Record<string, unknown>): ExperimentResult {
  const found = failures.find((r) => JSON.stringify(r.options) === JSON.stringify(options));
  if (!found) throw new Error(`no recorded run for ${JSON.stringify(options)}`);
  return found.result;
}

function explain(options: Record<string, unknown>) {
  const explanation = explainResult(recordedRun(options));
  return {
    ...explanation,
    rules: explanation.sentences.map((s) => s.rule),
    text: explanationText(explanation),
  };
}

describe('the runs that showed false explanations', () => {
  it('train depth:16 activation:tanh init:naive: every gradient is tiny, so a ratio near 1 is not health', () => {
    const { rules, text } = explain({ experiment: 'train', depth: 16, activation: 'tanh', init: 'naive' });
    expect(rules).toContain('all-gradients-tiny');
    expect(rules).not.toContain('gradient-healthy');
    expect(text).not.toMatch(/good health/);
    expect(text).toMatch(/every layer's gradient is tiny, at most 1e-13/);
  });

  it('compare depths:1,2,4,8 learningRate:10: the spike and the loss above ln 2 are the step size, not vanishing gradients', () => {
    const { rules, text, lessonId } = explain({
      experiment: 'compare',
      depths: [1, 2, 4, 8],
      learningRate: 10,
    });
    expect(rules).toEqual(['loss-spiked', 'ended-above-no-learning', 'step-size-fix']);
    expect(text).toMatch(/above ln 2/);
    expect(text).not.toMatch(/trained worse|barely learn|vanishing gradients\)/);
    expect(lessonId).toBe('tricks');
    // Every one of the 12 runs jumped; the 6 at depths 1 and 2 came back: the count says which it counts.
    expect(text).toMatch(
      /In 6 of 12 runs \(depths 4 and 8\) the loss jumped up during training and did not come back down, .*; in 6 more \(depths 1 and 2\) it jumped and came back down\./,
    );
  });

  it('compare depths:1,2,4,8,16 relu he adam 0.01: a spike the run recovered from does not take over the explanation', () => {
    const options = {
      experiment: 'compare',
      depths: [1, 2, 4, 8, 16],
      activation: 'relu',
      init: 'he',
      optimizer: 'adam',
      learningRate: 0.01,
    };
    const { rules, text } = explain(options);
    expect(rules).toEqual(['depth-flat', 'gradient-healthy', 'loss-spiked-recovered']);
    expect(rules).not.toContain('step-size-fix');
    expect(text).not.toMatch(/ten times smaller|overshoot/);
    expect(text).toMatch(
      /At depth 16 \(1 of 15 runs\) the loss jumped from 0\.004 to 0\.712 and recovered to /,
    );
  });

  it('compare depths:0,1,4,16 activation:linear: a depth trend of linear nets is optimization speed, not capacity', () => {
    const { rules, text } = explain({ experiment: 'compare', depths: [0, 1, 4, 16], activation: 'linear' });
    expect(rules[0]).toBe('linear-depth-is-speed');
    expect(text).toMatch(/every depth computes a linear function/);
    expect(text).toMatch(/optimization speed/);
    expect(text).not.toMatch(/[Dd]eeper did better/);
  });

  it('restarts: deep runs still falling are plateaus left at different times, not several stopping places', () => {
    const { sentences } = explain({ experiment: 'restarts' });
    const deep = sentences.find((s) => s.text.includes('depth-4 network'));
    expect(deep?.rule).toBe('plateaus-left-at-different-times');
    expect(deep?.text).toMatch(/rerun with more steps/);
    expect(deep?.text).not.toMatch(/more than one place to stop/);
  });

  it('restarts architectures:deep steps:1800: with enough steps the deep restarts agree', () => {
    const { rules, text } = explain({ experiment: 'restarts', architectures: ['deep'], steps: 1800 });
    expect(rules).toEqual(['restarts-agree']);
    expect(text).not.toMatch(/more than one place to stop/);
  });

  it('restarts architectures:neuron dataset:blobs: separable data have no minimizer, so no "same loss, one minimum"', () => {
    const { rules, text } = explain({ experiment: 'restarts', architectures: ['neuron'], dataset: 'blobs' });
    expect(rules).toEqual(['separable-no-minimizer']);
    expect(text).toMatch(/no minimizer/);
    expect(text).not.toMatch(/same loss|one minimum/);
  });

  it('train depth:32 residual:true (relu, He): the scaled residual net starts sane and never overflows', () => {
    const result = recordedRun({
      experiment: 'train',
      depth: 32,
      residual: true,
      activation: 'relu',
      init: 'he',
    });
    if (result.experiment !== 'train') throw new Error('expected a train result');
    for (const run of result.runs) {
      expect(run.lossCurve.losses[0]).toBeLessThan(20);
      expect(run.lossCurve.losses.every((l) => typeof l === 'number' && Number.isFinite(l))).toBe(true);
    }
    const { rules, text } = explain({
      experiment: 'train',
      depth: 32,
      residual: true,
      activation: 'relu',
      init: 'he',
    });
    expect(rules).not.toContain('diverged');
    expect(text).not.toMatch(/NaN|learning rate/);
  });
});
