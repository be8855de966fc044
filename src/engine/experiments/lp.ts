import type { LpResult } from '../result.js';
import type { LpSpec } from '../spec.js';
import type { ExperimentPlanner } from '../units.js';

/** `lp`: a single unit that solves the LPs and trains the comparison neuron. */
export const lpPlanner: ExperimentPlanner<LpSpec, LpResult> = {
  // Only the LP's own options: a validated spec also carries its experiment name.
  plan: ({ dataset, points, noise, seed, standardize, table, steps, learningRate }) => [
    {
      kind: 'lp',
      spec: {
        dataset,
        points,
        noise,
        seed,
        steps,
        learningRate,
        ...(standardize === undefined ? {} : { standardize }),
        ...(table ? { table } : {}),
      },
    },
  ],
  assemble: (_spec, results) => {
    const [result] = results;
    if (!result || !('solverStatus' in result))
      throw new Error('the lp experiment expects one lp unit result');
    return result;
  },
};
