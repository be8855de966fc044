import { describe, expect, it } from 'vitest';
import { createBot } from '../../../src/bot/create-bot.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { parseOptionText } from '../../../src/bot/options/parse-text.js';
import { createTutorServices } from '../../../src/bot/tutor-services.js';
import { EXPERIMENTS, SPEC_FIELDS } from '../../../src/engine/spec.js';
import { validateSpec } from '../../../src/engine/validate.js';
import { createFakeAdapter, replyText } from '../fake-adapter.js';

/* The parser's edges found by probing with odd input: each case failed before it was fixed. */

const train = SPEC_FIELDS.train;

describe('option text edges', () => {
  it('ignores an empty quoted token instead of naming an option ""', () => {
    expect(parseOptionText('"" depth:3', train)).toEqual({ ok: true, values: { depth: 3 } });
    expect(parseOptionText('\u201c\u201d', train)).toEqual({ ok: true, values: {} });
  });

  it('suggests an example that is itself valid, for every experiment', () => {
    for (const experiment of EXPERIMENTS) {
      const parsed = parseOptionText('oops', SPEC_FIELDS[experiment]);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      const example = /e\.g\. (\S+)$/.exec(parsed.errors[0]!.message)?.[1];
      expect(example, experiment).toBeDefined();
      const again = parseOptionText(example!, SPEC_FIELDS[experiment]);
      expect(again.ok, `${experiment}: ${example}`).toBe(true);
      if (again.ok) expect(validateSpec({ experiment, ...again.values }).ok, example).toBe(true);
    }
  });

  it('refuses a number too large to represent, quoting what was typed', () => {
    const parsed = parseOptionText('learningRate:1e309', train);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0]?.message).toBe('learning_rate must be a number from 0.00001 to 10 (got "1e309")');
  });

  it('reads -0 as 0', () => {
    const parsed = parseOptionText('depth:-0', train);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(Object.is(parsed.values.depth, 0)).toBe(true);
    const list = parseOptionText('depths:-0,2', SPEC_FIELDS.compare);
    expect(list.ok).toBe(true);
    if (list.ok) expect(Object.is((list.values.depths as number[])[0], 0)).toBe(true);
  });

  it('caps the error list at a few errors plus how many more', () => {
    const parsed = parseOptionText(Array(12_500).fill('depth:1').join(' '), train);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(6);
    expect(parsed.errors.at(-1)?.message).toBe('… and 12,494 more problems');
  });

  it('answers a flood of repeated options with a short note', async () => {
    // Bad options are answered before any run: an engine that is never called will do.
    const engine = { backend: 'none', run: () => Promise.reject(new Error('no run expected')) };
    const { services } = createTutorServices({
      engine,
      logger: silentLogger,
      charts: { kind: 'local' },
      concurrency: 1,
    });
    const adapter = createFakeAdapter(createBot({ services, logger: silentLogger }));
    const reply = await adapter.send('ann', `/train ${Array(12_500).fill('depth:1').join(' ')}`).done;
    expect(replyText(reply).split('\n').length).toBeLessThan(12);
    expect(replyText(reply)).toContain('and 12,494 more problems');
  });
});
