import { summarizeRuns } from '../measure-summary.js';
import type { CompareResult } from '../result.js';
import type { CompareSpec } from '../spec.js';
import type { ExperimentPlanner } from '../units.js';
import { asRunResults, seededFitSpec } from './train.js';

/** `compare`: a depth sweep; every depth trains from the same seeds, without decision grids. */
export const comparePlanner: ExperimentPlanner<CompareSpec, CompareResult> = {
  plan: (spec) =>
    spec.depths.flatMap((depth) =>
      Array.from({ length: spec.seeds }, (_, i) => ({
        kind: 'fit' as const,
        spec: seededFitSpec(spec, depth, i, 0),
      })),
    ),
  assemble: (spec, results) => {
    const runs = asRunResults(results, spec.depths.length * spec.seeds);
    const summaries = spec.depths.map((depth, d) =>
      summarizeRuns(depth, runs.slice(d * spec.seeds, (d + 1) * spec.seeds)),
    );
    return { runs, summaries };
  },
};
