import { describe, expect, it } from 'vitest';
import { catalogOf } from '../../../src/adapters/playground/catalog.js';
import { complete } from '../../../src/adapters/playground/web/completion.js';
import { COMMANDS } from '../../../src/bot/commands/index.js';
import { LESSON_IDS } from '../../../src/bot/lessons/index.js';
import { optionSpelling } from '../../../src/engine/fields.js';
import { SPEC_FIELDS } from '../../../src/engine/spec.js';

// The real command table, as GET /api/commands serves it.
const commands = catalogOf(COMMANDS);
const inserts = (text: string) =>
  complete(text, commands).suggestions.flatMap((s) => (s.insert ? [s.insert] : []));

describe('command-box completion', () => {
  it('lists every command after a slash, and narrows as one types', () => {
    expect(inserts('/')).toEqual(COMMANDS.map((c) => `/${c.name} `));
    expect(inserts('/tr')).toEqual(['/train ']);
    expect(complete('/tr', commands)).toMatchObject({ from: 0, preselect: true });
    // Typed in full, Enter sends the command as it is; Tab would still complete it.
    expect(complete('/train', commands)).toMatchObject({
      preselect: false,
      suggestions: [{ insert: '/train ' }],
    });
    expect(inserts('/zzz')).toEqual([]);
    expect(inserts('hello')).toEqual([]);
  });

  it('completes /explain to every lesson topic, and finds one by an alias', () => {
    expect(inserts('/explain ')).toEqual(LESSON_IDS.map((id) => `/explain ${id}`));
    expect(inserts('/explain vani')).toEqual(['/explain vanishing-gradients']);
    // "batchnorm" is no lesson id; the glossary leads it to the lesson on the tricks.
    expect(inserts('/explain batchn')).toEqual(['/explain tricks']);
    expect(inserts('/explain kaiming')).toEqual(['/explain tricks']);
  });

  it('offers the options not yet given, with what they accept; nothing is preselected after a space', () => {
    // The engine's options, then the bot's own chart choice (view), as the tutor writes them.
    const all = [...Object.keys(SPEC_FIELDS.train), 'view'].map((k) => `${optionSpelling(k)}:`);
    expect(inserts('/train ')).toEqual(all);
    expect(complete('/train ', commands).preselect).toBe(false);
    expect(inserts('/train depth:8 ')).toEqual(all.filter((k) => k !== 'depth:'));
    const [activation] = complete('/train act', commands).suggestions;
    expect(activation).toMatchObject({ label: 'activation:', insert: 'activation:' });
    expect(activation?.detail).toContain('one of sigmoid');
    expect(complete('/train act', commands)).toMatchObject({ from: 7, preselect: true });
  });

  it('offers choices for a choice option, and only a hint for a number once one is typed', () => {
    expect(inserts('/train activation:re')).toEqual(['activation:relu ']);
    expect(inserts('/train activation:relu')).toEqual([]);
    expect(inserts('/train residual:')).toEqual(['residual:true ', 'residual:false ']);
    const depth = SPEC_FIELDS.train.depth;
    expect(inserts('/train depth:')).toEqual([`depth:${String(depth.default)} `]);
    const typed = complete('/train depth:8', commands).suggestions;
    expect(typed).toHaveLength(1);
    expect(typed[0]?.insert).toBeUndefined();
    expect(typed[0]?.label).toContain('whole number');
  });

  it('offers two-word names and choices in snake_case, and reads a camelCase key as the same option', () => {
    const offered = complete('/train ', commands).suggestions.map((s) => `${s.label} ${s.detail}`);
    expect(offered).toContain(
      `learning_rate: learning rate; a number from ${SPEC_FIELDS.train.learningRate.min} to ${SPEC_FIELDS.train.learningRate.max} (default 0.1)`,
    );
    expect(offered.join('\n')).not.toMatch(/[a-z][A-Z]/);
    expect(inserts('/train learningR')).toEqual(['learning_rate:']);
    expect(inserts('/train learning_r')).toEqual(['learning_rate:']);
    // Given once in either spelling, it is not offered again.
    expect(inserts('/train learningRate:0.5 ')).not.toContain('learning_rate:');
    expect(inserts('/map axis:')).toEqual([
      'axis:weight_scale ',
      'axis:learning_rate ',
      'axis:width ',
      'axis:activation ',
      'axis:init ',
    ]);
    expect(complete('/map axis:', commands).suggestions[0]?.detail).toBe('default');
    expect(inserts('/map axis:learningR')).toEqual(['axis:learning_rate ']);
    expect(inserts('/map learningRate:')).toEqual(['learningRate:0.1 ']);
  });

  it('completes one item of a list option at a time', () => {
    expect(inserts('/restarts architectures:neuron,de')).toEqual(['architectures:neuron,deep']);
  });

  it('suggests examples for free-text commands and a bare command name without options sends as is', () => {
    expect(inserts('/explain ')).toContain('/explain vanishing-gradients');
    expect(inserts('/status')).toEqual([]);
  });
});
