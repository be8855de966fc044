import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOptionText } from '../../../src/bot/options/parse-text.js';
import { SPEC_FIELDS } from '../../../src/engine/spec.js';

const train = SPEC_FIELDS.train;
const compare = SPEC_FIELDS.compare;

describe('parseOptionText', () => {
  it('turns key:value text into typed values', () => {
    const parsed = parseOptionText('depth:8 activation:ReLU seeds=3 residual:yes lr:0.01', train);
    expect(parsed).toEqual({
      ok: true,
      values: { depth: 8, activation: 'relu', seeds: 3, residual: true, learningRate: 0.01 },
    });
  });

  it('parses lists and accepts keys in any case, with - or _', () => {
    expect(parseOptionText('depths:1,2,4 learning_rate:1e-2', compare)).toEqual({
      ok: true,
      values: { depths: [1, 2, 4], learningRate: 0.01 },
    });
    expect(parseOptionText('GRID-SIZE:10', train)).toEqual({ ok: true, values: { gridSize: 10 } });
  });

  it('gives empty text no options', () => {
    expect(parseOptionText('   ', train)).toEqual({ ok: true, values: {} });
  });

  it('names an unknown key and lists the known ones', () => {
    const parsed = parseOptionText('dpeth:8', train);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]?.field).toBe('dpeth');
    expect(parsed.errors[0]?.message).toContain('unknown option "dpeth"');
    expect(parsed.errors[0]?.message).toContain('depth');
  });

  it('names the field and its allowed values for a bad value', () => {
    const cases: [string, string, string][] = [
      ['depth:eight', 'depth', 'a whole number from 0 to 32'],
      ['depth:2.5', 'depth', 'a whole number'],
      ['learningRate:fast', 'learningRate', 'a number from'],
      ['activation:swish', 'activation', 'one of sigmoid, tanh, relu, linear'],
      ['residual:maybe', 'residual', 'true or false'],
    ];
    for (const [text, field, allowed] of cases) {
      const parsed = parseOptionText(text, train);
      expect(parsed.ok, text).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.errors[0]?.field).toBe(field);
      expect(parsed.errors[0]?.message).toContain(allowed);
    }
    const list = parseOptionText('depths:1,,4', compare);
    expect(list.ok).toBe(false);
    if (!list.ok) expect(list.errors[0]?.message).toContain('comma-separated list');
  });

  it('refuses a key given twice and a token without a value separator', () => {
    const parsed = parseOptionText('depth:2 depth:4 relu', train);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.field)).toEqual(['depth', 'relu']);
    expect(parsed.errors[0]?.message).toContain('more than once');
    expect(parsed.errors[1]?.message).toContain('key:value');
  });

  it('never throws and always returns values or errors, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseOptionText(text, train);
        if (parsed.ok) expect(typeof parsed.values).toBe('object');
        else expect(parsed.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips any well-formed option set', () => {
    const option = fc.oneof(
      fc.integer({ min: 0, max: 32 }).map((v) => ['depth', v] as const),
      fc.constantFrom('sigmoid', 'tanh', 'relu', 'linear').map((v) => ['activation', v] as const),
      fc.boolean().map((v) => ['residual', v] as const),
      fc.double({ min: 1e-5, max: 10, noNaN: true }).map((v) => ['learningRate', v] as const),
    );
    fc.assert(
      fc.property(fc.uniqueArray(option, { selector: ([key]) => key, maxLength: 4 }), (pairs) => {
        const text = pairs.map(([k, v]) => `${k}:${v}`).join(' ');
        expect(parseOptionText(text, train)).toEqual({ ok: true, values: Object.fromEntries(pairs) });
      }),
    );
  });
});
