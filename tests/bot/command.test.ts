import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineCommand, type ParsedRequest, textOption } from '../../src/bot/command.js';
import type history from '../../src/bot/commands/history.js';
import type quiz from '../../src/bot/commands/quiz.js';
import type schedule from '../../src/bot/commands/schedule.js';
import type train from '../../src/bot/commands/train.js';
import { resolveOptions } from '../../src/bot/options/resolve.js';
import { privateNote } from '../../src/bot/replies/plain-replies.js';
import { field } from '../../src/engine/fields.js';

/** The values a command's `run` receives. */
type ValuesOfRun<C extends { run(request: never, ...rest: never[]): unknown }> =
  Parameters<C['run']>[0] extends ParsedRequest<infer V> ? V : never;

const probe = defineCommand({
  name: 'probe',
  description: 'a command that exists only for this test',
  options: {
    count: field.int('how many', { min: 1, max: 9 }, 3),
    rate: field.number('how fast', { min: 0, max: 1 }, 0.5),
    mode: field.choice('which way', ['up', 'down'], 'up'),
    loud: field.boolean('shout', false),
    sizes: field.intList('sizes', { min: 1, max: 9 }, { minCount: 1, maxCount: 3 }, [1]),
    kinds: field.choiceList('kinds', ['a', 'b'], { minCount: 1, maxCount: 2 }, ['a']),
    note: textOption('a note', 20),
    who: textOption('who', 20, true),
  },
  examples: ['/probe who:me'],
  async run(request) {
    return privateNote(`${request.values.who} ${request.values.count ?? 3}`);
  },
});

describe('command values are typed from their option tables', () => {
  it('infers each option kind: numbers, choice unions, lists, booleans, text', () => {
    type Values = ValuesOfRun<typeof probe>;
    expectTypeOf<Values['count']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Values['rate']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Values['mode']>().toEqualTypeOf<'up' | 'down' | undefined>();
    expectTypeOf<Values['loud']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Values['sizes']>().toEqualTypeOf<number[] | undefined>();
    expectTypeOf<Values['kinds']>().toEqualTypeOf<('a' | 'b')[] | undefined>();
    expectTypeOf<Values['note']>().toEqualTypeOf<string | undefined>();
    // A required text option is always there: the resolver refuses a request without it.
    expectTypeOf<Values['who']>().toEqualTypeOf<string>();
  });

  it("types the real commands' values", () => {
    expectTypeOf<ValuesOfRun<typeof history>['count']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ValuesOfRun<typeof quiz>['action']>().toEqualTypeOf<
      'start' | 'vote' | 'reveal' | undefined
    >();
    expectTypeOf<ValuesOfRun<typeof quiz>['net']>().toEqualTypeOf<'neuron' | 'deep' | undefined>();
    expectTypeOf<ValuesOfRun<typeof schedule>['action']>().toEqualTypeOf<
      'list' | 'add' | 'pause' | 'resume' | 'remove' | 'preview' | undefined
    >();
    expectTypeOf<ValuesOfRun<typeof train>['view']>().toEqualTypeOf<'main' | 'layers' | undefined>();
  });
});

describe('the resolver keeps the types true', () => {
  it('refuses a request that leaves out a required text option, naming it', () => {
    const outcome = resolveOptions(probe, { kind: 'text', text: 'count:4' });
    expect(outcome).toEqual({ ok: false, errors: [{ field: 'who', message: 'who is needed: who' }] });
  });

  it('passes given values through with the types the table states', () => {
    const outcome = resolveOptions(probe, {
      kind: 'text',
      text: 'who:me count:4 mode:DOWN sizes:1,2 loud:yes',
    });
    expect(outcome).toEqual({
      ok: true,
      values: { who: 'me', count: 4, mode: 'down', sizes: [1, 2], loud: true },
    });
  });
});
