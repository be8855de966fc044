import { summarizeRuns } from '../measure-summary.js';
import type { CompareResult } from '../result.js';
import type { CompareSpec } from '../spec.js';
import type { ExperimentPlanner } from '../units.js';
import { asRunResults, hasPlane, seededFitSpec, shownData } from './train.js';

/**
 * `compare`: a depth sweep; every depth trains from the same seeds, without decision grids. The
 * first seed of the shallowest and of the deepest depth record animation frames, to be shown side
 * by side.
 */
export const comparePlanner: ExperimentPlanner<CompareSpec, CompareResult> = {
  plan: (spec) => {
    const animated = new Set([Math.min(...spec.depths), Math.max(...spec.depths)]);
    const claimed = new Set<number>();
    return spec.depths.flatMap((depth) => {
      // A depth listed twice animates once; a table of other than 2 features has no plane to animate.
      const frames =
        spec.animate && hasPlane(spec) && animated.has(depth) && !claimed.has(depth) ? spec.frames : 0;
      claimed.add(depth);
      return Array.from({ length: spec.seeds }, (_, i) => ({
        kind: 'fit' as const,
        spec: seededFitSpec(spec, depth, i, 0, i === 0 ? frames : 0),
      }));
    });
  },
  labels: (spec) =>
    spec.depths.flatMap((depth) =>
      Array.from({ length: spec.seeds }, (_, i) => `depth ${depth}, seed ${i + 1} of ${spec.seeds}`),
    ),
  assemble: (spec, results) => {
    const runs = asRunResults(results, spec.depths.length * spec.seeds);
    const summaries = spec.depths.map((depth, d) =>
      summarizeRuns(depth, runs.slice(d * spec.seeds, (d + 1) * spec.seeds)),
    );
    const { view } = shownData(spec);
    return { runs, summaries, ...(view ? { tableView: view } : {}) };
  },
};
