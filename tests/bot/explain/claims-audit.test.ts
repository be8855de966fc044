import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainResult } from '../../../src/bot/explain/explain-result.js';
import type { RuleId } from '../../../src/bot/explain/types.js';
import { findLesson } from '../../../src/bot/lessons/index.js';
import type { ExperimentResult } from '../../../src/engine/result.js';
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

  it('catches a false sentence: each check rejects the evidence of a run that contradicts it', () => {
    const stalledDeep = recorded.failures[0]!.result;
    expect(
      CLAIM_CHECKS['gradient-healthy'](stalledDeep, { rule: 'gradient-healthy', text: "depth 16's" }),
    ).toBeDefined();
    const linearSweep = recorded.failures[2]!.result;
    expect(CLAIM_CHECKS['deeper-better'](linearSweep, { rule: 'deeper-better', text: '' })).toBeDefined();
    const neuronOnBlobs = recorded.failures[5]!.result;
    expect(
      CLAIM_CHECKS['neuron-one-minimum'](neuronOnBlobs, { rule: 'neuron-one-minimum', text: '' }),
    ).toBeDefined();
  });
});
