import { z } from 'zod';

/**
 * A described option: its kind, bounds, default and a one-line description. The engine builds
 * its zod schemas from these, and chat adapters build their option lists and help text from the
 * same objects, so a limit is written exactly once.
 */
export type Field =
  | { kind: 'int'; description: string; min: number; max: number; default: number }
  | { kind: 'number'; description: string; min: number; max: number; default: number }
  | { kind: 'boolean'; description: string; default: boolean }
  | { kind: 'choice'; description: string; choices: readonly string[]; default: string }
  | {
      kind: 'int-list' | 'number-list';
      description: string;
      min: number;
      max: number;
      minCount: number;
      maxCount: number;
      default: readonly number[];
    }
  | {
      kind: 'choice-list';
      description: string;
      choices: readonly string[];
      minCount: number;
      maxCount: number;
      default: readonly string[];
    };

/** One kind of field, e.g. `FieldOf<'int'>`. */
export type FieldOf<K extends Field['kind']> = Field extends infer F
  ? F extends { kind: infer Kinds }
    ? K extends Kinds
      ? Omit<F, 'kind'> & { kind: K }
      : never
    : never
  : never;

/** A choice field that keeps its choices' literal types, so commands read them as a union. */
export type ChoiceField<C extends readonly string[]> = Omit<FieldOf<'choice'>, 'choices' | 'default'> & {
  choices: C;
  default: C[number];
};

/** A choice-list field that keeps its choices' literal types. */
export type ChoiceListField<C extends readonly string[]> = Omit<
  FieldOf<'choice-list'>,
  'choices' | 'default'
> & {
  choices: C;
  default: readonly C[number][];
};

/**
 * Field constructors, kept terse so spec tables read like a list of options. Each returns its own
 * kind (not just `Field`) so command definitions can infer the value types from their tables.
 */
export const field = {
  int: (description: string, range: { min: number; max: number }, def: number): FieldOf<'int'> => ({
    kind: 'int',
    description,
    ...range,
    default: def,
  }),
  number: (description: string, range: { min: number; max: number }, def: number): FieldOf<'number'> => ({
    kind: 'number',
    description,
    ...range,
    default: def,
  }),
  boolean: (description: string, def: boolean): FieldOf<'boolean'> => ({
    kind: 'boolean',
    description,
    default: def,
  }),
  choice: <const C extends readonly string[]>(
    description: string,
    choices: C,
    def: C[number],
  ): ChoiceField<C> => ({
    kind: 'choice',
    description,
    choices,
    default: def,
  }),
  intList: (
    description: string,
    range: { min: number; max: number },
    count: { minCount: number; maxCount: number },
    def: readonly number[],
  ): FieldOf<'int-list'> => ({ kind: 'int-list', description, ...range, ...count, default: def }),
  /** A list of numbers, each in range; `minCount` 0 with an empty default means "pick for me". */
  numberList: (
    description: string,
    range: { min: number; max: number },
    count: { minCount: number; maxCount: number },
    def: readonly number[],
  ): FieldOf<'number-list'> => ({ kind: 'number-list', description, ...range, ...count, default: def }),
  choiceList: <const C extends readonly string[]>(
    description: string,
    choices: C,
    count: { minCount: number; maxCount: number },
    def: readonly C[number][],
  ): ChoiceListField<C> => ({ kind: 'choice-list', description, choices, ...count, default: def }),
};

/** The zod schema that accepts exactly what a field allows, with its default. */
export function fieldSchema(f: Field): z.ZodType {
  switch (f.kind) {
    case 'int':
      return z.number().int().min(f.min).max(f.max).default(f.default);
    case 'number':
      return z.number().min(f.min).max(f.max).default(f.default);
    case 'boolean':
      return z.boolean().default(f.default);
    case 'choice':
      return z.enum(f.choices as [string, ...string[]]).default(f.default);
    case 'int-list':
      return z
        .array(z.number().int().min(f.min).max(f.max))
        .min(f.minCount)
        .max(f.maxCount)
        .default([...f.default]);
    case 'number-list':
      return z
        .array(z.number().min(f.min).max(f.max))
        .min(f.minCount)
        .max(f.maxCount)
        .default([...f.default]);
    case 'choice-list':
      return z
        .array(z.enum(f.choices as [string, ...string[]]))
        .min(f.minCount)
        .max(f.maxCount)
        .default([...f.default]);
  }
}

/**
 * How the tutor writes an option name (or a choice that names an option, like the map's
 * `axis:learning_rate`) wherever a person reads it: snake_case, the one spelling Discord allows
 * (option names there must be lower case), so help, errors, repeat lines and handouts read the
 * same on every client. Both spellings are accepted as input; only the code's own names (spec
 * fields, JSON, stored runs) stay camelCase. Names already in lower case are unchanged.
 */
export function optionSpelling(name: string): string {
  return name.replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1_$2').toLowerCase();
}

/** A field's value as a person types it: lists comma-separated, choices in their shown spelling. */
export function shownValue(f: Field, value: unknown): string {
  const one = (v: unknown) =>
    f.kind === 'choice' || f.kind === 'choice-list' ? optionSpelling(String(v)) : String(v);
  return Array.isArray(value) ? value.map(one).join(',') : one(value);
}

/** What a field accepts, in words, e.g. "a whole number from 0 to 32". */
export function describeAllowed(f: Field): string {
  switch (f.kind) {
    case 'int':
      return `a whole number from ${f.min} to ${f.max}`;
    case 'number':
      return `a number from ${f.min} to ${f.max}`;
    case 'boolean':
      return 'true or false';
    case 'choice':
      return `one of ${f.choices.map(optionSpelling).join(', ')}`;
    case 'int-list':
      return `a comma-separated list of ${f.minCount} to ${f.maxCount} whole numbers from ${f.min} to ${f.max}`;
    case 'number-list':
      return `a comma-separated list of ${Math.max(1, f.minCount)} to ${f.maxCount} numbers from ${f.min} to ${f.max}`;
    case 'choice-list':
      return `a comma-separated list of ${f.minCount} to ${f.maxCount} of ${f.choices.map(optionSpelling).join(', ')}`;
  }
}
