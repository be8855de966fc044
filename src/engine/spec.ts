import { COMPARE_FIELDS, type CompareSpec } from './specs/compare.js';
import { HARDNESS_FIELDS, type HardnessSpec } from './specs/hardness.js';
import { LANDSCAPE_FIELDS, type LandscapeSpec } from './specs/landscape.js';
import { LP_FIELDS, type LpSpec } from './specs/lp.js';
import { MAP_FIELDS, type MapSpec } from './specs/map.js';
import { RESTARTS_FIELDS, type RestartsSpec } from './specs/restarts.js';
import { TRAIN_FIELDS, type TrainSpec } from './specs/train.js';

/*
 * Experiment specs. Each experiment takes a flat object of options, so `key:value` text from chat
 * maps onto it one to one. Every option has a default and every bound comes from LIMITS. Each
 * experiment's spec type and field table live in specs/; this module gathers them.
 */

export type { CompareSpec, HardnessSpec, LandscapeSpec, LpSpec, MapSpec, RestartsSpec, TrainSpec };

/** The option table of every experiment. */
export const SPEC_FIELDS = {
  train: TRAIN_FIELDS,
  compare: COMPARE_FIELDS,
  map: MAP_FIELDS,
  restarts: RESTARTS_FIELDS,
  landscape: LANDSCAPE_FIELDS,
  lp: LP_FIELDS,
  hardness: HARDNESS_FIELDS,
} as const;

/** The experiments the engine can run. */
export type ExperimentName = keyof typeof SPEC_FIELDS;
export const EXPERIMENTS = Object.keys(SPEC_FIELDS) as ExperimentName[];

/** Spec types by experiment name. */
export interface SpecByName {
  train: TrainSpec;
  compare: CompareSpec;
  map: MapSpec;
  restarts: RestartsSpec;
  landscape: LandscapeSpec;
  lp: LpSpec;
  hardness: HardnessSpec;
}

/** A validated spec of any experiment, tagged with its name. */
export type ExperimentSpec = {
  [K in ExperimentName]: { experiment: K } & SpecByName[K];
}[ExperimentName];
