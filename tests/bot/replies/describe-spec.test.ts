import { describe, expect, it } from 'vitest';
import { DESCRIPTION_ORDER, describeParts, describeSpec } from '../../../src/bot/replies/describe-spec.js';
import type { Field } from '../../../src/engine/fields.js';
import { optionSpelling } from '../../../src/engine/fields.js';
import {
  EXPERIMENTS,
  type ExperimentName,
  type ExperimentSpec,
  SPEC_FIELDS,
} from '../../../src/engine/spec.js';
import { validateSpec } from '../../../src/engine/validate.js';
import { SMALL, useTutor } from '../bot-harness.js';
import { LONGEST_SPECS, longestValue } from './longest-spec.js';

/*
 * The one line that says what ran: every option away from its experiment's default, in the
 * documented order, and nothing else beyond the few facts each experiment always states.
 */

/** The options each experiment states even at their defaults (describe-spec.ts documents them). */
const ALWAYS: Record<ExperimentName, string[]> = {
  train: ['depth', 'seeds', 'dataset'],
  compare: ['depths', 'seeds', 'dataset'],
  map: ['depths', 'axis', 'values', 'seeds', 'dataset'],
  restarts: ['architectures', 'restarts', 'dataset'],
  landscape: ['depth', 'dataset'],
  lp: ['dataset'],
  hardness: ['sizes', 'dims'],
};

function defaults(experiment: ExperimentName): ExperimentSpec {
  const checked = validateSpec({ experiment });
  if (!checked.ok) throw new Error(`${experiment} defaults do not validate`);
  return checked.spec;
}

const keysOf = (spec: ExperimentSpec) => describeParts(spec).flatMap((part) => part.keys);
const inOrder = (keys: readonly string[]) =>
  [...keys].sort((a, b) => DESCRIPTION_ORDER.indexOf(a as never) - DESCRIPTION_ORDER.indexOf(b as never));

describe('describeSpec', () => {
  it('says only the essential facts of each experiment at its defaults', () => {
    const lines = Object.fromEntries(EXPERIMENTS.map((name) => [name, describeSpec(defaults(name))]));
    expect(lines).toEqual({
      train: 'depth 5 · 3 seeds · moons data',
      compare: 'depths 1, 2, 4, 8, 16 · 3 seeds each · moons data',
      map: 'depths 2, 4, 8, 16 × weight_scale 0.25, 0.5, 1, 1.76, 12 · 1 seed per cell · moons data',
      restarts: '10 restarts each of neuron, neuron-mse, three-node, deep · moons data',
      landscape: 'depth 1 vs depth 10, plain and residual · moons data',
      lp: 'LP vs gradient descent · blobs data',
      hardness: 'exact 3-node training for n = 8, 16, 32, 64 in d = 2, 4, 8',
    });
    for (const name of EXPERIMENTS) expect(keysOf(defaults(name)), name).toEqual(inOrder(ALWAYS[name]));
  });

  it('adds each option, alone, when it differs from its default, in its place in the order', () => {
    for (const name of EXPERIMENTS) {
      const fields = SPEC_FIELDS[name] as Record<string, Field>;
      const base = describeParts(defaults(name));
      for (const [key, f] of Object.entries(fields)) {
        const value = longestValue(f);
        const spec = { ...defaults(name), [key]: value } as ExperimentSpec;
        const parts = describeParts(spec);
        const label = `${name} ${key}:${JSON.stringify(value)}`;
        expect(
          parts.flatMap((p) => p.keys),
          label,
        ).toEqual(inOrder([...new Set([...ALWAYS[name], key])]));
        const part = parts.find((p) => p.keys.includes(key as never))!;
        // The part names the new value (a number, a choice, each list item), or for a
        // true/false option reads differently from the default's line.
        const shown = typeof value === 'boolean' ? [] : Array.isArray(value) ? value : [value];
        // A map axis is an option name, shown in the spelling every client shows (weight_scale).
        const words = (item: unknown) => (key === 'axis' ? optionSpelling(String(item)) : String(item));
        for (const item of shown) expect(part.text, label).toContain(words(item));
        expect(describeSpec(spec), label).not.toBe(describeSpec(defaults(name)));
        expect(
          parts.filter((p) => p !== part).map((p) => p.text),
          label,
        ).toEqual(base.filter((p) => !p.keys.includes(key as never)).map((p) => p.text));
      }
    }
  });

  it('states every option of the longest spec of each experiment, in the documented order', () => {
    for (const spec of LONGEST_SPECS) {
      const keys = keysOf(spec);
      expect(new Set(keys), spec.experiment).toEqual(new Set(Object.keys(SPEC_FIELDS[spec.experiment])));
      expect(keys, spec.experiment).toEqual(inOrder(keys));
      const line = describeSpec(spec);
      let from = 0;
      for (const part of describeParts(spec)) {
        const at = line.indexOf(part.text, from);
        expect(at, `${spec.experiment}: ${part.text}`).toBeGreaterThanOrEqual(from);
        from = at + part.text.length;
      }
    }
  });

  it('has a place in the order for every option of every experiment', () => {
    const options = new Set(EXPERIMENTS.flatMap((name) => Object.keys(SPEC_FIELDS[name])));
    expect(new Set(DESCRIPTION_ORDER)).toEqual(options);
  });
});

/** A validated spec, or the test fails with the engine's objections. */
function checked(input: { experiment: ExperimentName } & Record<string, unknown>): ExperimentSpec {
  const result = validateSpec(input);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.spec;
}

/** An experiment's defaults with some options changed (not validated: the map's defaults are big). */
const withDefaults = (input: { experiment: ExperimentName } & Record<string, unknown>) =>
  ({ ...defaults(input.experiment), ...input }) as ExperimentSpec;

const textOf = (spec: ExperimentSpec, key: string) =>
  describeParts(spec).find((part) => part.keys.includes(key as never))?.text;

/** Options that are set but that the run does not use, each with the spec that uses them. */
const UNUSED = [
  {
    key: 'weightScale',
    idle: { experiment: 'train', init: 'orthogonal', weightScale: 2 },
    text: 'σ_w² 2 (unused by orthogonal init)',
    used: { experiment: 'train', init: 'gaussian', weightScale: 2 },
  },
  {
    key: 'biasScale',
    idle: { experiment: 'compare', biasScale: 0.5 },
    text: 'σ_b² 0.5 (unused by glorot init)',
    used: { experiment: 'compare', init: 'gaussian', biasScale: 0.5 },
  },
  {
    key: 'frames',
    idle: { experiment: 'train', animate: false, frames: 10 },
    text: '10 frames (unused without animation)',
    used: { experiment: 'train', frames: 10 },
  },
  {
    key: 'learningRate',
    idle: { experiment: 'map', axis: 'learningRate', learningRate: 0.3 },
    text: 'learning rate 0.3 (the columns set it)',
    used: { experiment: 'map', learningRate: 0.3 },
  },
  {
    key: 'depth',
    idle: { experiment: 'restarts', architectures: ['neuron'], depth: 6 },
    text: 'deep net depth 6 (no deep net in this run)',
    used: { experiment: 'restarts', architectures: ['neuron', 'deep'], depth: 6 },
  },
] as const;

describe('options a run does not use', () => {
  it('are named with the reason beside them, and only when the run does not use them', () => {
    for (const { key, idle, text, used } of UNUSED) {
      expect(textOf(withDefaults(idle), key)).toBe(text);
      expect(textOf(withDefaults(used), key)).toBe(text.replace(/ \(.*\)$/, ''));
    }
  });
});

describe('headlines of real runs', () => {
  const { shared, finalOf } = useTutor();

  it('call an option unused only when leaving it at its default gives the same numbers', async () => {
    const numbers = async (input: { experiment: ExperimentName } & Record<string, unknown>) => {
      const small = {
        steps: 20,
        points: 32,
        ...(Object.hasOwn(SPEC_FIELDS[input.experiment], 'seeds') ? { seeds: 1 } : {}),
      };
      const result = await shared.tutor.engine.run(checked({ ...small, ...input }));
      // Everything the run computed; not its spec, backend or timings.
      const { spec: _spec, ...rest } = result;
      return JSON.stringify(rest, (key, value) =>
        key === 'durationMs' || key === 'backend' ? undefined : value,
      );
    };
    for (const { key, idle } of UNUSED) {
      const { [key]: _value, ...without } = idle as Record<string, unknown> & { experiment: ExperimentName };
      const map =
        idle.experiment === 'map' ? { depths: [1, 2], values: key === 'learningRate' ? [0.1, 1] : [] } : {};
      const set = await numbers({ ...without, ...map, [key]: (idle as Record<string, unknown>)[key] });
      // Compared as a boolean: the results are long, and a failure needs only the option's name.
      expect(set === (await numbers({ ...without, ...map })), key).toBe(true);
    }
  });

  it('differ for /train depth:8 plain, residual:true, normalization:batch and loss:mse', async () => {
    const headline = async (extra: string) =>
      (await finalOf(`/train ${SMALL.replace('depth:2', 'depth:8')} ${extra}`.trim())).reply.headline;
    const plain = await headline('');
    const residual = await headline('residual:true');
    const batch = await headline('normalization:batch');
    const mse = await headline('loss:mse');
    expect(plain).toBe(
      'Training run: depth 8 · width 8 · 40 steps · 1 seed · moons data · 64 points · 10×10 decision grid',
    );
    expect(residual).toBe(plain.replace('width 8', 'width 8 · residual'));
    expect(batch).toBe(plain.replace('width 8', 'width 8 · batch norm'));
    expect(mse).toBe(plain.replace('width 8', 'width 8 · mse loss'));
  });
});
