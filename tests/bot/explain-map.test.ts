import { describe, expect, it } from 'vitest';
import { explainResult } from '../../src/bot/explain/explain-result.js';
import { explanationText } from '../../src/bot/explain/types.js';
import { mapFixture } from './charts/map-fixture.js';
import { CLAIM_CHECKS } from './explain/claims.js';

/** The default map's 4 x 5 cells, all with one loss. */
const uniform = (loss: number) => Array.from({ length: 4 }, () => Array<number>(5).fill(loss));

const text = (result: Parameters<typeof explainResult>[0]) => {
  const explanation = explainResult(result);
  // Every sentence also passes the claims audit's own check of its evidence.
  for (const sentence of explanation.sentences)
    expect(CLAIM_CHECKS[sentence.rule](result, sentence), sentence.text).toBeUndefined();
  return explanationText(explanation);
};

describe('map explanations', () => {
  it('reads the deepest trained net per column and scores the mean-field prediction cell by cell', () => {
    const fixture = mapFixture();
    expect(explainResult(fixture).lessonId).toBe('signal-propagation');
    const said = text(fixture);
    expect(said).toContain('0.25: up to 4; 0.5: up to 8; 1: up to 16; 1.76: up to 16; 12: up to 8');
    // Misses: depth 8 at 0.5 trained though 6ξ ≈ 7; depth 16 at 12 did not though 6ξ ≈ 18.
    expect(said).toMatch(/matches 18 of 20 cells/);
    expect(said).toContain('depth 8 at σ_w² 0.5 learned though 6ξ = 7');
    expect(said).toContain('depth 16 at σ_w² 12 did not learn though 6ξ = 18');
    // The theory gives ξ; the factor 6 is what Schoenholz et al. (2017) observed, not a prediction of it.
    expect(said).toContain(
      'Mean-field theory for wide tanh nets gives the depth scale ξ; Schoenholz et al. (2017) found nets train up to about 6ξ: 0.25 → 4',
    );
    expect(said).not.toMatch(/predicts trainable depth/);
  });

  it('says when every cell learned, and does not claim a boundary', () => {
    const all = mapFixture(uniform(0.01));
    expect(text(all)).toContain('Every cell learned');
  });

  it('says nothing about depth or theory when not even the shallowest net learned', () => {
    const none = mapFixture(uniform(0.69));
    expect(text(none)).toContain('No cell learned within 300 steps');
    expect(text(none)).not.toContain('matches');
  });

  it('blames an overflow, not vanishing gradients, for diverged cells', () => {
    const losses = [
      [0.1, Number.NaN],
      [0.69, Number.NaN],
    ];
    const result = mapFixture(losses, { axis: 'learningRate', values: [0.1, 10], depths: [2, 8] }, false);
    const said = text(result);
    expect(said).toContain('2 cells diverged');
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
});
