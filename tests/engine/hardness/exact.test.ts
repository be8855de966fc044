import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../../src/engine/hardness/instances.js';
import { oneUnitLp } from '../../../src/engine/hardness/one-unit-lp.js';
import { enumerateThreeNodeFit } from '../../../src/engine/hardness/plane-enumeration.js';
import { exactThreeNodeFit } from '../../../src/engine/hardness/three-node-mip.js';
import type { HardnessInstance, ThreeNodeNet } from '../../../src/engine/hardness/types.js';
import { threeNodeFitExists } from './brute-force.js';

// Generous: these are small instances, and a loaded machine stretches wall-clock limits.
const LIMIT = { timeLimitSeconds: 20 };

/** The network's output, computed here independently of the engine's own evaluator. */
function predict(net: ThreeNodeNet, x: number[]): number {
  const on = net.hidden.map((u) => u.w.reduce((s, w, j) => s + w * x[j]!, u.b) > 0);
  return (net.output === 'and' ? on[0]! && on[1]! : on[0]! || on[1]!) ? 1 : 0;
}

function expectFits(net: ThreeNodeNet | undefined, instance: HardnessInstance) {
  expect(net).toBeDefined();
  for (const [i, x] of instance.x.entries()) expect(predict(net!, x), `point ${i}`).toBe(instance.y[i]);
}

const xor: HardnessInstance = {
  n: 4,
  d: 2,
  x: [
    [0, 0],
    [1, 1],
    [0, 1],
    [1, 0],
  ],
  y: [0, 0, 1, 1],
};

describe('XOR in two dimensions', () => {
  it('is out of reach of one unit (LP infeasible) and within reach of three (MIP fit, checked point by point)', async () => {
    const lp = await oneUnitLp(xor);
    expect(lp.separable).toBe(false);
    expect(lp.status).toBe('Infeasible');
    const exact = await exactThreeNodeFit(xor, LIMIT);
    expect(exact.status).toBe('fit');
    expectFits(exact.net, xor);
    expect(enumerateThreeNodeFit(xor).fit).toBe(true);
  });

  it('with a duplicated point given both labels, no network fits and the solver proves it', async () => {
    const clash = { ...xor, n: 5, x: [...xor.x, [0, 0]], y: [...xor.y, 1] };
    const exact = await exactThreeNodeFit(clash, LIMIT);
    expect(exact.status).toBe('no-fit');
    expect(exact.net).toBeUndefined();
  });
});

describe('planted labels', () => {
  const cases = [
    ...[8, 16, 24].flatMap((n) => [2, 3, 5].map((d) => ({ n, d, inputs: 'gaussian' as const }))),
    ...[4, 8, 12, 16].map((n) => ({ n, d: 4, inputs: 'cube' as const })),
  ];
  it.each(cases)('n $n, d $d, $inputs: a verified fit or a time-limit status, never "no fit"', async (c) => {
    for (const seed of [1, 2]) {
      const instance = makeInstance({ ...c, labels: 'planted', seed });
      expectFits(instance.planted, instance);
      const exact = await exactThreeNodeFit(instance, LIMIT);
      expect(exact.status, `seed ${seed}`).not.toBe('no-fit');
      if (exact.status === 'fit') expectFits(exact.net, instance);
    }
  });
});

describe('random labels, cross-checked', () => {
  it('in 2-D the solver and the polynomial line enumeration agree, and "no fit" does occur', async () => {
    let impossible = 0;
    for (const n of [8, 12, 16, 20]) {
      for (const seed of [1, 2, 3]) {
        const instance = makeInstance({ n, d: 2, inputs: 'gaussian', labels: 'random', seed });
        const exact = await exactThreeNodeFit(instance, LIMIT);
        expect(exact.status, `n ${n} seed ${seed}`).not.toBe('time-limit');
        expect(exact.status === 'fit', `n ${n} seed ${seed}`).toBe(enumerateThreeNodeFit(instance).fit);
        if (exact.status === 'fit') expectFits(exact.net, instance);
        else impossible++;
      }
    }
    expect(impossible).toBeGreaterThan(0);
  });

  it('on the whole cube {0,1}^3 every verdict matches brute force over all labellings', async () => {
    const corners = makeInstance({ n: 8, d: 3, inputs: 'cube', labels: 'random', seed: 1 }).x;
    const parity = corners.map((x) => (x[0]! + x[1]! + x[2]!) % 2);
    const labellings = [parity, parity.map((v) => 1 - v)];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      labellings.push(makeInstance({ n: 8, d: 3, inputs: 'cube', labels: 'random', seed }).y);
    }
    const verdicts: boolean[] = [];
    for (const y of labellings) {
      const instance = { n: 8, d: 3, x: corners, y };
      const exact = await exactThreeNodeFit(instance, LIMIT);
      expect(exact.status).not.toBe('time-limit');
      expect(exact.status === 'fit', `labels ${y.join('')}`).toBe(await threeNodeFitExists(instance));
      if (exact.status === 'fit') expectFits(exact.net, instance);
      verdicts.push(exact.status === 'fit');
    }
    // Three-bit parity defeats two hidden units; the random labellings here all fit.
    expect(verdicts.slice(0, 2)).toEqual([false, false]);
    expect(verdicts).toContain(true);
  });
});
