import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../../src/engine/hardness/instances.js';
import { enumerateThreeNodeFit, unitLabellings } from '../../../src/engine/hardness/plane-enumeration.js';
import { separableSubsets, threeNodeFitExists } from './brute-force.js';

const asNumber = (mask: Uint32Array) => mask[0]!;

describe('exact training in the plane by enumerating lines', () => {
  it.each([1, 2, 3])(
    'finds exactly the labellings one unit can make (brute force by LP), seed %i',
    async (seed) => {
      const { x } = makeInstance({ n: 8, d: 2, inputs: 'gaussian', labels: 'random', seed });
      const { sets, lines } = unitLabellings(x);
      expect(lines).toBe((8 * 7) / 2);
      const enumerated = new Set(sets.map(asNumber));
      expect(enumerated.size).toBe(sets.length);
      expect([...enumerated].sort((a, b) => a - b)).toEqual(
        [...(await separableSubsets(x))].sort((a, b) => a - b),
      );
    },
  );

  it('agrees with brute force on whether a three-node network fits random labels', async () => {
    const verdicts: boolean[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const instance = makeInstance({ n: 9, d: 2, inputs: 'gaussian', labels: 'random', seed });
      const { fit } = enumerateThreeNodeFit(instance);
      expect(fit, `seed ${seed}`).toBe(await threeNodeFitExists(instance));
      verdicts.push(fit);
    }
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });

  it('handles point 31 and beyond (several words per mask) on planted labels, which always fit', () => {
    let bit31Positive = 0;
    for (const n of [32, 64, 70]) {
      for (const seed of [1, 2, 3, 4]) {
        const instance = makeInstance({ n, d: 2, inputs: 'gaussian', labels: 'planted', seed });
        const { fit, lines } = enumerateThreeNodeFit(instance);
        expect(fit, `n ${n} seed ${seed}`).toBe(true);
        expect(lines).toBe((n * (n - 1)) / 2);
        if (instance.y[31] === 1 || instance.y[63] === 1) bit31Positive++;
      }
    }
    // The cases that matter: a positive point in the top bit of a 32-bit word.
    expect(bit31Positive).toBeGreaterThan(0);
  });

  it('refuses other dimensions', () => {
    const instance = makeInstance({ n: 8, d: 3, inputs: 'gaussian', labels: 'random', seed: 1 });
    expect(() => enumerateThreeNodeFit(instance)).toThrow(/two dimensions/);
  });

  it('stops with an AbortError inside the enumeration once the cancel flag is raised', () => {
    const instance = makeInstance({ n: 128, d: 2, inputs: 'gaussian', labels: 'random', seed: 7 });
    // A flag that goes up after a few looks: the enumeration must look inside its loops, not only
    // before it starts (which the first look would pass).
    let looks = 0;
    const signal = {
      get aborted() {
        looks += 1;
        return looks > 3;
      },
    };
    expect(() => enumerateThreeNodeFit(instance, signal)).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
    // The fourth look is the third line of the first pass: it stopped inside, not after, the work.
    expect(looks).toBe(4);
    expect(enumerateThreeNodeFit(instance, { aborted: false }).lines).toBe((128 * 127) / 2);
  });
});
