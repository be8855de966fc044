import { describe, expect, it } from 'vitest';
import { createResultCache } from '../../../src/bot/jobs/result-cache.js';
import { canonicalJson, specKey } from '../../../src/bot/jobs/spec-key.js';
import { fakeResult, trainSpec } from './fake-engine.js';

describe('spec key', () => {
  it('ignores key order at every level but keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('tells apart specs that differ in one field, and backends', () => {
    const spec = trainSpec(1);
    const shuffled = Object.fromEntries(Object.entries(spec).reverse()) as typeof spec;
    expect(specKey(shuffled, 'wasm')).toBe(specKey(spec, 'wasm'));
    expect(specKey(spec, 'cpu')).not.toBe(specKey(spec, 'wasm'));
    expect(specKey(trainSpec(1, { learningRate: 0.11 }), 'wasm')).not.toBe(specKey(spec, 'wasm'));
  });
});

describe('result cache', () => {
  it('counts hits and misses, and has() counts nothing', () => {
    const cache = createResultCache();
    const result = fakeResult(trainSpec(1));
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', result);
    expect(cache.has('k')).toBe(true);
    expect(cache.get('k')).toBe(result);
    expect(cache.stats()).toEqual({ entries: 1, hits: 1, misses: 1 });
  });

  it('freezes what it keeps, deeply', () => {
    const cache = createResultCache();
    const result = fakeResult(trainSpec(1));
    cache.set('k', result);
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.spec)).toBe(true);
  });

  it('evicts the least recently used when over the size budget, and skips oversized results', () => {
    const one = JSON.stringify(fakeResult(trainSpec(1))).length;
    const cache = createResultCache({ maxEntries: 10, maxChars: 2 * one + 10 });
    cache.set('a', fakeResult(trainSpec(1)));
    cache.set('b', fakeResult(trainSpec(2)));
    cache.get('a');
    cache.set('c', fakeResult(trainSpec(3)));
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
    const tiny = createResultCache({ maxChars: 10 });
    tiny.set('a', fakeResult(trainSpec(1)));
    expect(tiny.has('a')).toBe(false);
  });

  it('keeps nothing when turned off', () => {
    const cache = createResultCache({ maxEntries: 0 });
    cache.set('a', fakeResult(trainSpec(1)));
    expect(cache.stats().entries).toBe(0);
  });
});
