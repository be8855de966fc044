import type { Field } from '../../../src/engine/fields.js';
import { SPEC_FIELDS } from '../../../src/engine/spec.js';
import type { Table } from '../../../src/engine/tables/table.js';
import { validateSpec } from '../../../src/engine/validate.js';
import { estimateWork } from '../../../src/engine/work.js';

/*
 * The randomized claims audit's sampler: experiment specs drawn by a seeded generator from the
 * whole option space of every experiment (every field of its table, each choice and a spread of
 * values across each numeric range, tiny budgets and huge learning rates included). It is not a
 * grid picked to show effects: the explainer must hold on whatever a student can type. Specs over
 * a work budget are drawn again, so the recording trains in minutes; `coverage` counts how often
 * each value appeared, and the audit test requires every value at least MIN_SEEN times. Beside the
 * generated shapes and the built-in real tables (dataset:iris, one of the drawn choices), specs
 * are drawn on uploaded-like tables (AUDIT_TABLES): CSV-shaped tables of 1 to 16 features and 2 to
 * 8 classes, made deterministically, that every experiment taking a table trains on.
 */

/** Options as a student types them. */
export type SampledOptions = { experiment: string } & Record<string, unknown>;

/** How many specs of each experiment one recording draws. */
export const SAMPLE_PLAN: Record<keyof typeof SPEC_FIELDS, number> = {
  train: 100,
  compare: 90,
  restarts: 40,
  landscape: 25,
  lp: 30,
  map: 25,
  hardness: 20,
};

/**
 * How many specs of each experiment are drawn on an uploaded-like table (lp takes the 2-class ones
 * only; hardness makes its own data).
 */
export const TABLE_PLAN: Partial<Record<keyof typeof SPEC_FIELDS, number>> = {
  train: 30,
  compare: 24,
  restarts: 10,
  landscape: 8,
  lp: 8,
  map: 8,
};

/**
 * Values no spec of that experiment can take, left out of the coverage every value must reach:
 * lp separates two classes, and the built-in iris table has three.
 */
const UNDRAWABLE: Record<string, readonly string[]> = { 'lp.dataset': ['iris'] };

/** The generator's seed for the recording in the repository. */
export const SAMPLER_SEED = 20261207;

/** Every value (or value bin) must be drawn at least this often. */
export const MIN_SEEN = 5;

/** Estimated work one sampled spec may take (about a second on this machine's wasm backend). */
const WORK_BUDGET = 3e9;

/** A spec drawn to cover a value the first draws missed (e.g. 3000 steps) may take a few seconds. */
const TOP_UP_BUDGET = 1.2e10;

/**
 * The values drawn for each numeric field, spread over its whole range (log-spaced where the range
 * spans decades). Fields not listed here are choices or booleans, drawn uniformly.
 */
const NUMERIC_BINS: Record<string, readonly number[]> = {
  depth: [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32],
  width: [1, 2, 4, 8, 16, 32, 64],
  steps: [1, 3, 10, 30, 100, 300, 1000, 3000],
  learningRate: [1e-5, 1e-4, 1e-3, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  points: [8, 16, 32, 64, 128, 256, 512, 1000],
  noise: [0, 0.05, 0.1, 0.2, 0.4, 0.7, 1],
  seed: [0, 1, 2, 7, 42, 1234, 99_999],
  seeds: [1, 2, 3, 4, 5, 8],
  weightScale: [0.01, 0.1, 0.5, 1, 1.76, 3, 8, 16],
  biasScale: [0, 0.05, 0.5, 2, 4],
  restarts: [2, 3, 5, 10, 20, 30],
  slicePoints: [5, 11, 21, 41, 101],
  span: [0.1, 0.5, 1, 2, 5],
  threshold: [0.001, 0.05, 0.2, 0.35, 0.6, 1, 2],
  timeLimit: [0.1, 0.3, 1],
  frames: [0],
  gridSize: [0],
};

/** Lists: depths of a sweep or map, hardness sizes and dimensions, map values. */
const LIST_BINS: Record<string, readonly number[]> = {
  depths: [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32],
  sizes: [4, 8, 16, 32, 64, 128],
  dims: [2, 3, 4, 8, 16],
};

/** Fields fixed for recording: charts and animations play no part in any claim. */
const FIXED: Record<string, unknown> = { animate: false, frames: 0, gridSize: 0 };

/** A small seeded generator (mulberry32): the same seed draws the same specs on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;

/** Between `min` and `max` distinct values of `bins`, sorted. */
function pickList(random: () => number, bins: readonly number[], min: number, max: number): number[] {
  const count = min + Math.floor(random() * (max - min + 1));
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, bins.length)) chosen.add(pick(random, bins));
  return [...chosen].sort((a, b) => a - b);
}

function drawField(random: () => number, name: string, field: Field, experiment: string): unknown {
  if (name in FIXED) return FIXED[name];
  switch (field.kind) {
    case 'boolean':
      return random() < 0.5;
    case 'choice':
      return pick(random, field.choices);
    case 'choice-list': {
      const chosen = field.choices.filter(() => random() < 0.5);
      return chosen.length > 0 ? chosen : [pick(random, field.choices)];
    }
    case 'int':
    case 'number': {
      const bins = NUMERIC_BINS[name];
      if (!bins) throw new Error(`no bins for ${experiment}.${name}`);
      return pick(
        random,
        bins.filter((v) => v >= field.min && v <= field.max),
      );
    }
    case 'int-list':
    case 'number-list':
      return drawList(random, name, field, experiment);
  }
}

function drawList(random: () => number, name: string, field: Field, experiment: string): unknown {
  if (field.kind !== 'int-list' && field.kind !== 'number-list') return undefined;
  if (name === 'values') return [];
  const bins = LIST_BINS[name];
  if (!bins) throw new Error(`no bins for ${experiment}.${name}`);
  const inRange = bins.filter((v) => v >= field.min && v <= field.max);
  const max = Math.min(field.maxCount, name === 'depths' ? 5 : 3);
  return pickList(random, inRange, Math.max(1, field.minCount), max);
}

/** A map's own column values: its axis grid, or a few values drawn from the axis's range. */
function mapValues(random: () => number, axis: unknown): number[] {
  if (random() < 0.5) return [];
  if (axis === 'weightScale') return pickList(random, NUMERIC_BINS.weightScale!, 2, 4);
  if (axis === 'learningRate') return pickList(random, NUMERIC_BINS.learningRate!, 2, 4);
  if (axis === 'width') return pickList(random, NUMERIC_BINS.width!, 2, 4);
  return [];
}

/** A standard normal draw (Box–Muller) from the seeded generator. */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * An uploaded-like table: `features` columns each in its own units (a scale and an offset, as a
 * CSV of centimetres, counts and ratios has), `classes` classes whose rows scatter around centres
 * drawn in the standardized space, a few features carrying no class signal, and class sizes as
 * `weights` gives them.
 */
function auditTable(
  random: () => number,
  name: string,
  shape: { features: number; classes: number; rows: number; weights?: number[]; spread: number },
): Table {
  const { features, classes, rows, spread } = shape;
  const weights = shape.weights ?? Array.from({ length: classes }, () => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const units = Array.from({ length: features }, () => ({
    scale: 10 ** (3 * random() - 1),
    offset: 100 * (random() - 0.5),
    signal: random() < 0.75,
  }));
  const centres = Array.from({ length: classes }, () =>
    units.map((u) => (u.signal ? 3 * (random() - 0.5) : 0)),
  );
  const labels: number[] = [];
  for (let k = 0; k < classes; k++)
    for (let i = 0; i < Math.round((rows * (weights[k] ?? 1)) / total); i++) labels.push(k);
  return {
    name,
    features: units.map((_, j) => `feature ${j + 1}`),
    classes: Array.from({ length: classes }, (_, k) => `class ${String.fromCharCode(65 + k)}`),
    rows: labels.map((k) =>
      units.map((u, j) =>
        Number(((centres[k]![j]! + spread * gaussian(random)) * u.scale + u.offset).toPrecision(4)),
      ),
    ),
    labels,
  };
}

/**
 * The uploaded-like tables of the audit, made from their own seed so that adding one never
 * changes the others' draws: from one feature to sixteen, two classes to eight, one with classes
 * of unequal size, one whose classes overlap heavily.
 */
export function auditTables(): Table[] {
  const random = seededRandom(2026_12_08);
  return [
    auditTable(random, 'one column', { features: 1, classes: 2, rows: 60, spread: 0.6 }),
    auditTable(random, 'two columns', { features: 2, classes: 3, rows: 90, spread: 0.5 }),
    auditTable(random, 'survey', { features: 5, classes: 4, rows: 100, weights: [2, 1, 1, 1], spread: 0.7 }),
    auditTable(random, 'sensors', { features: 9, classes: 6, rows: 120, spread: 0.8 }),
    auditTable(random, 'wide', { features: 16, classes: 8, rows: 160, spread: 0.6 }),
    auditTable(random, 'overlapping pairs', { features: 16, classes: 2, rows: 100, spread: 2.5 }),
  ];
}

/** One spec of `experiment`, every field drawn, with `forced` fields set as given. */
function drawSpec(
  random: () => number,
  experiment: keyof typeof SPEC_FIELDS,
  forced: Record<string, unknown> = {},
): SampledOptions {
  const fields = SPEC_FIELDS[experiment] as Record<string, Field>;
  const options: SampledOptions = { experiment };
  for (const [name, field] of Object.entries(fields))
    options[name] = drawField(random, name, field, experiment);
  if (experiment === 'map') options.values = mapValues(random, options.axis);
  for (const [name, value] of Object.entries(forced)) {
    const current = options[name];
    // A list keeps its other members and gains the forced one.
    options[name] = Array.isArray(current)
      ? [...new Set([...current, value])].sort((a, b) => Number(a) - Number(b))
      : value;
  }
  return options;
}

/** A drawn spec that validates and fits the work budget, or undefined. */
function accepted(options: SampledOptions, budget: number): boolean {
  const validation = validateSpec(options);
  return validation.ok && estimateWork(validation.spec) <= budget;
}

/** The typed value behind a coverage key's string (numbers and booleans are drawn as such). */
function typedValue(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  const number = Number(text);
  return Number.isNaN(number) ? text : number;
}

/**
 * Draws SAMPLE_PLAN's specs with the given seed (valid, within the work budget), then tops up:
 * for every value drawn fewer than MIN_SEEN times, specs with that value forced and every other
 * field drawn, so large budgets and rare choices are all exercised.
 */
export function sampleSpecs(seed = SAMPLER_SEED): SampledOptions[] {
  const random = seededRandom(seed);
  const specs: SampledOptions[] = [];
  const drawUntilAccepted = (
    experiment: keyof typeof SPEC_FIELDS,
    forced: Record<string, unknown> = {},
    budget = WORK_BUDGET,
  ) => {
    for (let attempt = 0; attempt < 20_000; attempt++) {
      const options = drawSpec(random, experiment, forced);
      if (accepted(options, budget)) return options;
    }
    throw new Error(`cannot draw a ${experiment} spec with ${JSON.stringify(forced)} within budget`);
  };
  for (const [experiment, count] of Object.entries(SAMPLE_PLAN) as [keyof typeof SPEC_FIELDS, number][]) {
    for (let i = 0; i < count; i++) specs.push(drawUntilAccepted(experiment));
  }
  const tables = auditTables();
  for (const [experiment, count] of Object.entries(TABLE_PLAN) as [keyof typeof SPEC_FIELDS, number][]) {
    const usable = tables.filter((t) => experiment !== 'lp' || t.classes.length === 2);
    for (let i = 0; i < count; i++)
      specs.push(drawUntilAccepted(experiment, { table: usable[i % usable.length] }));
  }
  for (const [key, values] of drawableValues()) {
    const [experiment, name] = key.split('.') as [keyof typeof SPEC_FIELDS, string];
    for (const value of values) {
      while ((coverage(specs).get(key)?.get(value) ?? 0) < MIN_SEEN) {
        specs.push(drawUntilAccepted(experiment, { [name]: typedValue(value) }, TOP_UP_BUDGET));
      }
    }
  }
  return specs;
}

/** How often each field took each value (lists count each member), per experiment. */
export function coverage(specs: readonly SampledOptions[]): Map<string, Map<string, number>> {
  const table = new Map<string, Map<string, number>>();
  const count = (key: string, value: unknown) => {
    const row = table.get(key) ?? new Map<string, number>();
    row.set(String(value), (row.get(String(value)) ?? 0) + 1);
    table.set(key, row);
  };
  for (const spec of specs) {
    for (const [name, value] of Object.entries(spec)) {
      if (name === 'experiment' || name in FIXED) continue;
      const key = `${spec.experiment}.${name}`;
      if (name === 'table') {
        count(key, (value as Table).name);
        continue;
      }
      if (Array.isArray(value)) for (const member of value) count(key, member);
      else count(key, value);
    }
  }
  return table;
}

/**
 * Every value a field can be drawn with, per experiment: the key a coverage count is checked
 * against. Map values and the empty list are counted only when drawn.
 */
export function drawableValues(): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const [experiment, fields] of Object.entries(SPEC_FIELDS)) {
    for (const [name, field] of Object.entries(fields as Record<string, Field>)) {
      if (name in FIXED || name === 'values') continue;
      const key = `${experiment}.${name}`;
      const undrawable = UNDRAWABLE[key] ?? [];
      if (field.kind === 'boolean') values.set(key, ['true', 'false']);
      else if (field.kind === 'choice' || field.kind === 'choice-list')
        values.set(
          key,
          field.choices.filter((c) => !undrawable.includes(c)),
        );
      else {
        const bins = NUMERIC_BINS[name] ?? LIST_BINS[name] ?? [];
        const lo = field.min;
        const hi = field.max;
        values.set(key, bins.filter((v) => v >= lo && v <= hi).map(String));
      }
    }
  }
  return values;
}
