import { describe, expect, it } from 'vitest';
import { explainResult } from '../../../src/bot/explain/explain-result.js';
import { explanationText } from '../../../src/bot/explain/types.js';
import { hardnessResult, hardnessRecord as rec } from '../hardness-fixtures.js';
import { CLAIM_CHECKS } from './claims.js';

const text = (result: ReturnType<typeof hardnessResult>) => explanationText(explainResult(result));

describe('explaining a hardness sweep', () => {
  const growing = hardnessResult([
    rec(8, 2, { mipMs: 5 }),
    rec(64, 2, { mipMs: 40, status: 'no-fit', labels: 'random' }),
    rec(8, 8, { mipMs: 6, separable: true }),
    rec(64, 8, { mipMs: 310, status: 'time-limit', nodes: 0, labels: 'random' }),
  ]);

  it('says what grew, with the numbers, and counts each verdict', () => {
    const words = text(growing);
    expect(words).toContain(
      'grew with the number of points: in 8 dimensions the slowest instance took 6.0 ms for 8 points and gave up at the 0.3 s limit for 64',
    );
    expect(words).toContain(
      'Of 4 instances, the exact solver found and verified a fit on 2, proved that none exists (with weights inside its bound) on 1 and gave up at the time limit on 1.',
    );
    expect(words).toContain('on 3 of 4 instances it proved that no single unit fits');
    expect(words).toContain(
      'At 64 points the slowest exact solve took 40 ms in d = 2 and over the time limit in d = 8.',
    );
    expect(explainResult(growing).lessonId).toBe('np-hard');
  });

  it('always says it is an illustration, not a proof', () => {
    expect(text(growing)).toMatch(/illustrate worst-case complexity; they are not a proof/);
  });

  it('does not claim growth the numbers do not show', () => {
    const flat = hardnessResult([rec(8, 4, { mipMs: 20 }), rec(64, 4, { mipMs: 30 })]);
    expect(text(flat)).toContain('did not grow much');
    expect(text(flat)).not.toContain('grew with');
  });

  it('claims no growth when even the smallest size hit the time limit (a busy machine)', () => {
    const busy = hardnessResult([
      rec(8, 4, { status: 'time-limit', mipMs: 310 }),
      rec(64, 4, { status: 'time-limit', mipMs: 330 }),
    ]);
    expect(text(busy)).toContain(
      'hit the 0.3 s time limit already at 8 points in 4 dimensions, so this run cannot show growth',
    );
    expect(text(busy)).not.toMatch(/grew|did not grow/);
  });

  it('says gradient descent can miss a proven fit only when some instance saw every restart fail', () => {
    expect(text(growing)).not.toContain('can miss');
    const missed = hardnessResult([
      rec(8, 4, { successes: 8 }),
      rec(16, 4, { successes: 0 }),
      rec(32, 4, { successes: 3 }),
    ]);
    expect(text(missed)).toContain('11 of 24 gradient-descent restarts');
    expect(text(missed)).toContain(
      'On 1 of them (n = 16, d = 4) no restart did: gradient descent can miss a fit that provably exists.',
    );
  });

  it('reports agreement with the 2-D enumeration, or a disagreement as such', () => {
    expect(text(growing)).toContain('decided the same way on all 2 instances');
    const off = hardnessResult([rec(8, 2), rec(16, 2, { status: 'no-fit', enumerationFit: true })]);
    expect(text(off)).toContain('disagreed with the solver on 1 of 2 instances');
  });

  it('passes the claims audit: every sentence is backed by the records', () => {
    const results = [
      growing,
      hardnessResult([rec(8, 4, { mipMs: 20 }), rec(64, 4, { mipMs: 30 })]),
      hardnessResult([rec(8, 4, { status: 'time-limit', mipMs: 310 }), rec(64, 4, { mipMs: 330 })]),
      hardnessResult([rec(8, 4, { successes: 8 }), rec(16, 4, { successes: 0 })]),
      hardnessResult([]),
    ];
    for (const result of results)
      for (const sentence of explainResult(result).sentences)
        expect(CLAIM_CHECKS[sentence.rule](result, sentence), sentence.text).toBeUndefined();
  });
});
