import { ApplicationCommandOptionType as T } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { suggest, suggestionSources } from '../../../src/adapters/discord/autocomplete.js';
import { buildCommandJson, fitDescription } from '../../../src/adapters/discord/command-json.js';
import { commandSetKey } from '../../../src/adapters/discord/command-sync.js';
import { optionNameTables, toDiscordName } from '../../../src/adapters/discord/option-names.js';
import type { CommandDefinition } from '../../../src/bot/command.js';
import { COMMANDS } from '../../../src/bot/commands/index.js';
import { LESSONS } from '../../../src/bot/lessons/index.js';
import { privateNote } from '../../../src/bot/replies/plain-replies.js';
import { field } from '../../../src/engine/fields.js';

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;
const autocompleted = new Set(suggestionSources(COMMANDS).keys());
const json = buildCommandJson(COMMANDS, autocompleted);
const byName = (name: string) => json.commands.find((c) => c.name === name);
const option = (command: string, name: string) => byName(command)?.options?.find((o) => o.name === name);

function stub(
  name: string,
  options: CommandDefinition<never>['options'],
  extra: Partial<CommandDefinition<never>> = {},
) {
  return {
    name,
    description: `${name} command`,
    options,
    examples: [],
    run: async () => privateNote('ok'),
    ...extra,
  } satisfies CommandDefinition<never>;
}

describe('registration JSON from the command definitions', () => {
  it('registers every command within Discord limits, with lower-case names', () => {
    expect(json.commands.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    expect(json.warnings).toEqual([]);
    for (const command of json.commands) {
      expect(command.name).toMatch(NAME);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.options?.length ?? 0).toBeLessThanOrEqual(25);
      for (const o of command.options ?? []) {
        expect(o.name).toMatch(NAME);
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('maps field kinds to Discord option types with their bounds', () => {
    expect(option('train', 'depth')).toMatchObject({ type: T.Integer, min_value: 0, max_value: 32 });
    expect(option('train', 'learning_rate')).toMatchObject({
      type: T.Number,
      min_value: 1e-5,
      max_value: 10,
    });
    expect(option('train', 'residual')).toMatchObject({ type: T.Boolean });
    const activation = option('train', 'activation') as { type: number; choices: { value: string }[] };
    expect(activation.type).toBe(T.String);
    expect(activation.choices.map((c) => c.value)).toEqual(['sigmoid', 'tanh', 'relu', 'linear']);
    const depths = option('compare', 'depths');
    expect(depths).toMatchObject({ type: T.String });
    expect(depths?.description).toMatch(/comma-separated.*1,2,4,8,16/);
    expect(option('restarts', 'architectures')?.description).toMatch(/comma-separated: neuron\|/);
    expect(option('ask', 'question')).toMatchObject({ type: T.String, required: true, max_length: 300 });
    expect(option('train', 'learningRate')).toBeUndefined();
  });

  it('puts required options first and offers autocomplete for topics and command names', () => {
    const definitions = [
      stub('mixed', {
        a: field.int('a', { min: 0, max: 1 }, 0),
        b: { kind: 'text', description: 'b', required: true, maxLength: 9 },
      }),
    ];
    const [mixed] = buildCommandJson(definitions, new Set()).commands;
    expect(mixed?.options?.map((o) => o.name)).toEqual(['b', 'a']);
    expect(option('explain', 'topic')).toMatchObject({ autocomplete: true });
    expect(option('help', 'command')).toMatchObject({ autocomplete: true });
    const topics = suggestionSources(COMMANDS).get('explain.topic')?.() ?? [];
    expect(topics.map((t) => t.value)).toEqual(LESSONS.map((l) => l.id));
    expect(suggest(topics, 'van').map((t) => t.value)).toEqual(['vanishing-gradients']);
    // An alias finds its lesson, and only name and value go to Discord.
    expect(suggest(topics, 'batchnorm')).toEqual([
      { name: expect.stringMatching(/^tricks: /), value: 'tricks' },
    ]);
    expect(suggest(topics, '').length).toBe(Math.min(25, LESSONS.length));
  });

  it('turns long choice lists into autocomplete and trims to 25 options, saying so', () => {
    const many = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const options = Object.fromEntries(
      Array.from({ length: 27 }, (_, i) => [`opt${i}`, field.int('n', { min: 0, max: 1 }, 0)]),
    );
    const definitions = [stub('wide', options), stub('long', { pick: field.choice('pick one', many, 'c0') })];
    const built = buildCommandJson(definitions, new Set(suggestionSources(definitions).keys()));
    expect(built.commands[0]?.options).toHaveLength(25);
    expect(built.warnings.join()).toMatch(/wide.*opt25, opt26/);
    expect(built.commands[1]?.options?.[0]).toMatchObject({ type: T.String, autocomplete: true });
    expect(built.commands[1]?.options?.[0]).not.toHaveProperty('choices');
    expect(suggest(suggestionSources(definitions).get('long.pick')?.() ?? [], 'c2')[0]?.value).toBe('c2');
  });

  it('hides teacher-only commands behind Manage Server, in servers only', () => {
    const [teacher, open] = buildCommandJson(
      [stub('quiz', {}, { teacherOnly: true }), stub('open', {})],
      new Set(),
    ).commands;
    expect(teacher).toMatchObject({ default_member_permissions: '32', contexts: [0] });
    expect(open).toMatchObject({ default_member_permissions: null, contexts: [0, 1] });
  });

  it('keeps descriptions within 100 characters', () => {
    expect(fitDescription('x'.repeat(90), ' (default 12345678901)')).toBe('x'.repeat(90));
    expect(fitDescription('y'.repeat(150))).toHaveLength(100);
    expect(fitDescription('short', ' too long'.repeat(20), ' (ok)')).toBe('short (ok)');
  });
});

describe('option names', () => {
  it('maps camelCase to snake_case and back, per command', () => {
    expect(toDiscordName('learningRate')).toBe('learning_rate');
    expect(toDiscordName('depth')).toBe('depth');
    const train = optionNameTables(COMMANDS).get('train');
    expect(train?.fromDiscord('grid_size')).toBe('gridSize');
    expect(train?.fromDiscord('nonsense')).toBeUndefined();
    expect(() =>
      optionNameTables([stub('clash', { aB: field.boolean('x', false), a_b: field.boolean('y', false) })]),
    ).toThrow(/clash/);
  });

  it('shows a choice that names an option as the tutor writes it, and sends the value the bot reads', () => {
    const axis = option('map', 'axis') as {
      choices?: { name: string; value: string }[];
      description: string;
    };
    expect(axis.choices).toContainEqual({ name: 'learning_rate', value: 'learningRate' });
    expect(axis.choices).toContainEqual({ name: 'weight_scale', value: 'weightScale' });
    expect(axis.description).toMatch(/\(default weight_scale\)$/);
  });
});

describe('comparing with the registered commands', () => {
  it('ignores what Discord adds and the order of commands', () => {
    const echoed = [...json.commands].reverse().map((c) => ({
      ...c,
      id: '1',
      version: '2',
      application_id: '3',
      nsfw: false,
      name_localizations: null,
      options: c.options?.map((o) => ({ ...o, description_localizations: null })),
    }));
    expect(commandSetKey(echoed)).toBe(commandSetKey(json.commands));
    const changed = json.commands.map((c) => (c.name === 'train' ? { ...c, description: 'new words' } : c));
    expect(commandSetKey(changed)).not.toBe(commandSetKey(json.commands));
  });
});
