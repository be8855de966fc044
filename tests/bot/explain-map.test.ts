import { describe, expect, it } from 'vitest';
import { explainResult } from '../../src/bot/explain/explain-result.js';
import { explanationText } from '../../src/bot/explain/types.js';
import { mapFixture } from './charts/map-fixture.js';
import { MAP_CHECKS } from './explain/map-claims.js';

/** The default map's 4 x 5 cells, all with one loss. */
const uniform = (loss: number) => Array.from({ length: 4 }, () => Array<number>(5).fill(loss));

const text = (result: Parameters<typeof explainResult>[0]) => {
  const explanation = explainResult(result);
  // Every sentence the map audit has a check for also passes it (map-trend and map-capacity have none).
  const checks = MAP_CHECKS as Record<
    string,
    (r: typeof result, s: (typeof explanation.sentences)[number]) => string | undefined
  >;
  for (const sentence of explanation.sentences) {
    const check = checks[sentence.rule];
    if (check) expect(check(result, sentence), sentence.text).toBeUndefined();
    else expect(['map-trend', 'map-capacity'], sentence.rule).toContain(sentence.rule);
  }
  return explanationText(explanation);
};

describe('map explanations', () => {
  it('reads the deepest trained net per column and scores the mean-field prediction cell by cell', () => {
    const fixture = mapFixture();
    expect(explainResult(fixture).lessonId).toBe('signal-propagation');
    const said = text(fixture);
    // "Learned" is the judge's cell verdict: below ln 2 by more than 5% of it (0.658), so depth 16
    // at σ_w² 12 (0.495) learned something and depth 16 at 0.25 (0.694) did not.
    expect(said).toContain(
      'Deepest net whose every seed reached loss below 0.658, per weight_scale: 0.25: up to 4; 0.5: up to 8; 1: up to 16; 1.76: up to 16; 12: up to 16.',
    );
    // The one miss: depth 8 at 0.5 trained though 6ξ ≈ 7.
    expect(said).toContain('It matches 19 of 20 cells; it misses depth 8 at σ_w² 0.5 learned though 6ξ = 7.');
    expect(said).not.toContain('did not learn though');
    // Each column's trend, judged as /compare judges a sweep.
    expect(said).toContain(
      'of each weight_scale column, 0.25, 0.5 and 12: the deepest net did worse than the best depth; 1 and 1.76: the shallowest net did worse and the deepest ended near the best.',
    );
    // The theory gives ξ; the factor 6 is what Schoenholz et al. (2017) observed, not a prediction of it.
    expect(said).toContain(
      'Mean-field theory for wide tanh nets gives the depth scale ξ; Schoenholz et al. (2017) found nets train up to about 6ξ: 0.25 → 4',
    );
    expect(said).not.toMatch(/predicts trainable depth/);
  });

  it('says when every cell learned, and does not claim a boundary', () => {
    const all = mapFixture(uniform(0.01));
    expect(text(all)).toContain('Every cell learned');
    expect(text(all)).toContain('0.25, 0.5, 1, 1.76 and 12: depth made no clear difference');
    expect(text(all)).not.toMatch(/did worse/);
    // One cell just above the cut (0.66 against 0.658): no longer every cell.
    const oneShort = uniform(0.01);
    oneShort[3]![0] = 0.66;
    expect(text(mapFixture(oneShort))).not.toContain('Every cell learned');
    expect(text(mapFixture(oneShort))).toContain('0.25: up to 8;');
  });

  it('says nothing about depth or theory when not even the shallowest net learned', () => {
    const none = mapFixture(uniform(0.69));
    expect(text(none)).toContain('No cell learned within 300 steps, not even at depth 2');
    expect(text(none)).toContain('0.25, 0.5, 1, 1.76 and 12: no depth learned');
    expect(text(none)).not.toMatch(/matches|Schoenholz|did worse/);
  });

  it('blames an overflow, not vanishing gradients, for diverged cells', () => {
    const losses = [
      [0.1, Number.NaN],
      [0.69, Number.NaN],
    ];
    const result = mapFixture(losses, { axis: 'learningRate', values: [0.1, 10], depths: [2, 8] }, false);
    const said = text(result);
    expect(said).toContain('2 cells diverged (NaN, black)');
    expect(said).toContain('not to vanishing gradients');
    expect(said).toContain('0.1: up to 2; 10: none');
    expect(said).not.toContain('Schoenholz');
  });

  it('on linear nets with the steps metric says depth changes speed, not capacity', () => {
    const result = mapFixture(
      [
        [0.3, 0.3],
        [0.3, 0.6],
      ],
      { axis: 'init', activation: 'linear', metric: 'steps', depths: [1, 16] },
      false,
    );
    const said = text(result);
    expect(said).toContain('gaussian: 20 steps at depth 1, 40 steps at depth 16');
    expect(said).toContain('orthogonal: 20 steps at depth 1, not reached at depth 16');
    expect(said).not.toContain('diverged');
    expect(said).toContain('not capacity');
  });

  it('names capacity, not trainability, for linear nets on data no line separates', () => {
    const result = mapFixture(
      [
        [0.69, 0.69],
        [0.69, 0.69],
      ],
      { axis: 'init', activation: 'linear', dataset: 'xor', depths: [1, 16] },
      false,
    );
    const { lessonId } = explainResult(result);
    expect(text(result)).toContain(
      'no straight line separates xor: every column shows capacity, not trainability',
    );
    expect(text(result)).not.toContain('No cell learned within');
    expect(lessonId).toBe('capacity');
  });
});
