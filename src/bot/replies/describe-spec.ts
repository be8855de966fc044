import { optionSpelling } from '../../engine/fields.js';
import { mapAxisValues } from '../../engine/map-axis.js';
import { type ExperimentName, type ExperimentSpec, SPEC_FIELDS, type SpecByName } from '../../engine/spec.js';

/*
 * What ran, in one line: the facts that name the experiment, then every option that differs from
 * that experiment's defaults, in one fixed order. A headline that reads the same for
 * `/train depth:8` and `/train depth:8 residual:true` would hide the very change the student made,
 * so no settable option is ever left out when it is not at its default.
 *
 * Always shown, even at their defaults (they say which experiment this is and what it compares):
 * - train: depth, seed count, data set;  compare: depths, seed count, data set;
 * - map: depths × the axis and its column values, seed count, data set;
 * - restarts: restart count and architectures, data set;  landscape: depth, data set;
 * - lp: data set (after "LP vs gradient descent");  hardness: sizes and dimensions.
 * Every other option appears only when it differs from its experiment's default (defaults differ
 * between experiments: restarts trains with momentum 0.5, landscape with Adam 0.01). An option
 * that is set but that this run does not use (σ_w² under a non-Gaussian init, frames without an
 * animation, the option a map's columns vary, the deep net's shape in restarts without one) says
 * so in brackets, so the line never implies it mattered.
 */

/** Every option name of every experiment (a spec's table is data, not an option with a default). */
type OptionName = { [K in ExperimentName]: Exclude<keyof SpecByName[K] & string, 'table'> }[ExperimentName];

/** One piece of a description: the options it states and its words. */
export interface SpecPart {
  keys: readonly OptionName[];
  text: string;
}

const list = (values: readonly unknown[]) => values.join(', ');
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

// biome-ignore lint/suspicious/noExplicitAny: each phrase reads its own option's type
type Phrase = (value: any) => string;

/**
 * How each option reads, in the order descriptions list them: what the experiment sweeps or
 * compares; the network (depth, width, units, init, residual, normalization, loss, the Gaussian
 * init's scales, in the option tables' order); how it is trained (optimizer, learning rate,
 * steps, the exact solver's time); the slices; the seed count and the data (set, points, noise,
 * seed); last what is recorded for the charts (the decision grid and the animation). Object key
 * order is this order, and `Record<OptionName, …>` makes the compiler refuse a new option that
 * has no phrase.
 */
const PHRASES: Record<OptionName, Phrase> = {
  sizes: (v: number[]) => `n = ${list(v)}`,
  dims: (v: number[]) => `d = ${list(v)}`,
  inputs: (v: string) => `${v} inputs`,
  labels: (v: string) => (v === 'both' ? 'planted and random labels' : `${v} labels`),
  architectures: (v: string[]) => list(v),
  restarts: (v: number) => count(v, 'restart'),
  depths: (v: number[]) => `depths ${list(v)}`,
  axis: (v: string) => optionSpelling(v),
  values: (v: readonly (number | string)[]) => list(v),
  metric: (v: string) => (v === 'steps' ? 'cells show steps to the threshold' : 'cells show the final loss'),
  threshold: (v: number) => `threshold ${v}`,
  depth: (v: number) => `depth ${v}`,
  width: (v: number) => `width ${v}`,
  activation: (v: string) => `${v} units`,
  init: (v: string) => `${v} init`,
  residual: (v: boolean) => (v ? 'residual' : 'no residual'),
  normalization: (v: string) => (v === 'none' ? 'no normalization' : `${v} norm`),
  loss: (v: string) => `${v} loss`,
  weightScale: (v: number) => `σ_w² ${v}`,
  biasScale: (v: number) => `σ_b² ${v}`,
  optimizer: (v: string) => `${v} optimizer`,
  learningRate: (v: number) => `learning rate ${v}`,
  steps: (v: number) => count(v, 'step'),
  timeLimit: (v: number) => `${v} s per exact solve`,
  slicePoints: (v: number) => `${v} points per slice`,
  span: (v: number) => `span ${v}`,
  seeds: (v: number) => count(v, 'seed'),
  dataset: (v: string) => `${v} data`,
  points: (v: number) => `${v} points`,
  noise: (v: number) => `noise ${v}`,
  seed: (v: number) => `seed ${v}`,
  standardize: (v: boolean) => (v ? 'standardized inputs' : 'inputs not standardized'),
  gridSize: (v: number) => (v === 0 ? 'no decision grid' : `${v}×${v} decision grid`),
  animate: (v: boolean) => (v ? 'animated' : 'no animation'),
  frames: (v: number) => count(v, 'frame'),
};

/** The documented order of options in a description. */
export const DESCRIPTION_ORDER = Object.keys(PHRASES) as OptionName[];

type Spec<K extends ExperimentName> = SpecByName[K];

/**
 * Per experiment: the parts always shown (stating their options), phrases that read differently
 * there, and the options a given run does not use.
 */
interface Wording<K extends ExperimentName> {
  /** Fixed words before the parts; no option of their own. */
  lead?: string;
  always: (spec: Spec<K>) => SpecPart[];
  phrases?: Partial<Record<keyof Spec<K>, Phrase>>;
  /** Options this spec sets but the run does not use, and why: said beside them, so no line misleads. */
  unused?: (spec: Spec<K>) => Partial<Record<keyof Spec<K>, string>>;
}

/** The Gaussian init's scales do nothing under another init (model/init.ts). */
function unusedScales(spec: { init: string }): { weightScale?: string; biasScale?: string } {
  if (spec.init === 'gaussian') return {};
  const why = `unused by ${spec.init} init`;
  return { weightScale: why, biasScale: why };
}

/** Frames are recorded only for an animation. */
const unusedFrames = (spec: { animate: boolean }) =>
  spec.animate ? {} : { frames: 'unused without animation' };

const dataPart = (dataset: string): SpecPart => ({ keys: ['dataset'], text: PHRASES.dataset(dataset) });

const WORDING: { [K in ExperimentName]: Wording<K> } = {
  train: {
    always: (s) => [
      { keys: ['depth'], text: PHRASES.depth(s.depth) },
      { keys: ['seeds'], text: PHRASES.seeds(s.seeds) },
      dataPart(s.dataset),
    ],
    unused: (s) => ({ ...unusedScales(s), ...unusedFrames(s) }),
  },
  compare: {
    always: (s) => [
      { keys: ['depths'], text: PHRASES.depths(s.depths) },
      { keys: ['seeds'], text: `${PHRASES.seeds(s.seeds)} each` },
      dataPart(s.dataset),
    ],
    unused: (s) => ({ ...unusedScales(s), ...unusedFrames(s) }),
  },
  map: {
    always: (s) => [
      {
        keys: ['depths', 'axis', 'values'],
        // The columns' values even when the axis's own grid is used: they are what the map shows.
        text: `${PHRASES.depths(s.depths)} × ${PHRASES.axis(s.axis)} ${PHRASES.values(mapAxisValues(s))}`,
      },
      { keys: ['seeds'], text: `${PHRASES.seeds(s.seeds)} per cell` },
      dataPart(s.dataset),
    ],
    // Each column sets the option its axis varies (map-axis.ts). The threshold is always used:
    // every cell counts its steps to it, whichever metric colours the map.
    unused: (s) => ({ ...(s.axis === 'init' ? {} : unusedScales(s)), [s.axis]: 'the columns set it' }),
  },
  restarts: {
    always: (s) => [
      {
        keys: ['architectures', 'restarts'],
        text: `${PHRASES.restarts(s.restarts)} each of ${PHRASES.architectures(s.architectures)}`,
      },
      dataPart(s.dataset),
    ],
    // Depth, width and activation shape the one deep architecture; the others are fixed (restarts.ts).
    phrases: {
      depth: (v: number) => `deep net depth ${v}`,
      width: (v: number) => `deep net width ${v}`,
      activation: (v: string) => `deep net ${v} units`,
    },
    unused: (s) => {
      if (s.architectures.includes('deep')) return {};
      const why = 'no deep net in this run';
      return { depth: why, width: why, activation: why };
    },
  },
  landscape: {
    always: (s) => [
      { keys: ['depth'], text: `depth 1 vs depth ${s.depth}, plain and residual` },
      dataPart(s.dataset),
    ],
  },
  lp: {
    lead: 'LP vs gradient descent',
    always: (s) => [dataPart(s.dataset)],
    phrases: { steps: (v: number) => count(v, 'gradient-descent step') },
  },
  hardness: {
    always: (s) => [
      {
        keys: ['sizes', 'dims'],
        text: `exact 3-node training for ${PHRASES.sizes(s.sizes)} in ${PHRASES.dims(s.dims)}`,
      },
    ],
    phrases: {
      restarts: (v: number) => count(v, 'gradient-descent restart'),
      steps: (v: number) => `${count(v, 'step')} per restart`,
    },
  },
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const rank = (part: SpecPart) => Math.min(...part.keys.map((key) => DESCRIPTION_ORDER.indexOf(key)));

/** The parts of a spec's description, in the documented order (the fixed lead, if any, is not a part). */
export function describeParts(spec: ExperimentSpec): SpecPart[] {
  const { experiment, ...values } = spec;
  const wording = WORDING[experiment] as Wording<ExperimentName>;
  const always = wording.always(spec as never);
  const stated = new Set(always.flatMap((part) => part.keys));
  const fields = SPEC_FIELDS[experiment] as Record<string, { default: unknown }>;
  const phrases = (wording.phrases ?? {}) as Partial<Record<string, Phrase>>;
  const unused = (wording.unused?.(spec as never) ?? {}) as Partial<Record<string, string>>;
  const changed = DESCRIPTION_ORDER.filter(
    (key) =>
      Object.hasOwn(fields, key) &&
      !stated.has(key) &&
      !same(values[key as keyof typeof values], fields[key]?.default),
  ).map((key) => {
    const text = (phrases[key] ?? PHRASES[key])(values[key as keyof typeof values]);
    const why = unused[key];
    return { keys: [key], text: why ? `${text} (${why})` : text };
  });
  return [...always, ...changed].sort((a, b) => rank(a) - rank(b));
}

/**
 * One line that says what runs, e.g. "depth 8 · residual · batch norm · 3 seeds · moons data".
 * Parts are joined with a middle dot, since several of them hold comma-separated lists.
 */
export function describeSpec(spec: ExperimentSpec): string {
  const lead = WORDING[spec.experiment].lead;
  return [...(lead ? [lead] : []), ...describeParts(spec).map((part) => part.text)].join(' · ');
}
