import type { ResultByName } from '../result.js';
import type { ExperimentName, SpecByName } from '../spec.js';
import type { ExperimentPlanner } from '../units.js';
import { comparePlanner } from './compare.js';
import { hardnessPlanner } from './hardness.js';
// Engineer B's planners (loss-surface slices, linear programming).
import { landscapePlanner } from './landscape.js';
import { lpPlanner } from './lp.js';
import { mapPlanner } from './map.js';
import { restartsPlanner } from './restarts.js';
import { trainPlanner } from './train.js';

/** Every experiment's planner, by name: the one place that lists them. */
export const PLANNERS: { [K in ExperimentName]: ExperimentPlanner<SpecByName[K], ResultByName[K]> } = {
  train: trainPlanner,
  compare: comparePlanner,
  restarts: restartsPlanner,
  landscape: landscapePlanner,
  lp: lpPlanner,
  hardness: hardnessPlanner,
  map: mapPlanner,
};
