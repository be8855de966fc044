import { describe, expect, it } from 'vitest';
import { explainResult } from '../../../src/bot/explain/explain-result.js';
import { explanationText } from '../../../src/bot/explain/types.js';
import { hardnessResult, hardnessRecord as rec } from '../hardness-fixtures.js';
import { HARDNESS_CHECKS } from './hardness-claims.js';

const text = (result: ReturnType<typeof hardnessResult>) => explanationText(explainResult(result));

describe('explaining a hardness sweep', () => {
  const growing = hardnessResult([
    rec(8, 2, { mipMs: 5 }),
    rec(64, 2, { mipMs: 40, status: 'no-fit', labels: 'random' }),
    rec(8, 8, { mipMs: 6 }),
    rec(16, 8, { mipMs: 6, separable: true }),
    rec(64, 8, { mipMs: 310, status: 'time-limit', nodes: 0, labels: 'random' }),
  ]);

  it('says what grew, with the numbers and the solver work, and counts each verdict', () => {
    const grew = hardnessResult([
      rec(8, 2, { mipMs: 5 }),
      rec(64, 2, { mipMs: 40, status: 'no-fit', labels: 'random' }),
      rec(8, 8, { mipMs: 6 }),
      rec(64, 8, { mipMs: 310, status: 'time-limit', nodes: 900, labels: 'random' }),
    ]);
    const words = text(grew);
    expect(words).toContain(
      'Exact training of the three-node network grew with the number of points: in 8 dimensions the slowest instance took 6.0 ms (1 branch-and-bound node, 40 simplex iterations) for 8 points and hit the 0.3 s time limit for 64.',
    );
    expect(words).toContain(
      'Of 4 instances, the exact solver found and verified a fit on 2, proved that none exists (with weights inside its bound) on 1 and gave up at the time limit on 1.',
    );
    expect(words).toContain('on 4 of 4 instances it proved that no single unit fits');
    expect(words).toContain(
      'At 64 points the slowest exact solve took 40 ms in d = 2 and over the time limit in d = 8.',
    );
    expect(explainResult(grew).lessonId).toBe('np-hard');
  });

  it('calls a separable instance trivial: it says nothing about hardness', () => {
    expect(text(growing)).toContain(
      'Of 5 instances, 1 was separable by one unit: those are trivial, since one unit already fits them',
    );
    const oneLabel = rec(16, 4);
    oneLabel.positives = 0;
    expect(text(hardnessResult([rec(8, 4), oneLabel]))).toContain('Of 2 instances, 1 had one label only');
    expect(text(hardnessResult([rec(8, 4), rec(16, 4)]))).not.toContain('trivial');
  });

  it("blames the machine's load when the time grew but the solver's work did not", () => {
    const loaded = hardnessResult([rec(8, 4, { mipMs: 5 }), rec(64, 4, { mipMs: 40 })]);
    const words = text(loaded);
    expect(explainResult(loaded).sentences[0]?.rule).toBe('hardness-time-only');
    expect(words).toMatch(
      /In 4 dimensions the slowest solve went from 5\.0 ms \(1 branch-and-bound node, 40 simplex iterations\) for 8 points to .*40 ms \(1 branch-and-bound node, 40 simplex iterations\) for 64, but the solver's own work .* did not grow/,
    );
    expect(words).not.toContain('grew with the number of points');
    // Work that grew with the time is growth.
    expect(text(hardnessResult([rec(8, 4, { mipMs: 5 }), rec(64, 4, { mipMs: 40, nodes: 50 })]))).toContain(
      'grew with the number of points',
    );
  });

  it("reads as a sentence when the largest size finished: 'went from 5.0 ms … to 40 ms', not 'to took 40 ms'", () => {
    expect(text(hardnessResult([rec(8, 4, { mipMs: 5 }), rec(64, 4, { mipMs: 40 })]))).not.toContain(
      'to took',
    );
  });

  it("does not blame the machine's load on an instance that gave up at the time limit (its work counts stop at the limit)", () => {
    // `growing`: 64 points in d = 8 hit the limit after 0 nodes; its work was cut short, not shown not to grow.
    expect(explainResult(growing).sentences.map((s) => s.rule)).not.toContain('hardness-time-only');
  });

  it('always says timings are not a proof', () => {
    expect(text(growing)).toMatch(/Timings like these cannot prove worst-case hardness/);
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
        if (sentence.rule in HARDNESS_CHECKS)
          expect(
            HARDNESS_CHECKS[sentence.rule as keyof typeof HARDNESS_CHECKS](result, sentence),
            sentence.text,
          ).toBeUndefined();
        else
          expect(
            ['hardness-trivial', 'hardness-time-only', 'hardness-limit-cut', 'no-runs'],
            sentence.text,
          ).toContain(sentence.rule);
  });
});
