import { describe, expect, it } from 'vitest';
import { DESCRIPTION_ORDER, describeParts, describeSpec } from '../../../src/bot/replies/describe-spec.js';
import type { Field } from '../../../src/engine/fields.js';
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
      map: 'depths 2, 4, 8, 16 × weightScale 0.25, 0.5, 1, 1.76, 12 · 1 seed per cell · moons data',
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
        for (const item of shown) expect(part.text, label).toContain(String(item));
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

describe('headlines of real runs', () => {
  const { finalOf } = useTutor();

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
