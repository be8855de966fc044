/**
 * A small seeded random source. Every random number in the engine (data, initial weights,
 * landscape directions) comes from one of these, so a spec and a seed give the same numbers on
 * every run; TensorFlow.js's own random ops are never used for that reason.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
}

// Hashes a seed so that neighbouring seeds (1, 2, 3) start from unrelated states.
function scramble(seed: number): number {
  let h = (seed ^ 0x2545f491) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0 || 0x1234567;
}

/** A deterministic generator: Marsaglia's xorshift32 with a multiplicative output mix. */
export function createRandom(seed: number, stream = 0): Random {
  let state = scramble(scramble(seed) + stream * 0x9e3779b9);
  let spareNormal: number | undefined;
  const next = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (Math.imul(state, 0x9e3779bb) >>> 0) / 4294967296;
  };
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    normal: () => {
      if (spareNormal !== undefined) {
        const value = spareNormal;
        spareNormal = undefined;
        return value;
      }
      const u = 1 - next(); // (0, 1]: log stays finite
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** Independent streams derived from one seed, so adding a consumer never shifts another's numbers. */
export const STREAM = { data: 1, weights: 2, direction: 3 } as const;
