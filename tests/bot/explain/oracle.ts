import type { Explanation, RuleId, Sentence } from '../../../src/bot/explain/explain-result.js';
import type {
  CompareResult,
  ExperimentResult,
  HardnessResult,
  LandscapeResult,
  LandscapeVariant,
  LpResult,
  MapCell,
  MapResult,
  RestartGroup,
  RunResult,
} from '../../../src/engine/result.js';

/*
 * The claims audit's INDEPENDENT ORACLE. For every kind of sentence the explainer can say, a
 * predicate that recomputes from the raw result what the sentence claims, numbers and counts
 * included, with its own arithmetic and its own thresholds (nothing here is imported from
 * src/bot/judge or src/bot/explain but the rule names and types). A sentence is reported false
 * only when it is false under every reasonable reading: where the oracle's threshold differs from
 * the explainer's, judgements are three-valued (yes / no / maybe) and the band in between is
 * "maybe", tolerated either way. Each such band is named in a comment where it is defined.
 *
 * Formatting precision of quoted numbers: a quoted number matches a value when it is within half a
 * unit of its own last printed digit (losses 0.693 → ±0.0005, 3e-5 → ±0.5e-5; ratios 0.31 → ±0.005;
 * ms 12.3 → ±0.05), percents within half a percent.
 */

type Loss = 'cross-entropy' | 'mse';
type Tri = 'yes' | 'no' | 'maybe';
type Check = (result: ExperimentResult, sentence: Sentence) => string | undefined;

const LN2 = Math.log(2);
/**
 * The class count K of a result's data, read from its spec: a table's own classes, 2 for the
 * generated shapes. The level of cross-entropy on K classes is ln K (answering 1/K for each).
 */
const classesIn = (result: ExperimentResult): number => tableIn(result)?.classes.length ?? 2;
/** The table a result trained on, as its spec carries it, or undefined for a generated shape. */
const tableIn = (result: ExperimentResult) =>
  (result.spec as { table?: { name: string; classes: unknown[]; rows: unknown[] } }).table;
const levelOf = (loss: Loss, classes = 2) => (loss === 'mse' ? 0.25 : Math.log(classes));
const levelName = (loss: Loss, classes = 2) =>
  loss === 'mse' ? '0.25' : `ln ${classes} ≈ ${Math.log(classes).toFixed(3)}`;

/** A number read from a result that may have been through JSON (NaN and infinity are null there). */
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);
const ok = (v: number) => Number.isFinite(v);
const mean = (xs: readonly number[]) =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;

// ---------------------------------------------------------------------------------------------
// Own thresholds (and the bands tolerated against the explainer's).

/**
 * "Clearly below the no-learning level": the oracle's own definition is 3 % of the level below it;
 * the explainer uses 5 %. Ambiguous band: best loss in [0.95, 0.97) × level. Below 0.95 × level
 * every reading says "learned"; at or above 0.97 × level none does.
 */
const LEARNED_SURE = 0.95;
const LEARNED_ANY = 0.97;
/** "At the level": within 0.01 every reading agrees; beyond 0.015 (the oracle's own) none does. */
const AT_LEVEL_SURE = 0.01;
const AT_LEVEL_ANY = 0.015;
/**
 * "Still falling": the oracle reads the fall over the last 10 % of the steps in two ways (from the
 * first point at or after 90 % of the steps, and from the last point at or before it), relative to
 * the final loss. Still falling for sure when both readings exceed 3 %; surely stopped when neither
 * exceeds 0.2 %. The explainer's 1 % lies in the ambiguous band (0.2 %, 3 %].
 */
const FALLING_SURE = 0.03;
const STOPPED_SURE = 0.002;
/** Same stopping place: spreads up to 0.005 surely are, above 0.02 surely are not (explainer: 0.01). */
const SAME_PLACE_SURE = 0.005;
const SAME_PLACE_ANY = 0.02;

/** Half a unit of the last printed digit of a quoted number. */
function halfUnit(text: string): number {
  const m = /^-?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(text);
  if (!m) return 0;
  const decimals = m[2]?.length ?? 0;
  const exponent = m[3] === undefined ? 0 : Number(m[3]);
  return 0.5 * 10 ** (exponent - decimals);
}

/** The quoted number (as printed) is the value at its printed precision. */
function same(quoted: string | undefined, value: number): boolean {
  if (quoted === undefined) return false;
  if (quoted === 'NaN' || quoted === 'infinite') return !ok(value);
  const q = Number(quoted);
  if (!ok(q) || !ok(value)) return false;
  return Math.abs(q - value) <= halfUnit(quoted) * (1 + 1e-6) + 1e-12 + 1e-9 * Math.abs(value);
}
const samePercent = (quoted: string | undefined, fraction: number) =>
  quoted !== undefined && ok(fraction) && Math.abs(Number(quoted) - 100 * fraction) <= 0.5 + 1e-9;

const NUM = String.raw`(\d+(?:\.\d+)?(?:e[+-]?\d+)?)`;
const re = (source: string) => new RegExp(source.replaceAll('NUM', NUM));
/** The numbers of "a to b" / "a" (a range printed once when both ends print the same). */
function range(text: string | undefined): [string, string] | undefined {
  if (text === undefined) return undefined;
  const m = re(`^NUM(?: to NUM)?$`).exec(text);
  return m ? [m[1]!, m[2] ?? m[1]!] : undefined;
}
const listedNumbers = (text: string) => (text.match(/\d+/g) ?? []).map(Number);

/** Count claim "k" against three-valued judgements: k must lie between the sure and the possible counts. */
function countFits(k: number, tris: readonly Tri[]): boolean {
  const yes = tris.filter((t) => t === 'yes').length;
  const maybe = tris.filter((t) => t === 'maybe').length;
  return k >= yes && k <= yes + maybe;
}
const not = (t: Tri): Tri => (t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'maybe');

// ---------------------------------------------------------------------------------------------
// Facts of one run, computed here.

interface Run {
  depth: number;
  loss: Loss;
  classes: number;
  level: number;
  group: string;
  steps: number[];
  losses: number[];
  first: number;
  best: number;
  bestStep: number;
  final: number;
  accuracy: number;
  overflow: boolean;
  falls: number[];
  /** The drops over the last tenth and the tenth before it, relative to the final loss. */
  pace: { last: number; prior: number };
  /** The fall over the last tenth as a share of the whole fall from step 0, two readings (0 when it did not fall). */
  shares: number[];
  snaps: { step: number; layers: number[] }[];
  saturation: number | undefined;
}

function readRun(run: RunResult, loss: Loss, group = '', classes = 2): Run {
  const steps = run.lossCurve.steps.map(num);
  const losses = (run.lossCurve.losses as unknown[]).map(num);
  const final = num(run.finalLoss);
  let best = Number.POSITIVE_INFINITY;
  let bestStep = 0;
  losses.forEach((l, i) => {
    if (ok(l) && l < best) [best, bestStep] = [l, steps[i] ?? 0];
  });
  if (ok(final) && final < best) [best, bestStep] = [final, steps.at(-1) ?? 0];
  if (!ok(best)) best = Number.NaN;
  const satAtEnd = (run.saturation.atEnd as unknown[]).map(num).filter(ok);
  return {
    depth: run.depth,
    loss,
    classes,
    level: levelOf(loss, classes),
    group,
    steps,
    losses,
    first: losses[0] ?? Number.NaN,
    best,
    bestStep,
    final,
    accuracy: num(run.finalAccuracy),
    overflow: !ok(final) || losses.some((l) => !ok(l)),
    falls: fallReadings(steps, losses),
    pace: paceReadings(steps, losses),
    shares: shareReadings(steps, losses),
    snaps: run.gradientNorms.map((g) => ({ step: g.step, layers: (g.perLayer as unknown[]).map(num) })),
    saturation: satAtEnd.length === 0 ? undefined : mean(satAtEnd),
  };
}

/** The last tenth's fall as a share of the whole fall since step 0, read from two window starts. */
function shareReadings(steps: number[], losses: number[]): number[] {
  const n = losses.length;
  const [start, end] = [losses[0] ?? Number.NaN, losses[n - 1] ?? Number.NaN];
  if (n < 2 || !ok(start) || !ok(end) || !(start > end)) return [0];
  const last = steps[n - 1] ?? 0;
  const after = steps.findIndex((s) => s >= 0.9 * last);
  let before = 0;
  steps.forEach((s, i) => {
    if (s <= 0.9 * last) before = i;
  });
  const share = (i: number) => {
    const from = losses[Math.max(0, Math.min(i, n - 2))] ?? Number.NaN;
    return ok(from) ? Math.max(0, from - end) / (start - end) : 0;
  };
  return [share(after < 0 ? n - 2 : after), share(before)];
}

/** Relative fall over the last tenth of the steps, read from two window starts. */
function fallReadings(steps: number[], losses: number[]): number[] {
  const n = losses.length;
  const end = losses[n - 1] ?? Number.NaN;
  if (n < 2 || !ok(end)) return [0];
  const last = steps[n - 1] ?? 0;
  const after = steps.findIndex((s) => s >= 0.9 * last);
  let before = 0;
  steps.forEach((s, i) => {
    if (s <= 0.9 * last) before = i;
  });
  const rel = (i: number) => {
    const from = losses[Math.max(0, Math.min(i, n - 2))] ?? Number.NaN;
    if (!ok(from)) return 0;
    if (end <= 0) return from > 0 ? Number.POSITIVE_INFINITY : 0;
    return (from - end) / end;
  };
  return [rel(after < 0 ? n - 2 : after), rel(before)];
}

/** The drops over the last two tenths of the steps, each read from the last point at or before its start. */
function paceReadings(steps: number[], losses: number[]): { last: number; prior: number } {
  const n = losses.length;
  const end = losses[n - 1] ?? Number.NaN;
  const lastStep = steps[n - 1] ?? 0;
  const at = (share: number) => {
    let index = 0;
    steps.forEach((s, i) => {
      if (s <= share * lastStep) index = i;
    });
    return losses[Math.min(index, n - 2)] ?? Number.NaN;
  };
  const [a, b] = [at(0.8), at(0.9)];
  if (n < 3 || !ok(end) || !ok(a) || !ok(b) || !(end > 0)) return { last: 0, prior: 0 };
  return { last: (b - end) / end, prior: (a - b) / end };
}

/** The loss was once clearly below the no-learning level (literally; from the start or not). */
const belowEver = (r: Run): Tri =>
  !ok(r.best)
    ? 'no'
    : r.best < LEARNED_SURE * r.level
      ? 'yes'
      : r.best >= LEARNED_ANY * r.level
        ? 'no'
        : 'maybe';
/**
 * It learned: got clearly below the level by moving there. A run that started below the level and
 * barely moved (its best within 1 % of its first loss; surely moved beyond 5 %) learned nothing.
 */
function learnedEver(r: Run): Tri {
  const below = belowEver(r);
  const still = barelyMoved(r);
  if (below === 'no' || still === 'yes') return 'no';
  return below === 'yes' && still === 'no' ? 'yes' : 'maybe';
}
/**
 * Barely moved from its start: surely when its best is within 1 % of its first loss; surely not
 * when it fell by more than 5 % of it AND by more than 5 % of the level in absolute terms (the
 * explainer reads an absolute fall of 0.05 × level; a relative and an absolute reading both count).
 */
function barelyMoved(r: Run): Tri {
  if (!ok(r.first) || !ok(r.best) || r.first <= 0) return 'no';
  const fell = r.first - r.best;
  if (fell / r.first < 0.01 && fell < 0.05 * r.level) return 'yes';
  return fell / r.first > 0.05 && fell > 0.05 * r.level + 1e-9 ? 'no' : 'maybe';
}
/**
 * Restarts only. Settled in place: not still falling, having moved, and its loss fell by at most
 * 0.0005 over the last tenth (both readings; surely not beyond 0.002): at a faster pace as many
 * steps again could carry it past the 0.01 that tells stopping places apart (explainer 0.001).
 */
const settledTri = (r: Run): Tri => {
  const stopped = not(stillFalling(r));
  const moved = not(barelyMoved(r));
  const drops = r.falls.map((f) => f * r.final);
  const slow: Tri = Math.max(...drops) <= 0.0005 ? 'yes' : Math.min(...drops) > 0.002 ? 'no' : 'maybe';
  if (stopped === 'no' || moved === 'no' || slow === 'no') return 'no';
  return stopped === 'yes' && moved === 'yes' && slow === 'yes' ? 'yes' : 'maybe';
};
/** Restarts only: still on its way (not settled in place), counted apart from runs that barely moved. */
const fallingNotUnmoved = (r: Run): Tri =>
  barelyMoved(r) === 'no' ? not(settledTri(r)) : settledTri(r) === 'yes' ? 'no' : 'maybe';
/** It ended having learned: learned, and not back at (or above) the level, not overflowed. */
function endedLearned(r: Run): Tri {
  if (r.overflow || learnedEver(r) === 'no') return 'no';
  if (r.final >= r.level - AT_LEVEL_SURE && r.final - r.best > 0.02 * r.level) return 'no';
  if (r.final >= LEARNED_ANY * r.level) return 'no';
  return learnedEver(r) === 'yes' && r.final < LEARNED_SURE * r.level ? 'yes' : 'maybe';
}
/**
 * A descent that keeps its pace over the last two tenths, however slow, is still falling: surely
 * when the last tenth fell by over 0.05 % of the final loss and by no less than the tenth before;
 * surely not when it fell by at most 0.002 %, or by under half the tenth before (a loss slowing
 * down to settle). The explainer: 0.01 % and 0.8 of the tenth before.
 */
const keepsPace = ({ pace }: Run): Tri =>
  pace.last > 5e-4 && pace.prior > 0 && pace.last >= pace.prior
    ? 'yes'
    : pace.last <= 2e-5 || (pace.prior > 0 && pace.last < 0.5 * pace.prior)
      ? 'no'
      : 'maybe';
const stillFalling = (r: Run): Tri => {
  if (Math.min(...r.falls) > FALLING_SURE || keepsPace(r) === 'yes') return 'yes';
  const wholeFall = ok(r.first) && ok(r.final) ? r.first - r.final : 0;
  const paceStopped = Math.max(...r.shares) <= 0.03 || wholeFall <= 0.001 * r.level;
  return Math.max(...r.falls) <= STOPPED_SURE && paceStopped && keepsPace(r) === 'no' ? 'no' : 'maybe';
};
const atLevel = (loss: number, level: number): Tri =>
  !ok(loss)
    ? 'no'
    : Math.abs(loss - level) <= AT_LEVEL_SURE
      ? 'yes'
      : Math.abs(loss - level) > AT_LEVEL_ANY
        ? 'no'
        : 'maybe';
/**
 * Overshot: the full-batch loss rose above a lower value it had reached and ended well above its
 * best. Surely when the final is more than 0.08 × level above the best (a rise at least that big
 * came before it); surely not within 0.02 × level of it (explainer: 0.05 × level).
 */
function overshot(r: Run): Tri {
  if (r.overflow || !ok(r.best)) return 'no';
  if (r.final > r.best + 0.08 * r.level) return 'yes';
  return r.final <= r.best + 0.02 * r.level ? 'no' : 'maybe';
}

const unstable = (r: Run): Tri => (r.overflow ? 'yes' : overshot(r));

/** Every way to read a jump: a low so far (before index j) and the loss at j. */
function jumps(r: Run): { from: number; to: number; step: number }[] {
  const out: { from: number; to: number; step: number }[] = [];
  let low = Number.POSITIVE_INFINITY;
  r.losses.forEach((l, i) => {
    if (!ok(l)) return;
    if (l > low) out.push({ from: low, to: l, step: r.steps[i] ?? 0 });
    low = Math.min(low, l);
  });
  return out;
}

/** Ratio of the first to the last layer's gradient at step 0, two readings over seeds. */
function initialRatios(runs: readonly Run[]): number[] {
  const ends = runs
    .map((r) => r.snaps.find((s) => s.step === 0)?.layers ?? [])
    .filter((l) => l.length >= 2 && ok(l[0]!) && ok(l.at(-1)!) && l.at(-1)! > 0);
  if (ends.length === 0) return [];
  return [
    mean(ends.map((l) => l[0]!)) / mean(ends.map((l) => l.at(-1)!)),
    mean(ends.map((l) => l[0]! / l.at(-1)!)),
  ];
}
const seedRatio = (r: Run) => {
  const l = r.snaps.find((s) => s.step === 0)?.layers ?? [];
  return l.length >= 2 ? l[0]! / l.at(-1)! : Number.NaN;
};
const snapRatios = (r: Run) =>
  r.snaps.map((s) => (s.layers[0] ?? Number.NaN) / (s.layers.at(-1) ?? Number.NaN));

// ---------------------------------------------------------------------------------------------
// Views of a result.

function runsOf(result: ExperimentResult): Run[] {
  switch (result.experiment) {
    case 'train':
    case 'compare':
      return result.runs.map((r) => readRun(r, result.spec.loss, '', classesIn(result)));
    case 'restarts':
      return result.groups.flatMap((g) =>
        g.runs.map((r) => readRun(r, g.loss, groupKey(g), classesIn(result))),
      );
    default:
      return [];
  }
}
const groupKey = (g: RestartGroup) => (g.architecture === 'deep' ? `deep-${g.depth}` : g.architecture);
const depthsOf = (runs: readonly Run[]) => [...new Set(runs.map((r) => r.depth))].sort((a, b) => a - b);
const atDepth = (runs: readonly Run[], depth: number) => runs.filter((r) => r.depth === depth);
const finiteMean = (runs: readonly Run[]) => mean(runs.map((r) => r.final).filter(ok));

/** The depths listed in "depth 4" / "depths 1, 2 and 8". */
const depthList = (text: string | undefined) => (text === undefined ? [] : listedNumbers(text));
const sameSet = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length &&
  [...a].sort((x, y) => x - y).every((v, i) => v === [...b].sort((x, y) => x - y)[i]);

/** "all 4" or "2 of 4". */
function share(text: string | undefined): { k: number; n: number } | undefined {
  if (text === undefined) return undefined;
  if (text === 'the only') return { k: 1, n: 1 };
  const all = /^all (\d+)$/.exec(text);
  if (all) return { k: Number(all[1]), n: Number(all[1]) };
  const m = /^(\d+) of (\d+)$/.exec(text);
  return m ? { k: Number(m[1]), n: Number(m[2]) } : undefined;
}

const fail = (good: boolean, why: string) => (good ? undefined : why);
/** Every problem found, joined (undefined when there is none). */
const first = (...problems: (string | undefined)[]) => {
  const found = problems.filter((p): p is string => p !== undefined);
  return found.length > 0 ? found.join('; ') : undefined;
};

// ---------------------------------------------------------------------------------------------
// Sentences shared by several experiments.

/** "With tanh units, He init and Adam, …": every fix named must be in the spec. */
function setupProblem(result: ExperimentResult, text: string): string | undefined {
  const m = /^With (\w+) units((?:, [A-Za-z ]+?)*?(?: and [A-Za-z ]+?)?), (?:the |mean final|no depth)/.exec(
    text,
  );
  if (!m || !('activation' in result.spec)) return undefined;
  const spec = result.spec as {
    activation: string;
    init?: string;
    normalization?: string;
    residual?: boolean;
    optimizer?: string;
  };
  const items = (m[2] ?? '').split(/, | and /).filter((s) => s.length > 0);
  const known: Record<string, boolean> = {
    'He init': spec.init === 'he',
    'orthogonal init': spec.init === 'orthogonal',
    'batch normalization': spec.normalization === 'batch',
    'layer normalization': spec.normalization === 'layer',
    'residual connections': spec.residual === true,
    Adam: spec.optimizer === 'adam',
  };
  if (items.some((i) => !(i in known))) return undefined;
  if (m[1] !== spec.activation) return `names ${m[1]} units, the spec has ${spec.activation}`;
  const wrong = items.filter((i) => !known[i]);
  return wrong.length > 0 ? `names ${wrong.join(', ')}, which the spec does not use` : undefined;
}

/** A landscape net's loss at its initial weights: the line slice at position 0. */
const pathStart = (v: LandscapeVariant) =>
  num(v.line.losses[v.line.positions.findIndex((p) => Math.abs(num(p)) < 1e-6)]);

/**
 * A landscape net blew up: it overflowed, or it ended above ln 2 and above its start on the path
 * (surely: by 0.08 × ln 2 over both; surely not: within 0.02 × ln 2 of the level or 0.01 × ln 2 of
 * its start. The explainer: 0.05 above the level and 0.05 × level above the start).
 */
function blewUp(v: LandscapeVariant): Tri {
  const final = num(v.finalLoss);
  if (!ok(final)) return 'yes';
  const level = Math.LN2;
  const start = pathStart(v);
  if (!ok(start)) return final <= level + 0.02 * level ? 'no' : 'maybe';
  if (final > level + 0.08 * level && final > start + 0.08 * level) return 'yes';
  return final <= level + 0.02 * level || final <= start + 0.01 * level ? 'no' : 'maybe';
}

/** Step-size sentences of train, compare and restarts (landscape has its own wording). */
const stepOvershoot: Check = (result, s) => {
  if (result.experiment === 'landscape') {
    const blown = result.variants.filter((v) => blewUp(v) !== 'no');
    if (blown.length === 0) return 'no variant overflowed or blew up';
    if (/every net/.test(s.text))
      return fail(
        result.variants.every((v) => blewUp(v) !== 'no'),
        'not every net overflowed or blew up',
      );
    const part =
      /(?:for|blew up) (the .*?)(?:, so|: (?:it|each) (?:overflowed or )?ended)/.exec(s.text)?.[1] ?? '';
    const named = result.variants.filter((v) => part.includes(v.label));
    const problems = [
      fail(named.length > 0 && named.every((v) => blewUp(v) !== 'no'), 'a named net did not blow up'),
      fail(
        result.variants.every((v) => named.includes(v) || blewUp(v) !== 'yes'),
        'a net that blew up is not named',
      ),
    ];
    if (/overflowed to infinity \(NaN\) for/.test(s.text))
      problems.push(
        fail(
          named.every((v) => !ok(num(v.finalLoss))),
          'a net said to overflow has a finite loss',
        ),
      );
    for (const [, label, from, to] of s.text.matchAll(
      new RegExp(String.raw`the (.+?) net \(${NUM} → ${NUM}\)`, 'g'),
    )) {
      const v = result.variants.find((x) => x.label === label);
      problems.push(
        fail(
          !!v && same(from, pathStart(v)) && same(to, num(v.finalLoss)),
          `the ${label} net's ends are not ${from} → ${to}`,
        ),
      );
    }
    return first(...problems);
  }
  const runs = runsOf(result);
  const problems: string[] = [];
  const nan = re(
    String.raw`[Ii]n (all \d+|\d+ of \d+|the only) runs? \((depths? [\d, and]+)\) the loss overflowed`,
  ).exec(s.text);
  if (nan) {
    const sh = share(nan[1]);
    const overflowed = runs.filter((r) => r.overflow);
    if (!sh || sh.n !== runs.length || sh.k !== overflowed.length)
      problems.push(`says ${nan[1]} runs overflowed; ${overflowed.length} of ${runs.length} did`);
    if (!sameSet(depthList(nan[2]), depthsOf(overflowed)))
      problems.push(`overflow depths quoted ${nan[2]}, are ${depthsOf(overflowed).join(', ')}`);
  }
  const above = re(
    String.raw`[Ii]n (all \d+|\d+ of \d+|the only) runs? \((depths? [\d, and]+)\) the loss ended at (NUM(?: to NUM)?), above (?:ln \d ≈ \d\.\d{3}|0\.25|their no-learning level)[^,;]* (?:after having been lower|and more than NUM above the lowest value it had reached)(?:, the largest (?:jump|rise) from NUM to NUM(?: at step \d+)?)?`,
  ).exec(s.text);
  if (above) {
    const sh = share(above[1]);
    const tris = runs.map(overshot);
    // "by more than X": every run counted ended more than X above its level (checked on the lowest quoted).
    const margin = /above [^,;]*? by more than ([\d.]+) (?:after|and more than)/.exec(s.text)?.[1];
    const lowest = Number(/ended at (\d+(?:\.\d+)?(?:e[+-]?\d+)?)/.exec(above[0])?.[1]);
    if (margin !== undefined && !(lowest > Math.min(...runs.map((r) => r.level)) + Number(margin) - 1e-3))
      problems.push(
        `says the runs ended more than ${margin} above the level; the lowest quoted is ${lowest}`,
      );
    if (!sh || sh.n !== runs.length || !countFits(sh.k, tris))
      problems.push(
        `says ${above[1]} runs ended above the level after being lower; ${tris.filter((t) => t === 'yes').length} surely and ${tris.filter((t) => t === 'maybe').length} maybe of ${runs.length}`,
      );
    const possible = runs.filter((r) => overshot(r) !== 'no');
    const sure = runs.filter((r) => overshot(r) === 'yes');
    const depths = depthList(above[2]);
    if (
      !depths.every((d) => possible.some((r) => r.depth === d)) ||
      !sure.every((r) => depths.includes(r.depth))
    )
      problems.push(`overshoot depths quoted ${above[2]} do not fit the runs`);
    const [lo, hi] = range(above[3]) ?? [];
    if (!possible.some((r) => same(lo, r.final)) || !possible.some((r) => same(hi, r.final)))
      problems.push(`final range ${above[3]} is not the final loss of runs that ended above the level`);
    if (above[6] !== undefined && !same(above[6], 0.05 * Math.min(...possible.map((r) => r.level))))
      problems.push(`quotes a margin of ${above[6]} above the lowest loss, not 5 % of the level`);
    if (above[7] !== undefined) {
      const quotedJump = possible.some((r) =>
        jumps(r).some((j) => same(above[7], j.from) && same(above[8], j.to)),
      );
      if (!quotedJump)
        problems.push(`no such jump from ${above[7]} to ${above[8]} in a run that ended above the level`);
    }
  }
  const rise = re(
    String.raw`[Ii]n (all \d+|\d+ of \d+|the only) runs? \((depths? [\d, and]+)\) the loss rose well above the lowest value it had reached and ended more than NUM above it \(final (NUM(?: to NUM)?)\), the largest rise from NUM to NUM at step (\d+)(?:; (it|each|\d+ of them) had first got clearly below (?:ln \d ≈ \d\.\d{3}|0\.25 \([^)]*\)|their no-learning level) \(lowest NUM at step (\d+)\))?`,
  ).exec(s.text);
  if (rise) {
    const sh = share(rise[1]);
    const tris = runs.map(overshot);
    if (!sh || sh.n !== runs.length || !countFits(sh.k, tris))
      problems.push(
        `says ${rise[1]} runs rose and ended well above their lowest loss; ${tris.filter((t) => t === 'yes').length} surely and ${tris.filter((t) => t === 'maybe').length} maybe of ${runs.length}`,
      );
    const possible = runs.filter((r) => overshot(r) !== 'no');
    const depths = depthList(rise[2]);
    if (
      !depths.every((d) => possible.some((r) => r.depth === d)) ||
      !runs.filter((r) => overshot(r) === 'yes').every((r) => depths.includes(r.depth))
    )
      problems.push(`depths quoted ${rise[2]} do not fit the runs that rose`);
    const margin = Number(rise[3]);
    // The margin is 5 % of the no-learning level (the smallest level among the runs counted).
    const levels = possible.map((r) => r.level);
    if (levels.length > 0 && !same(rise[3], 0.05 * Math.min(...levels)))
      problems.push(`quotes a margin of ${rise[3]}, not 5 % of the no-learning level`);
    if (
      possible.some((r) => overshot(r) === 'yes' && !(r.final - r.best > margin - halfUnit(rise[3]!) - 1e-9))
    )
      problems.push(`a counted run ended less than ${rise[3]} above its lowest loss`);
    const [lo, hi] = range(rise[4]) ?? [];
    if (!possible.some((r) => same(lo, r.final)) || !possible.some((r) => same(hi, r.final)))
      problems.push(`final range ${rise[4]} is not the final loss of runs that rose`);
    if (
      !possible.some((r) =>
        jumps(r).some((j) => same(rise[7], j.from) && same(rise[8], j.to) && j.step === Number(rise[9])),
      )
    )
      problems.push(`no run rose from ${rise[7]} to ${rise[8]} at step ${rise[9]}`);
    if (rise[10] !== undefined) {
      const lowRun = possible.find((r) => same(rise[11], r.best) && r.bestStep === Number(rise[12]));
      if (!lowRun || !(lowRun.best < LEARNED_ANY * lowRun.level))
        problems.push(`no run that rose had got clearly below its level at ${rise[11]} (step ${rise[12]})`);
    }
  }
  if (!nan && !above && !rise) problems.push('no overflow or overshoot clause recognized');
  return problems.length > 0 ? problems.join('; ') : undefined;
};

/** The clean pattern "every shallower depth stable, every deeper depth blew up" in a compare. */
function stabilityShrinks(result: ExperimentResult): boolean {
  if (result.experiment !== 'compare' && result.experiment !== 'restarts') return false;
  const runs = runsOf(result);
  const depths = depthsOf(runs);
  const bad = (d: number) => atDepth(runs, d).some((r) => unstable(r) === 'yes');
  // Surely stable: no overflow, no overshoot, and not above the level by 0.03.
  const good = (d: number) =>
    atDepth(runs, d).every((r) => unstable(r) === 'no' && ok(r.final) && r.final <= r.level + 0.03);
  return depths.some((cut) => cut > depths[0]! && depths.every((d) => (d < cut ? good(d) : bad(d))));
}

const stepSizeFix: Check = (result, s) => {
  if (result.experiment === 'landscape')
    return first(
      fail(
        result.variants.some((v) => blewUp(v) !== 'no'),
        'no net overflowed or blew up',
      ),
      fail(
        !result.variants.some(
          (v) =>
            blewUp(v) === 'no' &&
            (num(v.finalLoss) < Math.LN2 - 0.01 || num(v.finalLoss) < pathStart(v) - 0.01) &&
            result.variants.some((b) => blewUp(b) === 'yes' && b.depth > v.depth),
        ),
        'a shallower net took the same step without blowing up: the contrast is depth, not the rate alone',
      ),
      fail(s.text.includes(`learning rate ${result.spec.learningRate})`), 'quotes another learning rate'),
    );
  const runs = runsOf(result);
  const rate = 'learningRate' in result.spec ? result.spec.learningRate : undefined;
  return first(
    fail(
      runs.some((r) => unstable(r) !== 'no'),
      'no run overflowed or ended above the level',
    ),
    fail(rate === undefined || s.text.includes(`(learning rate ${rate})`), 'quotes another learning rate'),
    fail(
      !stabilityShrinks(result),
      'only the deeper nets blew up at this rate: the largest stable step shrinks with depth, yet the sentence says the runs cannot show what depth does',
    ),
  );
};

const stableStepShrinks: Check = (result, s) => {
  if (result.experiment === 'landscape') {
    const m = /At the same learning rate \(([\d.e-]+)\) (.*) did not blow up/.exec(s.text);
    if (!m) return 'sentence not recognized';
    const steady = [...m[2]!.matchAll(/the depth-(\d+) (.+?) net/g)].map(([, d, label]) =>
      result.variants.find((v) => v.label === label && v.depth === Number(d)),
    );
    const blown = result.variants.filter((v) => blewUp(v) === 'yes');
    return first(
      fail(Number(m[1]) === result.spec.learningRate, 'quotes another learning rate'),
      fail(
        steady.length > 0 && steady.every((v) => v !== undefined && blewUp(v) === 'no'),
        'a net called steady blew up',
      ),
      fail(
        blown.length > 0 && steady.every((v) => v !== undefined && blown.every((b) => b.depth > v.depth)),
        'no deeper net surely blew up',
      ),
    );
  }
  // A sweep, or restarts of nets of several depths (one neuron, the 3-node net, a deep net).
  if (result.experiment !== 'compare' && result.experiment !== 'restarts')
    return 'not a run with several depths';
  const m =
    /At this step size \(learning rate ([\d.e-]+)\) (depths? [\d, and]+) trained without overshooting and (depths? [\d, and]+) did not/.exec(
      s.text,
    ) ??
    /At this step size \(learning rate ([\d.e-]+)\) (depths? [\d, and]+) neither overflowed nor ended above their no-learning level or well above their lowest loss, while (depths? [\d, and]+) did/.exec(
      s.text,
    );
  if (!m) return 'sentence not recognized';
  const runs = runsOf(result);
  const stable = depthList(m[2]);
  const shaky = depthList(m[3]);
  return first(
    fail(Number(m[1]) === result.spec.learningRate, 'quotes another learning rate'),
    fail(sameSet([...stable, ...shaky], depthsOf(runs)), 'the depths named are not the sweep'),
    fail(
      stable.every((d) =>
        atDepth(runs, d).every((r) => unstable(r) !== 'yes' && !(r.final > r.level + 0.08)),
      ),
      'a depth called stable overflowed, overshot or ended above its level',
    ),
    fail(
      shaky.every((d) => atDepth(runs, d).some((r) => unstable(r) !== 'no')),
      'a depth called unstable trained stably',
    ),
    fail(Math.max(...stable) < Math.min(...shaky), 'the stable depths are not all shallower'),
  );
};

const overflowAtInit: Check = (result, s) => {
  const runs = runsOf(result).filter((r) => r.overflow || overshot(r) !== 'no');
  // The oracle calls a start overflowed at 100 or more (explainer: 1000); the number is checked as printed.
  const atInit = runs.filter((r) => !ok(r.first) || r.first >= 100);
  if (atInit.length === 0) return 'no run started with an overflowing loss';
  const m = /already (infinite|\d(?:\.\d+)?e[+-]?\d+) before/.exec(s.text);
  if (!m) return 'number not recognized';
  if (m[1] === 'infinite')
    return fail(
      atInit.some((r) => !ok(r.first)),
      'no start was infinite',
    );
  return fail(
    atInit.some((r) => same(m[1], r.first)),
    `no run started at ${m[1]}`,
  );
};

/** "In k of n runs (depths …) the loss first jumped, the largest jump from A to B at step S, and it ended at C". */
const spikeSettled: Check = (result, s) => {
  const runs = runsOf(result);
  const m = re(
    String.raw`^In (all \d+|\d+ of \d+|the only) runs? \((depths? [\d, and]+)\) the loss first jumped, the largest jump from NUM to NUM at step (\d+), and it ended at NUM`,
  ).exec(s.text);
  if (!m) return 'sentence not recognized';
  // A jump: a rise of more than 0.3 × level above the lowest loss before it, to above the level.
  const jumped = (r: Run) => jumps(r).some((j) => j.to > r.level && j.to - j.from > 0.3 * r.level);
  const sh = share(m[1]);
  const candidates = runs.filter(jumped);
  return first(
    fail(
      !!sh && sh.n === runs.length && sh.k <= candidates.length && sh.k > 0,
      `says ${m[1]} runs jumped; ${candidates.length} did`,
    ),
    fail(
      candidates.some(
        (r) =>
          jumps(r).some((j) => same(m[3], j.from) && same(m[4], j.to)) &&
          same(m[6], r.final) &&
          r.steps.includes(Number(m[5])),
      ),
      `no run jumped from ${m[3]} to ${m[4]} at step ${m[5]} and ended at ${m[6]}`,
    ),
    fail(
      depthList(m[2]).every((d) => candidates.some((r) => r.depth === d)),
      'a named depth has no run that jumped',
    ),
  );
};

const spikeRecovered: Check = (result, s) => {
  const runs = runsOf(result);
  const m = re(
    String.raw`^In (all \d+|\d+ of \d+|the only) runs? \((depths? [\d, and]+)\) the loss (?:jumped from NUM to NUM at step (\d+) and recovered to NUM|jumped up and recovered, the largest jump from NUM to NUM at step (\d+) in a run that ended at NUM)`,
  ).exec(s.text);
  if (!m) return 'sentence not recognized';
  const [from, to, step, end] = m[3] !== undefined ? [m[3], m[4], m[5], m[6]] : [m[7], m[8], m[9], m[10]];
  // Spike: a rise of more than 0.3 × level (explainer 0.5 ×) to above the level, surely above 0.6 ×.
  const spike = (r: Run): Tri => {
    const big = jumps(r).filter((j) => j.to > r.level - AT_LEVEL_ANY);
    const rise = Math.max(0, ...big.map((j) => j.to - j.from));
    return rise > 0.6 * r.level ? 'yes' : rise > 0.3 * r.level ? 'maybe' : 'no';
  };
  // Recovered: ended having learned, surely within 0.03 of the low before its largest jump; not beyond 0.15.
  const recovered = (r: Run): Tri => {
    const sp = spike(r);
    const el = endedLearned(r);
    const big = jumps(r)
      .filter((j) => j.to > r.level - AT_LEVEL_ANY)
      .sort((a, b) => b.to - b.from - (a.to - a.from))[0];
    const back = !big
      ? 'no'
      : r.final <= big.from + 0.03
        ? 'yes'
        : r.final <= big.from + 0.15
          ? 'maybe'
          : 'no';
    // A run that ended well above its best overshot: it did not recover, whatever its jump.
    const over = overshot(r);
    if (sp === 'no' || el === 'no' || back === 'no' || over === 'yes') return 'no';
    return sp === 'yes' && el === 'yes' && back === 'yes' && over === 'no' ? 'yes' : 'maybe';
  };
  const sh = share(m[1]);
  const tris = runs.map(recovered);
  const possible = runs.filter((r) => recovered(r) !== 'no');
  const depths = depthList(m[2]);
  return first(
    fail(
      !!sh && sh.n === runs.length && countFits(sh.k, tris),
      `says ${m[1]} runs spiked and recovered; ${tris.filter((t) => t === 'yes').length} surely, ${tris.filter((t) => t === 'maybe').length} maybe, of ${runs.length}`,
    ),
    fail(
      depths.every((d) => possible.some((r) => r.depth === d)),
      `a depth in "${m[2]}" has no run that spiked and recovered`,
    ),
    fail(
      possible.some(
        (r) =>
          same(end, r.final) &&
          jumps(r).some((j) => same(from, j.from) && same(to, j.to) && j.step === Number(step)),
      ),
      `no run that recovered jumped from ${from} to ${to} at step ${step} and ended at ${end}`,
    ),
  );
};

// ---------------------------------------------------------------------------------------------
// train: outcome, collapse, capacity, gradients, saturation.

/** Depth 0 is one neuron on two classes, one layer of K output units on more. */
const modelName = (depth: number, classes: number) =>
  depth > 0
    ? `the depth-${depth} network`
    : classes === 2
      ? 'the single neuron'
      : `the single layer (${classes} output units, no hidden layer)`;

function outcomeCheck(
  result: ExperimentResult,
  s: Sentence,
  kind: 'reached' | 'never' | 'some',
): string | undefined {
  if (result.experiment !== 'train') return 'not a train run';
  const runs = runsOf(result);
  const n = runs.length;
  const problems: string[] = [];
  if (!s.text.toLowerCase().includes(modelName(result.spec.depth, classesIn(result))))
    problems.push('names another model than the spec');
  const meanAcc = /accuracy (\d+)%/.exec(s.text)?.[1];
  if (meanAcc !== undefined && !samePercent(meanAcc, mean(runs.map((r) => r.accuracy))))
    problems.push(
      `mean accuracy quoted ${meanAcc}%, is ${(100 * mean(runs.map((r) => r.accuracy))).toFixed(1)}%`,
    );
  const finals = runs.map((r) => r.final);
  const rangeFits = (text: string | undefined, pool: Run[], all: Run[]) => {
    const [lo, hi] = range(text) ?? [];
    return (
      pool.some((r) => same(lo, r.final)) &&
      pool.some((r) => same(hi, r.final)) &&
      all.every(
        (r) =>
          r.final >= Number(lo) - halfUnit(lo ?? '0') - 1e-12 &&
          r.final <= Number(hi) + halfUnit(hi ?? '0') + 1e-12,
      )
    );
  };
  if (kind === 'reached') {
    const m = re(
      String.raw`learned on (its seed|both seeds|all (\d+) seeds): final loss (NUM(?: to NUM)?) \(mean accuracy \d+%(?:, chance \d+%)?\) after (\d+) steps?(?:; (it was|all were|(\d+) of (\d+) were) still falling)?`,
    ).exec(s.text);
    if (!m) return 'sentence not recognized';
    const quotedN = m[1] === 'both seeds' ? 2 : m[2] === undefined ? 1 : Number(m[2]);
    if (quotedN !== n) problems.push(`says ${quotedN} seeds, the run has ${n}`);
    const bad = runs.filter((r) => endedLearned(r) === 'no');
    if (bad.length > 0)
      problems.push(
        `says every seed learned, but ${bad.length} of ${n} did not end clearly below ${levelName(runs[0]!.loss, runs[0]!.classes)} (finals ${bad.map((r) => r.final.toFixed(3)).join(', ')}; best ${bad.map((r) => r.best.toFixed(3)).join(', ')})`,
      );
    if (!rangeFits(m[3], runs, runs))
      problems.push(
        `final range ${m[3]} is not the seeds' (${Math.min(...finals)} to ${Math.max(...finals)})`,
      );
    if (Number(m[6]) !== result.spec.steps)
      problems.push(`quotes ${m[6]} steps, spec has ${result.spec.steps}`);
    const falling = m[7] === undefined ? 0 : m[7] === 'it was' || m[7] === 'all were' ? n : Number(m[8]);
    if (!countFits(falling, runs.map(stillFalling)))
      problems.push(
        `says ${falling} of ${n} still falling; falls over the last tenth: ${runs.map((r) => r.falls.map((f) => f.toFixed(3)).join('/')).join(', ')}`,
      );
  } else if (kind === 'never' && /barely moved on/.test(s.text)) {
    const m = re(
      String.raw`barely moved on (its seed|any of its (\d+) seeds): the loss fell by less than NUM from where it started \(start (NUM(?: to NUM)?), final (NUM(?: to NUM)?); mean accuracy \d+%(?:, chance \d+%)?\), so nothing was learned in (\d+) steps?`,
    ).exec(s.text);
    if (!m) return 'sentence not recognized';
    const quotedN = m[2] === undefined ? 1 : Number(m[2]);
    if (quotedN !== n) problems.push(`says ${quotedN} seeds, the run has ${n}`);
    const bound = Number(m[3]) + halfUnit(m[3]!);
    const fell = runs.filter((r) => !(r.first - r.best < bound));
    if (fell.length > 0)
      problems.push(
        `says every seed fell by less than ${m[3]}, but ${fell.length} fell by ${fell.map((r) => (r.first - r.best).toFixed(3)).join(', ')}`,
      );
    const [s0, s1] = range(m[4]) ?? [];
    if (!runs.some((r) => same(s0, r.first)) || !runs.some((r) => same(s1, r.first)))
      problems.push(`start range ${m[4]} is not the seeds' first losses`);
    if (!rangeFits(m[7], runs, runs)) problems.push(`final range ${m[7]} is not the seeds'`);
    if (Number(m[10]) !== result.spec.steps)
      problems.push(`quotes ${m[10]} steps, spec has ${result.spec.steps}`);
  } else if (kind === 'never') {
    const m = re(
      String.raw`did not learn in (\d+) steps? on (its seed|any of its (\d+) seeds): the loss never got clearly below .*? \(lowest NUM, final (NUM(?: to NUM)?); mean accuracy \d+%(?:, chance \d+%)?\)`,
    ).exec(s.text);
    if (!m) return 'sentence not recognized';
    if (Number(m[1]) !== result.spec.steps)
      problems.push(`quotes ${m[1]} steps, spec has ${result.spec.steps}`);
    const quotedN = m[3] === undefined ? 1 : Number(m[3]);
    if (quotedN !== n) problems.push(`says ${quotedN} seeds, the run has ${n}`);
    const confident = /; yet (?:it|they) already classified (\d+)% of the points correctly/.exec(s.text);
    const accuracy = mean(runs.map((r) => r.accuracy));
    if (confident && !(samePercent(confident[1]!, accuracy) && accuracy >= 0.88))
      problems.push(`says the seeds classified ${confident[1]}% correctly; mean accuracy ${accuracy}`);
    if (!confident && accuracy >= 0.92)
      problems.push(`a mean accuracy of ${(100 * accuracy).toFixed(0)}% goes unsaid beside "did not learn"`);
    const learned = runs.filter((r) => belowEver(r) === 'yes');
    if (learned.length > 0)
      problems.push(
        `says no seed got clearly below the level, but ${learned.length} reached ${learned.map((r) => r.best.toFixed(3)).join(', ')}`,
      );
    if (!same(m[4], Math.min(...runs.map((r) => r.best))))
      problems.push(`lowest quoted ${m[4]}, is ${Math.min(...runs.map((r) => r.best))}`);
    if (!rangeFits(m[5], runs, runs)) problems.push(`final range ${m[5]} is not the seeds'`);
    const falling = /; (\d+) of them (?:was|were) still falling when training stopped/.exec(s.text);
    if (falling && !countFits(Number(falling[1]), runs.map(stillFalling)))
      problems.push(
        `says ${falling[1]} still falling; falls ${runs.map((r) => Math.max(...r.falls).toFixed(3)).join(', ')}`,
      );
  } else {
    const learnedPart = re(String.raw`learned on (\d+) of (\d+) seeds \(final (NUM(?: to NUM)?)\)`).exec(
      s.text,
    );
    const neverPart = /never got clearly below (?:ln \d ≈ \d\.\d{3}|0\.25 \([^)]*\)) on (\d+)/.exec(s.text);
    const k = learnedPart ? Number(learnedPart[1]) : 0;
    if (learnedPart && Number(learnedPart[2]) !== n)
      problems.push(`says ${learnedPart[2]} seeds, the run has ${n}`);
    const unmovedPart = /barely moved from where it started on (\d+)/.exec(s.text);
    // The seeds that barely moved may be counted apart from those that never got below the level.
    const unmovedBelow = runs.filter((r) => barelyMoved(r) === 'yes' && belowEver(r) === 'yes').length;
    if (
      unmovedPart &&
      (Number(unmovedPart[1]) < unmovedBelow ||
        !countFits(
          Number(unmovedPart[1]),
          runs.map((r) => (barelyMoved(r) === 'no' ? 'no' : 'maybe')),
        ))
    )
      problems.push(
        `says ${unmovedPart[1]} barely moved; each moved ${runs.map((r) => ((r.first - r.best) / r.first).toFixed(3)).join(', ')} of its start`,
      );
    // A seed that barely moved from its start did not learn, whatever its loss: 'maybe' when it may have.
    const learnedTris = runs.map((r) =>
      barelyMoved(r) === 'no' ? endedLearned(r) : endedLearned(r) === 'no' ? 'no' : 'maybe',
    );
    if (!countFits(k, learnedTris))
      problems.push(
        `says ${k} of ${n} learned; per seed (best/final): ${runs.map((r) => `${r.best.toFixed(3)}/${r.final.toFixed(3)}`).join(', ')}`,
      );
    if (
      learnedPart &&
      !rangeFits(
        learnedPart[3],
        runs.filter((r) => endedLearned(r) !== 'no'),
        runs.filter((r) => endedLearned(r) === 'yes'),
      )
    )
      problems.push(`final range ${learnedPart[3]} is not that of the seeds that learned`);
    const never = neverPart ? Number(neverPart[1]) : 0;
    if (
      !countFits(
        never,
        runs.map((r) => not(belowEver(r))),
      )
    )
      problems.push(
        `says ${never} never got clearly below the level; bests ${runs.map((r) => r.best.toFixed(3)).join(', ')}`,
      );
    if (k === n || never === n) problems.push('a split outcome with every seed on one side');
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}

const NOT_SEPARABLE = new Set(['xor', 'circles', 'spiral']);

const capacityCheck: Check = (result, s) => {
  if (result.experiment !== 'train' && result.experiment !== 'compare') return 'not a train or compare run';
  const { spec } = result;
  const named = /no straight line separates (\w+)/.exec(s.text)?.[1];
  const runs = runsOf(result);
  // One unit per layer and no skips: the output is a monotone function of one projection, one line.
  const widthOne = spec.width === 1 && !spec.residual;
  const linear =
    result.experiment === 'train'
      ? spec.activation === 'linear' || result.spec.depth === 0 || widthOne
      : spec.activation === 'linear' || result.spec.depths.includes(0) || widthOne;
  const concerned =
    result.experiment === 'train' || spec.activation === 'linear' || widthOne
      ? runs
      : runs.filter((r) => r.depth === 0);
  const depthNamed = /the depth-(\d+) network/.exec(s.text)?.[1];
  return first(
    fail(tableIn(result) === undefined, 'a capacity cause on a table, whose geometry the run does not show'),
    fail(named === spec.dataset, `names ${named}, the data set is ${spec.dataset}`),
    fail(NOT_SEPARABLE.has(spec.dataset), `${spec.dataset} is not a data set no line separates`),
    fail(linear, 'the model is neither linear nor a single neuron'),
    fail(
      depthNamed === undefined || (result.experiment === 'train' && Number(depthNamed) === result.spec.depth),
      'names another depth',
    ),
    fail(
      /every depth here/.test(s.text) ? spec.activation === 'linear' || widthOne : true,
      '"every depth" but the units are not linear',
    ),
    fail(
      !/[Ww]ith linear units/.test(s.text) || spec.activation === 'linear',
      `says linear units; they are ${spec.activation}`,
    ),
    fail(
      !concerned.every((r) => r.accuracy >= 0.99),
      'the linear model fitted every point: nothing failed for want of capacity',
    ),
  );
};

const separableCheck: Check = (result, s) => {
  const runs =
    result.experiment === 'restarts' ? runsOf(result).filter((r) => r.group === 'neuron') : runsOf(result);
  const m = re(String.raw`\((it ended at NUM|they ended between NUM and NUM)(, still falling)?\)`).exec(
    s.text,
  );
  if (!m) return 'sentence not recognized';
  const n = runs.length;
  const who = /^(The run|Both runs|All (\d+) runs) classif/.exec(s.text);
  const quotedN = who?.[1] === 'The run' ? 1 : who?.[1] === 'Both runs' ? 2 : Number(who?.[2]);
  const finals = runs.map((r) => r.final);
  return first(
    fail(quotedN === n, `says ${quotedN} runs, there are ${n}`),
    fail(runs.length > 0 && runs.every((r) => r.accuracy === 1), 'some run misclassifies a point'),
    fail(
      runs.every((r) => r.loss === 'cross-entropy'),
      'not cross-entropy',
    ),
    fail(
      runs.every((r) => r.depth === 0),
      'not a single neuron',
    ),
    m[2] !== undefined ? fail(same(m[2], finals[0]!), `final quoted ${m[2]}`) : undefined,
    m[3] !== undefined
      ? fail(
          same(m[3], Math.min(...finals)) && same(m[4], Math.max(...finals)),
          `range quoted ${m[3]}..${m[4]}`,
        )
      : undefined,
    m[5] !== undefined
      ? fail(
          runs.every((r) => Math.max(...r.falls) > 0),
          'says still falling, but a run had stopped falling',
        )
      : undefined,
  );
};

/** The runs a gradient / saturation sentence is about: the named depth, else the whole run. */
function runsAtNamedDepth(
  result: ExperimentResult,
  text: string,
): { runs: Run[]; depth: number | undefined } {
  const runs = runsOf(result);
  const m = /[Dd]epth (\d+)(?:'s|,)/.exec(text);
  if (!m) return { runs, depth: undefined };
  return { runs: atDepth(runs, Number(m[1])), depth: Number(m[1]) };
}

function ratioQuoted(text: string, runs: Run[]): string | undefined {
  const m = re("first-layer gradient is NUM times its last layer's").exec(text);
  if (!m) return 'ratio not recognized';
  const readings = initialRatios(runs);
  return fail(
    readings.some((v) => same(m[1], v)),
    `ratio quoted ${m[1]}, is ${readings.map((v) => v.toPrecision(3)).join(' or ')}`,
  );
}

/**
 * ", though by step S its first-layer gradient had fallen to at most X (under 0.0001)": checked
 * against every seed at the named depth. Without the clause, a start-only verdict must not hide a
 * first-layer gradient that went from a usable size (1e-3 or more) to 1e-6 or less by the end.
 */
function fadeProblem(text: string, runs: readonly Run[]): string | undefined {
  const firsts = (r: Run) => r.snaps.map((g) => ({ step: g.step, norm: g.layers[0] ?? Number.NaN }));
  const m = re(
    String.raw`, though by step (\d+) its first-layer gradient had fallen to at most NUM \(under 0\.0001\)`,
  ).exec(text);
  if (!m) {
    const hidden = runs.every((r) => {
      const f = firsts(r);
      return f.length > 1 && (f[0]?.norm ?? 0) >= 1e-3 && (f.at(-1)?.norm ?? 1) <= 1e-6;
    });
    return hidden && /At the start/.test(text) && !/every layer's gradient is tiny/.test(text)
      ? "tells the gradient at the start only, though the first layer's fell to 1e-6 or less by the end on every seed"
      : undefined;
  }
  const step = Number(m[1]);
  const after = runs.flatMap((r) =>
    firsts(r)
      .filter((g) => g.step >= step)
      .map((g) => g.norm),
  );
  return first(
    fail(
      after.length > 0 && after.every((g) => ok(g) && g < 1.5e-4),
      `a first-layer gradient from step ${step} on is not under 0.0001`,
    ),
    fail(
      same(m[2], Math.max(...after)),
      `the largest first-layer gradient from step ${step} on is ${Math.max(...after)}, quoted ${m[2]}`,
    ),
    fail(
      runs.every((r) => (firsts(r)[0]?.norm ?? 0) >= 5e-5),
      "a seed's first-layer gradient did not start at a usable size",
    ),
  );
}

const gradientCheck =
  (kind: 'vanished' | 'weak' | 'healthy' | 'exploding'): Check =>
  (result, s) => {
    const { runs, depth } = runsAtNamedDepth(result, s.text);
    if (depth === undefined || runs.length === 0) return 'names a depth the run does not have';
    if (result.experiment === 'train' && depth !== result.spec.depth) return 'names another depth';
    const quoted = ratioQuoted(s.text, runs);
    if (quoted) return quoted;
    const fade = fadeProblem(s.text, runs);
    if (fade) return fade;
    const ratios = runs.map(seedRatio);
    const group = initialRatios(runs)[0] ?? Number.NaN;
    switch (kind) {
      case 'vanished': {
        // Vanished: under a hundredth is the explainer's; the oracle accepts up to 0.02 (band 0.01–0.02).
        const problems = [
          fail(
            ratios.every((r) => r < 0.02),
            `a seed's ratio is ${Math.max(...ratios).toPrecision(2)}, not vanished`,
          ),
        ];
        if (/below a hundredth of it at every step measured/.test(s.text))
          problems.push(
            fail(
              runs.every((r) => r.snaps.length > 1 && snapRatios(r).every((q) => q < 0.01)),
              'says below a hundredth at every step measured, but a snapshot ratio is not',
            ),
          );
        const own = re(
          String.raw`its own gradient is at most NUM \(under 0\.01\) at every step measured`,
        ).exec(s.text);
        if (own) {
          const largest = Math.max(
            ...runs.flatMap((r) => r.snaps.map((g) => g.layers[0] ?? Number.NaN).filter(ok)),
          );
          problems.push(
            fail(
              same(own[1], largest) && largest < 0.01 && runs.every((r) => r.snaps.length > 1),
              `first-layer gradient quoted at most ${own[1]}, largest is ${largest}`,
            ),
          );
        }
        return first(...problems);
      }
      case 'weak':
        // Weak: 0.01–0.1 (explainer); the oracle rejects only outside 0.005–0.2.
        return fail(
          group >= 0.005 && group <= 0.2,
          `ratio ${group.toPrecision(2)} is not weakened-but-not-vanished`,
        );
      case 'healthy': {
        const smallest = Math.min(
          ...runs.map((r) => Math.min(...(r.snaps.find((g) => g.step === 0)?.layers ?? [Number.NaN]))),
        );
        // Healthy: 0.1–10 and no layer under 1e-4 (explainer); the oracle rejects outside 0.05–20 or a layer under 1e-5.
        return first(
          fail(
            ratios.every((r) => r >= 0.05 && r <= 20),
            `a seed's ratio is ${ratios.map((r) => r.toPrecision(2)).join(', ')}`,
          ),
          fail(smallest >= 1e-5, `says no layer's gradient is tiny, but one is ${smallest}`),
        );
      }
      case 'exploding':
        return fail(
          group > 5 && ratios.every((r) => r > 2),
          `ratio ${group.toPrecision(2)} is not exploding`,
        );
    }
  };

const allTinyCheck: Check = (result, s) => {
  const { runs, depth } = runsAtNamedDepth(result, s.text);
  if (depth === undefined || runs.length === 0) return 'names a depth the run does not have';
  const m = re(String.raw`at most NUM at each of the (\d+) steps where it was measured`).exec(s.text);
  if (!m) return 'sentence not recognized';
  const largest = Math.max(...runs.flatMap((r) => r.snaps.flatMap((g) => g.layers.filter(ok))));
  const adam = 'optimizer' in result.spec && result.spec.optimizer === 'adam';
  const problems = [
    fail(same(m[1], largest), `largest gradient quoted ${m[1]}, is ${largest}`),
    // Tiny: under 1e-4 (explainer); the oracle rejects only 1e-3 and above.
    fail(largest < 1e-3, `a layer's gradient reached ${largest}`),
    fail(
      runs.some((r) => r.snaps.length === Number(m[2])),
      `${m[2]} snapshots quoted`,
    ),
  ];
  if (/Adam rescales/.test(s.text)) problems.push(fail(adam, 'mentions Adam but the optimizer is not Adam'));
  if (/no layer gets a usable update/.test(s.text)) {
    // Under Adam only when the gradients sit below its ε (1e-7 in TensorFlow.js): its own reading, up to 1e-6.
    const belowEpsilon = /below Adam's ε of 1e-7, so even its rescaled steps stay tiny/.test(s.text);
    problems.push(fail(!adam || (belowEpsilon && largest <= 1e-6), 'Adam rescales tiny gradients'));
    const moved = runs.filter((r) => learnedEver(r) === 'yes');
    problems.push(
      fail(
        moved.length === 0,
        `says no layer gets a usable update, yet ${moved.length} of ${runs.length} seeds learned (best ${moved.map((r) => r.best.toFixed(3)).join(', ')})`,
      ),
    );
    const q = re('ratio of NUM only').exec(s.text);
    if (!belowEpsilon)
      problems.push(fail(!!q && initialRatios(runs).some((v) => same(q[1], v)), `ratio quoted ${q?.[1]}`));
  }
  return first(...problems);
};

function saturationCheck(activations: string[]): Check {
  return (result, s) => {
    if (!('activation' in result.spec)) return 'no activation';
    const activation = result.spec.activation;
    if (!activations.includes(activation)) return `the units are ${activation}`;
    const m = /By the end, (\d+)% of the/.exec(s.text);
    if (!m) return 'sentence not recognized';
    if (activation === 'sigmoid' && !/near 0 or 1/.test(s.text) && !/dead/.test(s.text))
      return 'sigmoid units saturate near 0 or 1';
    if (activation === 'tanh' && !/near -1 or 1/.test(s.text)) return 'tanh units saturate near ±1';
    const runs = runsOf(result);
    const pools = [runs, ...depthsOf(runs).map((d) => atDepth(runs, d))];
    const shares = pools.map((p) =>
      mean(p.map((r) => r.saturation).filter((x): x is number => x !== undefined)),
    );
    const match = shares.filter((v) => samePercent(m[1], v));
    // Worth saying from 20 % (explainer 25 %).
    return first(
      fail(
        match.length > 0,
        `${m[1]}% quoted; the shares are ${shares.map((v) => (100 * v).toFixed(1)).join(', ')}%`,
      ),
      fail(Number(m[1]) >= 20, `${m[1]}% is not a notable share`),
    );
  };
}

/** "In N steps at learning rate R no seed's loss moved clearly from where it started (start …, final …)". */
const budgetTooSmall: Check = (result, s) => {
  if (result.experiment !== 'train') return 'said of another experiment than /train';
  const runs = runsOf(result);
  const m = re(
    String.raw`^In (\d+) steps? at learning rate ([\d.e-]+) no seed's loss moved clearly from where it started \(start NUM(?: to NUM)?, final NUM(?: to NUM)?\)`,
  ).exec(s.text);
  if (!m) return 'sentence not recognized';
  const starts = runs.map((r) => r.first);
  const finals = runs.map((r) => r.final);
  const quoted = (a: string | undefined, b: string | undefined, values: number[]) => {
    const [low, high] = [Math.min(...values), Math.max(...values)];
    return same(a, low) && (b === undefined ? same(a, high) : same(b, high));
  };
  return first(
    fail(
      Number(m[1]) === result.spec.steps && Number(m[2]) === result.spec.learningRate,
      'quotes another budget',
    ),
    fail(quoted(m[3], m[4], starts) && quoted(m[5], m[6], finals), 'start or final range misquoted'),
    fail(
      runs.every(
        (r) =>
          barelyMoved(r) !== 'no' ||
          (ok(r.first) && r.first - r.best < 0.06 * r.level && r.best > 0.4 * r.first),
      ),
      `a seed moved: ${runs.map((r) => `${r.first.toFixed(3)}→${r.best.toFixed(3)}`).join(', ')}`,
    ),
  );
};

/**
 * The oracle's own reading of a budget too small to judge: fewer than 10 steps, or learning rate ×
 * steps (momentum: its summed build-up) under 0.15 — below the 0.3 with which shallow nets were
 * measured to learn two-moons (explainer: 0.1; the band between is "maybe").
 */
function shortBudget(spec: { steps: number; learningRate: number; optimizer: string }): Tri {
  if (spec.steps < 10) return 'yes';
  const budget = budgetOf(spec.optimizer, spec.learningRate, spec.steps);
  return budget < 0.08 ? 'yes' : budget < 0.15 ? 'maybe' : 'no';
}

/** "After only 3 steps at learning rate 0.1, the loss went from A → B …": what a short run did, no verdict. */
const shortRun: Check = (result, s) => {
  if (result.experiment !== 'train' && result.experiment !== 'compare') return 'not a train or compare run';
  const { spec } = result;
  const runs = runsOf(result);
  const few = re(
    String.raw`^After only (\d+) steps? at learning rate ([\d.e-]+), (.*): too few steps to judge how (this net|depth) trains(?:; rerun with more steps|\.$)`,
  ).exec(s.text);
  const tiny = re(
    String.raw`^In (\d+) steps? at learning rate ([\d.e-]+) \((sgd|momentum|adam), a (?:step )?budget of NUM \(learning rate × steps(?:, with momentum's build-up)?\)\), (.*): too small a budget to judge how (this net|depth) trains(?:; rerun with a larger learning rate or more steps|\.$)`,
  ).exec(s.text);
  const m = few ?? tiny;
  if (!m) return 'sentence not recognized';
  const problems: string[] = [];
  if (Number(m[1]) !== spec.steps || Number(m[2]) !== spec.learningRate)
    problems.push('quotes another budget');
  if (few && spec.steps >= 10) problems.push(`calls ${spec.steps} steps too few`);
  if (tiny) {
    if (tiny[3] !== spec.optimizer) problems.push('names another optimizer');
    const budget = budgetOf(spec.optimizer, spec.learningRate, spec.steps);
    if (!same(tiny[4], budget) && Math.abs(Number(tiny[4]) - budget) > 0.05 * budget)
      problems.push(`quotes a budget of ${tiny[4]}, is ${budget}`);
    if (shortBudget(spec) === 'no') problems.push(`calls a budget of ${budget} too small`);
  }
  if (runs.every((r) => endedLearned(r) === 'yes'))
    problems.push('every seed learned: the run showed enough');
  const what = few ? m[3]! : m[5]!;
  const meanOf = (xs: number[]) => mean(xs.filter(ok));
  const byDepth = [...what.matchAll(new RegExp(String.raw`(\d+): NUM → NUM`.replaceAll('NUM', NUM), 'g'))];
  if (result.experiment === 'compare') {
    const depths = depthsOf(runs);
    if (
      !sameSet(
        byDepth.map((d) => Number(d[1])),
        depths,
      )
    )
      problems.push('the depths listed are not the sweep');
    for (const d of byDepth) {
      const at = atDepth(runs, Number(d[1]));
      if (!same(d[2], meanOf(at.map((r) => r.first))) || !same(d[3], meanOf(at.map((r) => r.final))))
        problems.push(`depth ${d[1]}: ${d[2]} → ${d[3]} is not its mean start and final`);
    }
  } else {
    const one = re(
      String.raw`^the loss went from NUM → NUM(?: \(mean over seeds\))?, with a mean accuracy of (\d+)%(?: \(chance \d+%\))? at the end$`,
    ).exec(what);
    if (!one) problems.push('the loss clause is not recognized');
    else {
      if (!same(one[1], meanOf(runs.map((r) => r.first))) || !same(one[2], meanOf(runs.map((r) => r.final))))
        problems.push(`${one[1]} → ${one[2]} is not the mean start and final`);
      if (!samePercent(one[3]!, mean(runs.map((r) => r.accuracy)))) problems.push('mean accuracy misquoted');
    }
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
};

/**
 * "[At depths A,] with every gradient at most G, even learning rate 10 for 3000 steps … at most M in
 * all": no budget helps. The bound, recomputed: sgd and momentum move a layer by the summed rate
 * times the gradient; Adam by the rate per step, shrunk by gradient / ε when the gradient is far
 * below TensorFlow.js's ε of 1e-7.
 */
const noBudgetHelps: Check = (result, s) => {
  if (!('optimizer' in result.spec)) return 'said of a run without an optimizer';
  const m = re(
    String.raw`^(?:At (depths? [\d, and]+), with|With) every gradient at most NUM, even learning rate (\d+) for (\d+) steps \(the most the tutor accepts\) would move a layer's weights by at most NUM in all: more steps or a larger learning rate cannot help (?:here|there)\.$`,
  ).exec(s.text);
  if (!m) return 'sentence not recognized';
  const all = runsOf(result);
  const named = m[1] === undefined ? undefined : depthList(m[1]);
  const runs = named === undefined ? all : all.filter((r) => named.includes(r.depth));
  const norms = runs.flatMap((r) => r.snaps.flatMap((snap) => snap.layers));
  const largest = Math.max(...norms.filter(ok));
  const [rate, steps] = [Number(m[3]), Number(m[4])];
  const move =
    result.spec.optimizer === 'adam'
      ? rate * steps * Math.min(1, largest / 1e-7)
      : budgetOf(result.spec.optimizer, rate, steps) * largest;
  return first(
    fail(runs.length > 0 && norms.length > 0 && norms.every(ok), 'no gradient measured, or one overflowed'),
    fail(
      named === undefined || named.every((d) => all.some((r) => r.depth === d)),
      'names a depth the run does not have',
    ),
    fail(rate === 10 && steps === 3000, 'quotes limits other than learning rate 10 and 3000 steps'),
    fail(same(m[2], largest), `the largest gradient is ${largest}, quoted ${m[2]}`),
    fail(same(m[5], move) && move < 0.05, `the most the weights could move is ${move}, quoted ${m[5]}`),
  );
};

/** A steps map whose threshold is not below the no-learning level: reaching it shows nothing. */
const mapThresholdTooHigh: Check = (result, s) => {
  if (result.experiment !== 'map') return 'said of another experiment than /map';
  const level = levelOf(result.spec.loss, classesIn(result));
  const m = /^The threshold ([\d.e-]+) is not clearly below/.exec(s.text);
  return first(
    fail(!!m && Number(m[1]) === result.spec.threshold, 'quotes another threshold'),
    fail(
      Math.abs(Number(/use a threshold below (\d+(?:\.\d+)?)/.exec(s.text)?.[1]) - 0.95 * level) <= 6e-4,
      'advises another threshold than 95 % of the level',
    ),
    fail(result.spec.metric === 'steps', 'not a steps map'),
    // Ambiguous between 0.93 and 0.97 of the level; below 0.93 × level reaching it does show learning.
    fail(
      result.spec.threshold >= 0.93 * level,
      `the threshold ${result.spec.threshold} is clearly below the level ${level.toFixed(3)}`,
    ),
  );
};

/** "The depth-6 plain net (0.693) never got clearly below ln 2 …, while the … net reached 0.040". */
const landscapeNotLearned: Check = (result, s) => {
  if (result.experiment !== 'landscape') return 'said of another experiment than /landscape';
  const level = levelOf('cross-entropy', classesIn(result));
  const problems: (string | undefined)[] = [];
  const head = s.text.split(' never got clearly below')[0] ?? '';
  for (const [, label, loss] of head.matchAll(/the (.+?) net \(([\d.e+-]+)\)/gi)) {
    const v = result.variants.find((x) => x.label === label);
    problems.push(fail(!!v && same(loss, num(v.finalLoss)), `no ${label} net with final loss ${loss}`));
    // Ambiguous between 0.93 and 0.97 of the level.
    if (v)
      problems.push(
        fail(
          !(num(v.finalLoss) < 0.93 * level),
          `the ${label} net reached ${num(v.finalLoss).toFixed(3)}, clearly below ${levelName('cross-entropy', classesIn(result))}`,
        ),
      );
  }
  for (const [, label, loss] of (s.text.split('while ')[1] ?? '').matchAll(
    // A label is one or two words ("shallow", "deep residual"): a lazy match from the first "the"
    // would swallow an earlier clause ("the shallow net stayed … and the deep residual").
    /the ([a-z]+(?: [a-z]+)?) net reached (\d+(?:\.\d+)?(?:e[+-]?\d+)?)/g,
  )) {
    const v = result.variants.find((x) => x.label === label);
    problems.push(fail(!!v && same(loss, num(v.finalLoss)), `no ${label} net reached ${loss}`));
    // "Reached" is a training result: the net's loss fell from its start on the path (by 2 % of ln 2 at least).
    const start = v
      ? num(v.line.losses[v.line.positions.findIndex((p) => Math.abs(num(p)) < 1e-6)])
      : Number.NaN;
    if (v && ok(start))
      problems.push(
        fail(
          start - num(v.finalLoss) >= 0.02 * level,
          `the ${label} net started at ${start}: it did not reach ${loss} by training`,
        ),
      );
  }
  for (const [, label, loss] of (s.text.split('while ')[1] ?? '').matchAll(
    /the ([a-z]+(?: [a-z]+)?) net stayed near where it started \((\d+(?:\.\d+)?(?:e[+-]?\d+)?)\)/g,
  )) {
    const v = result.variants.find((x) => x.label === label);
    const start = v
      ? num(v.line.losses[v.line.positions.findIndex((p) => Math.abs(num(p)) < 1e-6)])
      : Number.NaN;
    problems.push(
      fail(
        !!v && same(loss, num(v.finalLoss)) && ok(start) && start - num(v.finalLoss) <= 0.08 * level,
        `the ${label} net did not stay near its start ${start} (final ${loss})`,
      ),
    );
  }
  return first(...problems);
};

/** "K cells ended above the level … (depth d at v (loss), …): there the steps overshoot". */
const mapOvershot: Check = (result, s) => {
  if (result.experiment !== 'map') return 'said of another experiment than /map';
  const level = levelOf(result.spec.loss, classesIn(result));
  const m = /^(\d+) cells? ended above/.exec(s.text);
  // Ambiguous between 0.03 and 0.07 above the level; past 0.07 surely above, under 0.03 surely not.
  const sure = result.cells.filter((c) => num(c.meanFinalLoss) > level + 0.07).length;
  const maybe = result.cells.filter((c) => num(c.meanFinalLoss) > level + 0.03).length;
  const problems: (string | undefined)[] = [
    fail(
      !!m && Number(m[1]) >= sure && Number(m[1]) <= maybe,
      `says ${m?.[1]} cells above the level; ${sure} to ${maybe} are`,
    ),
  ];
  for (const [, depth, value, loss] of s.text.matchAll(
    /depth (\d+) at (\S+) \((\d+(?:\.\d+)?(?:e[+-]?\d+)?)\)/g,
  )) {
    const cell = result.cells.find((c) => c.depth === Number(depth) && columnLabel(c.value) === value);
    problems.push(
      fail(
        !!cell && same(loss, num(cell.meanFinalLoss)) && num(cell.meanFinalLoss) > level + 0.03,
        `no cell depth ${depth} at ${value} above the level with ${loss}`,
      ),
    );
  }
  return first(...problems);
};

const offerContrast: Check = (result, s) => {
  const runs = runsOf(result);
  if (result.experiment === 'train') {
    const d = /compare depths 1 and (\d+)/.exec(s.text)?.[1];
    return first(
      fail(Number(d) === result.spec.depth && result.spec.depth >= 2, "offers another depth than the run's"),
      fail(!runs.every((r) => endedLearned(r) === 'yes'), 'every seed learned: nothing stopped it'),
    );
  }
  if (result.experiment === 'compare') {
    const depths = depthsOf(runs);
    const d = /try depth 1 next to (\d+)/.exec(s.text)?.[1];
    const allLearned = (depth: number) => atDepth(runs, depth).every((r) => endedLearned(r) === 'yes');
    const failed = depths.filter((depth) => atDepth(runs, depth).every((r) => endedLearned(r) !== 'yes'));
    return first(
      fail(Number(d) === depths.at(-1), 'names another depth than the deepest'),
      fail(
        failed.some((f) => depths.every((depth) => depth >= f || !allLearned(depth))),
        'a shallower depth did learn on every seed: the sweep has its contrast',
      ),
    );
  }
  return 'not a train or compare run';
};

// ---------------------------------------------------------------------------------------------
// compare: the depth trend.

interface DepthRow {
  depth: number;
  runs: Run[];
  mean: number;
}
function rows(result: CompareResult): DepthRow[] {
  const runs = runsOf(result);
  return depthsOf(runs).map((depth) => ({
    depth,
    runs: atDepth(runs, depth),
    mean: finiteMean(atDepth(runs, depth)),
  }));
}

/** "mean final loss by depth: 1: 0.310 (1 of 2 seeds learned), 4: NaN": every depth, its mean and its count. */
function finalsListProblem(result: CompareResult, text: string): string | undefined {
  const start = text.toLowerCase().indexOf('mean final loss by depth: ');
  if (start < 0) return 'no list of final losses';
  const entry = /(\d+): (NaN|\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?: \((\d+) of (\d+) seeds learned\))?(, )?/y;
  entry.lastIndex = start + 'mean final loss by depth: '.length;
  const listed: { depth: number; mean: string; k?: number; n?: number }[] = [];
  for (;;) {
    const m = entry.exec(text);
    if (!m) break;
    listed.push({
      depth: Number(m[1]),
      mean: m[2]!,
      ...(m[3] === undefined ? {} : { k: Number(m[3]), n: Number(m[4]) }),
    });
    if (m[5] === undefined) break;
  }
  const table = rows(result);
  const problems: string[] = [];
  if (
    !sameSet(
      listed.map((l) => l.depth),
      table.map((r) => r.depth),
    )
  )
    problems.push(
      `lists depths ${listed.map((l) => l.depth).join(', ')}, the sweep has ${table.map((r) => r.depth).join(', ')}`,
    );
  for (const l of listed) {
    const row = table.find((r) => r.depth === l.depth);
    if (!row) continue;
    if (!same(l.mean, row.mean)) problems.push(`depth ${l.depth}: mean quoted ${l.mean}, is ${row.mean}`);
    const tris = row.runs.map(endedLearned);
    if (l.k !== undefined && (l.n !== row.runs.length || !countFits(l.k, tris)))
      problems.push(
        `depth ${l.depth}: "${l.k} of ${l.n} seeds learned", per seed (best/final) ${row.runs.map((r) => `${r.best.toFixed(3)}/${r.final.toFixed(3)}`).join(', ')}`,
      );
    // Omitting the count is flagged only for a clear split: a seed that learned and fell by a fifth
    // from its start next to one that surely did not learn (smaller moves are read either way).
    const movedFar = row.runs.some((r) => endedLearned(r) === 'yes' && (r.first - r.best) / r.first > 0.2);
    if (l.k === undefined && movedFar && tris.includes('no'))
      problems.push(
        `depth ${l.depth}: its seeds split (finals ${row.runs.map((r) => r.final.toFixed(3)).join(', ')}) but the count is not given`,
      );
  }
  const never = /; (depths? [\d, and]+) never got clearly below/.exec(text);
  if (never)
    for (const d of depthList(never[1])) {
      const row = table.find((r) => r.depth === d);
      if (!row || row.runs.some((r) => belowEver(r) === 'yes'))
        problems.push(`says depth ${d} never got clearly below the level, but a seed did`);
    }
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** "though not every seed learned at depths 4 and 8": each named depth has a seed that did not learn. */
function splitDepthsChecked(table: { depth: number; runs: Run[] }[], text: string): (string | undefined)[] {
  const split = /not every seed learned at (depths? [\d, and]+)/.exec(text);
  if (!split) return [];
  return depthList(split[1]).map((d) =>
    fail(
      table.find((r) => r.depth === d)?.runs.some((x) => endedLearned(x) !== 'yes') ?? false,
      `every seed learned at depth ${d}`,
    ),
  );
}

/**
 * What the weights can move in all per unit of a steady gradient: lr × T for SGD; with momentum
 * β = 0.9 the velocity after t steps is (1 − β^t)/(1 − β), which sums in closed form over T steps.
 */
function budgetOf(optimizer: string, lr: number, steps: number): number {
  if (optimizer !== 'momentum') return lr * steps;
  const beta = 0.9;
  return (lr * (steps - (beta * (1 - beta ** steps)) / (1 - beta))) / (1 - beta);
}

function trendCheck(kind: 'worse' | 'flat' | 'better' | 'none' | 'linear'): Check {
  return (result, s) => {
    if (result.experiment !== 'compare') return 'not a depth sweep';
    const table = rows(result);
    const deepest = table.at(-1)!;
    const level = levelOf(result.spec.loss, classesIn(result));
    const problems: (string | undefined)[] = [
      finalsListProblem(result, s.text),
      setupProblem(result, s.text),
    ];
    const learnedShare = (row: DepthRow, which: Tri[]) =>
      row.runs.filter((r) => which.includes(endedLearned(r))).length / row.runs.length;
    switch (kind) {
      case 'worse': {
        const m =
          /With the same (\d+) steps?, depth (\d+) (?:trained worse|ended worse only because it started higher \(mean start [\d.e-]+ against [\d.e-]+\) and fell (?:about as far|further) \([\d.e-]+ against [\d.e-]+\)) than depth (\d+)/.exec(
            s.text,
          );
        if (!m) return 'sentence not recognized';
        const best = table.find((r) => r.depth === Number(m[3]));
        const apart = re(
          String.raw`started higher \(mean start NUM against NUM\) and fell (about as far|further) \(NUM against NUM\)`,
        ).exec(s.text);
        if (apart && best) {
          const meanStart = (row: DepthRow) => {
            const firsts = row.runs.map((r) => r.first).filter(ok);
            return firsts.reduce((a, b) => a + b, 0) / firsts.length;
          };
          const [sd, sb] = [meanStart(deepest), meanStart(best)];
          problems.push(
            fail(
              same(apart[1], sd) && same(apart[2], sb),
              `mean starts quoted ${apart[1]}, ${apart[2]}; are ${sd}, ${sb}`,
            ),
          );
          problems.push(
            fail(same(apart[4], sd - deepest.mean) && same(apart[5], sb - best.mean), 'falls misquoted'),
          );
          // "About as far": within 0.05 × level; "further": by more than 0.03 × level; "started higher": by more than 0.03 × level.
          const gap = sd - deepest.mean - (sb - best.mean);
          problems.push(
            fail(
              (apart[3] === 'further' ? gap > 0.03 * level : Math.abs(gap) <= 0.05 * level) &&
                sd > sb + 0.03 * level,
              `did not start higher and fall ${apart[3]}`,
            ),
          );
        }
        problems.push(fail(Number(m[1]) === result.spec.steps, 'quotes other steps'));
        problems.push(fail(Number(m[2]) === deepest.depth, 'the depth said worse is not the deepest'));
        if (
          best &&
          [...deepest.runs, ...best.runs].every((r) => stillFalling(r) === 'yes') &&
          !/so far|started higher/.test(s.text)
        )
          problems.push('calls it worse training, though every seed of both depths was still falling');
        if (/every seed of both was still falling/.test(s.text) && best)
          problems.push(
            fail(
              [...deepest.runs, ...best.runs].every((r) => stillFalling(r) !== 'no'),
              'says every seed of both depths was still falling; one had stopped',
            ),
          );
        if (best) {
          const byLoss = !ok(deepest.mean) || deepest.mean > best.mean + 0.01;
          const byCount = learnedShare(deepest, ['yes', 'maybe']) < learnedShare(best, ['yes']);
          problems.push(
            fail(
              byLoss || byCount,
              `depth ${deepest.depth} (mean ${deepest.mean.toFixed(3)}) did not train worse than depth ${best.depth} (mean ${best.mean.toFixed(3)})`,
            ),
          );
        } else problems.push(`names depth ${m[3]}, not in the sweep`);
        if (/partly: the seeds of the deepest net disagree/.test(s.text)) {
          const t = deepest.runs.map(endedLearned);
          problems.push(
            fail(
              !t.every((x) => x === 'yes') && !t.every((x) => x === 'no'),
              "the deepest net's seeds agree",
            ),
          );
        }
        if (/not steadily/.test(s.text)) {
          const f = table.filter((r) => ok(r.mean));
          problems.push(
            fail(
              f.some((r, i) => i > 0 && r.mean < f[i - 1]!.mean - 0.005),
              'the means rise steadily with depth',
            ),
          );
        }
        break;
      }
      case 'flat': {
        const means = table.map((r) => r.mean);
        const lowest = Math.min(...means);
        const within = (v: number, quoted: string) => v <= lowest + Number(quoted) + halfUnit(quoted) + 1e-12;
        const every = re('every depth ended within NUM of the best').exec(s.text);
        const ends = re(
          String.raw`the shallowest and the deepest nets ended within NUM of the best, though (depths? [\d, and]+) did worse`,
        ).exec(s.text);
        if (every) {
          const spread = Math.max(...means) - lowest;
          problems.push(
            fail(
              means.every(ok) && means.every((v) => within(v, every[1]!)),
              `says every depth within ${every[1]} of the best; means ${means.map((v) => v.toFixed(3)).join(', ')}`,
            ),
          );
          // "No clear difference": a spread above 0.1 × level is a difference under every reading.
          problems.push(fail(spread <= 0.1 * level, 'depth made a clear difference'));
        } else if (ends) {
          problems.push(
            fail(
              within(table[0]!.mean, ends[1]!) && within(deepest.mean, ends[1]!),
              `the shallowest (${table[0]!.mean.toFixed(3)}) or deepest (${deepest.mean.toFixed(3)}) is not within ${ends[1]} of the best (${lowest.toFixed(3)})`,
            ),
          );
          for (const d of depthList(ends[2]!))
            problems.push(
              fail(
                (table.find((r) => r.depth === d)?.mean ?? 0) > lowest + 0.01,
                `depth ${d} did not do worse`,
              ),
            );
        } else return 'sentence not recognized';
        const all = table.filter((r) => r.runs.every((x) => endedLearned(x) === 'yes'));
        const none = table.filter((r) => r.runs.every((x) => endedLearned(x) === 'no'));
        problems.push(
          fail(
            all.length === 0 || none.length === 0,
            `depths ${all.map((r) => r.depth).join(', ')} learned on every seed and ${none.map((r) => r.depth).join(', ')} on none`,
          ),
        );
        problems.push(...splitDepthsChecked(table, s.text));
        break;
      }
      case 'better': {
        const m = re(String.raw`depth (\d+) ended within NUM of the best and depth (\d+) did worse`).exec(
          s.text,
        );
        if (!m) return 'sentence not recognized';
        const lowest = Math.min(...table.filter((r) => ok(r.mean)).map((r) => r.mean));
        problems.push(
          fail(
            Number(m[1]) === deepest.depth && Number(m[3]) === table[0]!.depth,
            'names other depths than the deepest and the shallowest',
          ),
        );
        problems.push(
          fail(
            ok(deepest.mean) && deepest.mean <= lowest + Number(m[2]) + halfUnit(m[2]!) + 1e-12,
            `the deepest (${deepest.mean.toFixed(3)}) is not within ${m[2]} of the best (${lowest.toFixed(3)})`,
          ),
        );
        problems.push(
          fail(
            table[0]!.mean > lowest + 0.01,
            `the shallowest (${table[0]!.mean.toFixed(3)}) did not do worse than the best (${lowest.toFixed(3)})`,
          ),
        );
        problems.push(
          fail(!deepest.runs.every((r) => endedLearned(r) === 'no'), 'the deepest net did not learn'),
        );
        if (/does not show depth hurting/.test(s.text))
          problems.push(
            fail(
              !table.some((r) => learnedShare(deepest, ['yes', 'maybe']) < learnedShare(r, ['yes'])),
              "fewer of the deepest net's seeds learned",
            ),
          );
        problems.push(...splitDepthsChecked(table, s.text));
        break;
      }
      case 'none': {
        const seeds = table.flatMap((r) => r.runs);
        // "No seed ended clearly below both the level and where it started".
        const learned = seeds.filter((r) => endedLearned(r) === 'yes');
        problems.push(
          fail(
            learned.length === 0,
            `says no seed ended clearly below the level and its start, but ${learned.length} did: ${learned.map((r) => r.final.toFixed(3)).join(', ')}`,
          ),
        );
        problems.push(
          fail(
            new RegExp(`not even at depth ${table[0]!.depth},`).test(s.text),
            'names another shallowest depth',
          ),
        );
        const { spec } = result;
        const smaller = re(
          String.raw`Some seeds got lower and came back up, so the steps are too large rather than too few: try a learning rate ten times smaller than ([\d.e-]+)\.`,
        ).exec(s.text);
        if (smaller) {
          // Its own reading of "got lower and came back up": a fall of 5 % of the level below the start, then a rise of as much.
          const cameBack = seeds.some((r) =>
            r.losses.some(
              (v, i) => i > 0 && ok(v) && v > Math.min(...r.losses.slice(0, i).filter(ok)) + 0.05 * r.level,
            ),
          );
          problems.push(
            fail(
              Number(smaller[1]) === spec.learningRate && cameBack,
              'says seeds came back up; none rose after getting lower',
            ),
          );
        } else if (/Every seed had settled at/.test(s.text))
          problems.push(
            fail(
              seeds.every((r) => atLevel(r.final, r.level) !== 'no' && stillFalling(r) !== 'yes'),
              'says every seed settled at the level; one did not, or was still falling',
            ),
          );
        else if (/every gradient at most/.test(s.text)) {
          const m = re('every gradient at most NUM').exec(s.text);
          const norms = seeds.flatMap((r) => r.snaps.flatMap((snap) => snap.layers)).filter(ok);
          problems.push(fail(!!m && same(m[1], Math.max(...norms)), `the largest gradient quoted ${m?.[1]}`));
        } else if (/Every gradient was exactly 0 from the start/.test(s.text))
          problems.push(
            fail(
              seeds.every(
                (r) => r.snaps.length > 0 && r.snaps.every((snap) => snap.layers.every((g) => g === 0)),
              ),
              'says every gradient was 0, but some was not',
            ),
          );
        else if (spec.optimizer === 'adam')
          problems.push(
            fail(
              s.text.includes(
                `more steps than ${spec.steps}, or another learning rate than ${spec.learningRate}`,
              ),
              'budget advice quotes other numbers',
            ),
          );
        else {
          const b = re(
            String.raw`With (\d+) steps? at learning rate ([\d.e-]+) \((\w+)\) the weights can move by at most NUM per unit`,
          ).exec(s.text);
          problems.push(
            fail(
              !!b &&
                Number(b[1]) === spec.steps &&
                Number(b[2]) === spec.learningRate &&
                b[3] === spec.optimizer &&
                same(b[4], budgetOf(spec.optimizer, spec.learningRate, spec.steps)),
              'budget quoted wrong',
            ),
          );
        }
        break;
      }
      case 'linear':
        problems.push(fail(result.spec.activation === 'linear', 'the units are not linear'));
        break;
    }
    return first(...problems);
  };
}

const singleDepth: Check = (result, s) => {
  if (result.experiment !== 'compare') return 'not a depth sweep';
  const table = rows(result);
  const m = re(
    String.raw`^Only depth (\d+) ran \(mean final loss (NaN|NUM), (\d+) of (\d+) seeds learned\)`,
  ).exec(s.text);
  if (!m) return 'sentence not recognized';
  const row = table[0]!;
  return first(
    fail(table.length === 1 && row.depth === Number(m[1]), 'the sweep has other depths'),
    fail(same(m[2], row.mean), `mean quoted ${m[2]}, is ${row.mean}`),
    fail(
      Number(m[5]) === row.runs.length && countFits(Number(m[4]), row.runs.map(endedLearned)),
      `says ${m[4]} of ${m[5]} learned; per seed (best/final) ${row.runs.map((r) => `${r.best.toFixed(3)}/${r.final.toFixed(3)}`).join(', ')}`,
    ),
  );
};

const vanishingCause: Check = (result, s) => {
  if (result.experiment !== 'compare') return 'not a depth sweep';
  const m = re(
    String.raw`At depth (\d+) the first layer's gradient stayed at most NUM at every step measured(?: \(NUM times the last layer's at the start\))?, while depth (\d+) learned with the same (\d+) steps? at learning rate ([\d.e-]+)`,
  ).exec(s.text);
  if (!m) return 'sentence not recognized';
  const table = rows(result);
  const deep = table.find((r) => r.depth === Number(m[1]));
  const shallow = table.find((r) => r.depth === Number(m[4]));
  if (!deep || !shallow) return 'names a depth the sweep does not have';
  const largest = Math.max(
    ...deep.runs.flatMap((r) => r.snaps.map((g) => g.layers[0] ?? Number.NaN).filter(ok)),
  );
  return first(
    fail(result.spec.optimizer !== 'adam', 'Adam steps do not scale with the gradient'),
    fail(same(m[2], largest), `first-layer gradient quoted ${m[2]}, largest is ${largest}`),
    fail(m[3] === undefined || initialRatios(deep.runs).some((v) => same(m[3], v)), `ratio quoted ${m[3]}`),
    // Tiny first-layer gradient: the oracle accepts up to 0.02 in absolute size or ratio throughout under 0.02.
    fail(
      largest < 0.02 || deep.runs.every((r) => snapRatios(r).every((q) => q < 0.02)),
      `the first layer's gradient reached ${largest}: not starved`,
    ),
    fail(
      deep.runs.every((r) => learnedEver(r) !== 'yes'),
      `depth ${deep.depth}'s loss moved (best ${deep.runs.map((r) => r.best.toFixed(3)).join(', ')})`,
    ),
    fail(shallow.depth < deep.depth, 'the contrast is not shallower'),
    fail(
      shallow.runs.every((r) => endedLearned(r) !== 'no' && learnedEver(r) !== 'no'),
      `depth ${shallow.depth} did not learn on every seed (finals ${shallow.runs.map((r) => r.final.toFixed(3)).join(', ')})`,
    ),
    fail(
      Number(m[5]) === result.spec.steps && Number(m[6]) === result.spec.learningRate,
      'quotes another budget',
    ),
  );
};

const degradationCheck: Check = (result, s) => {
  if (result.experiment !== 'compare') return 'not a depth sweep';
  const table = rows(result);
  const deep = table.at(-1)!;
  const m = re(
    String.raw`Yet depth (\d+)'s gradient stayed healthy \(first layer NUM times the last at the start`,
  ).exec(s.text);
  if (!m) return 'sentence not recognized';
  const { spec } = result;
  const ratios = deep.runs.flatMap(snapRatios);
  const better = table.slice(0, -1).filter((r) => r.mean < deep.mean - 0.01);
  return first(
    fail(Number(m[1]) === deep.depth, 'not the deepest depth'),
    fail(
      initialRatios(deep.runs).some((v) => same(m[2], v)),
      `ratio quoted ${m[2]}`,
    ),
    fail(
      ratios.length > 0 && ratios.every((q) => q >= 0.1 && q <= 10),
      `says within a factor of ten at every step, ratios ${Math.min(...ratios).toPrecision(2)}–${Math.max(...ratios).toPrecision(2)}`,
    ),
    fail(
      deep.runs.every((r) => stillFalling(r) !== 'yes'),
      'says the loss had stopped falling, a seed was still falling',
    ),
    fail(!spec.residual && spec.activation !== 'linear', 'not a plain nonlinear net'),
    fail(better.length > 0, 'the deepest net did not train worse than a shallower one'),
    fail(
      deep.runs.every((r) => endedLearned(r) !== 'no'),
      'the deepest net did not learn: not degradation',
    ),
    fail(
      !/the degradation He et al/.test(s.text) ||
        (spec.activation === 'relu' && spec.normalization === 'batch'),
      "He et al.'s setting claimed outside relu + batch norm",
    ),
  );
};

const deepStillFalling: Check = (result, s) => {
  if (result.experiment !== 'compare') return 'not a depth sweep';
  const table = rows(result);
  const deep = table.at(-1)!;
  const m = /Depth (\d+) was still improving when training stopped \(every seed at least (\d+)% lower/.exec(
    s.text,
  );
  if (!m) return 'sentence not recognized';
  const shares = deep.runs.map((r) => Math.max(...r.falls.map((f) => f / (1 + f))));
  return first(
    fail(Number(m[1]) === deep.depth, 'not the deepest depth'),
    fail(
      deep.runs.every((r) => stillFalling(r) !== 'no'),
      'a seed had stopped falling',
    ),
    fail(
      Number(m[2]) <= 100 * Math.min(...shares) + 0.5,
      `says every seed at least ${m[2]}% lower; falls ${shares.map((v) => (100 * v).toFixed(1)).join(', ')}%`,
    ),
    fail(
      table.slice(0, -1).some((r) => r.mean < deep.mean - 0.005),
      'no shallower depth did better: there is no gap to close',
    ),
  );
};

// ---------------------------------------------------------------------------------------------
// restarts.

function namedGroup(result: ExperimentResult, text: string): RestartGroup | undefined {
  if (result.experiment !== 'restarts') return undefined;
  const deep = /depth-(\d+) network/.exec(text);
  if (deep) return result.groups.find((g) => g.architecture === 'deep' && g.depth === Number(deep[1]));
  const classes = classesIn(result);
  if (/single neuron \(cross-entropy\)/.test(text) && classes === 2)
    return result.groups.find((g) => g.architecture === 'neuron');
  if (text.includes(`single layer of ${classes} output units (cross-entropy`))
    return result.groups.find((g) => g.architecture === 'neuron');
  if (classes > 2 && text.includes(`net of 2 hidden units and ${classes} outputs`))
    return result.groups.find((g) => g.architecture === 'three-node');
  if (/single neuron with squared error/.test(text))
    return result.groups.find((g) => g.architecture === 'neuron-mse');
  if (/3-node network/.test(text) && classes === 2)
    return result.groups.find((g) => g.architecture === 'three-node');
  return undefined;
}
const groupRuns = (g: RestartGroup, classes: number) =>
  g.runs.map((r) => readRun(r, g.loss, groupKey(g), classes));

function restartsCheck(
  kind: 'one-minimum' | 'not-settled' | 'all-stalled' | 'agree' | 'several' | 'plateaus' | 'not-moved',
): Check {
  return (result, s) => {
    const g = namedGroup(result, s.text);
    if (!g) return 'names no group of this result';
    const runs = groupRuns(g, classesIn(result));
    const n = runs.length;
    const finals = runs.map((r) => r.final);
    const [lo, hi] = [Math.min(...finals), Math.max(...finals)];
    const level = levelOf(g.loss, classesIn(result));
    const problems: (string | undefined)[] = [];
    const quotedN = /^(Both|All (\d+)) restarts/.exec(s.text) ?? /(?:The|Of the) (\d+) restarts/.exec(s.text);
    const nQuoted = quotedN?.[1] === 'Both' ? 2 : Number(quotedN?.[2] ?? quotedN?.[1]);
    problems.push(fail(nQuoted === n, `says ${nQuoted} restarts, the group has ${n}`));
    const endedAt = re('ended (?:at NUM|between NUM and NUM)').exec(s.text);
    const settled = runs.map(settledTri);
    switch (kind) {
      case 'one-minimum':
      case 'agree': {
        if (endedAt) {
          const [a, b] = endedAt[1] !== undefined ? [endedAt[1], endedAt[1]] : [endedAt[2], endedAt[3]];
          problems.push(fail(same(a, lo) && same(b, hi), `range quoted ${a}..${b}, finals ${lo}..${hi}`));
        }
        problems.push(
          fail(hi - lo <= SAME_PLACE_ANY, `finals spread ${(hi - lo).toPrecision(2)}: not one place`),
        );
        if (/had stopped falling/.test(s.text))
          problems.push(
            fail(
              runs.every((r) => stillFalling(r) !== 'yes'),
              'says they had stopped falling, a restart was still falling',
            ),
          );
        const fallingCount = /(\d+) of them still falling/.exec(s.text);
        if (fallingCount)
          problems.push(
            fail(
              countFits(Number(fallingCount[1]), runs.map(fallingNotUnmoved)),
              `says ${fallingCount[1]} still falling`,
            ),
          );
        if (kind === 'one-minimum') {
          problems.push(fail(g.architecture === 'neuron', 'not the cross-entropy neuron'));
          problems.push(
            fail(
              !(g.loss === 'cross-entropy' && runs.every((r) => r.accuracy === 1)),
              'every restart classifies every point: separable data, no minimizer exists',
            ),
          );
        }
        break;
      }
      case 'not-settled': {
        const m = re(String.raw`ended between NUM and NUM, (?:(\d+) of them still falling)?`).exec(s.text);
        problems.push(fail(!!m && same(m[1], lo) && same(m[2], hi), `range quoted ${m?.[1]}..${m?.[2]}`));
        const unmoved = /(\d+) barely moved from where they started/.exec(s.text);
        if (unmoved)
          problems.push(
            fail(
              countFits(Number(unmoved[1]), runs.map(barelyMoved)),
              `says ${unmoved[1]} barely moved; each moved ${runs.map((r) => ((r.first - r.best) / r.first).toFixed(3)).join(', ')} of its start`,
            ),
          );
        if (unmoved && m?.[3] === undefined) {
          // counted above; the "spread" reading does not apply
        } else if (m?.[3] !== undefined)
          problems.push(
            fail(
              countFits(Number(m[3]), runs.map(fallingNotUnmoved)),
              `says ${m[3]} still falling; falls ${runs.map((r) => Math.max(...r.falls).toFixed(3)).join(', ')}`,
            ),
          );
        else problems.push(fail(hi - lo > SAME_PLACE_SURE, 'calls it a spread, but the finals agree'));
        problems.push(fail(g.architecture === 'neuron', 'not the cross-entropy neuron'));
        problems.push(
          fail(
            !(hi - lo <= SAME_PLACE_SURE && runs.every((r) => stillFalling(r) === 'no')),
            'every restart settled at one loss',
          ),
        );
        break;
      }
      case 'all-stalled': {
        problems.push(
          fail(
            runs.every((r) => atLevel(r.final, level) !== 'no'),
            `a restart ended at ${finals.find((f) => atLevel(f, level) === 'no')}, not at the level`,
          ),
        );
        const learned = runs.filter((r) => learnedEver(r) === 'yes');
        problems.push(
          fail(
            learned.length === 0,
            `says none learned anything, but ${learned.length} got down to ${learned.map((r) => r.best.toFixed(3)).join(', ')}`,
          ),
        );
        break;
      }
      case 'several': {
        const m = re(
          String.raw`Of the \d+ restarts of the .*?, (\d+) had stopped falling, at losses from NUM to NUM(?: \((\d+) of all \d+ ended at [^)]*\)(?:\))?)?:`,
        ).exec(s.text);
        if (!m) return 'sentence not recognized';
        const stopped = runs.filter((r) => settledTri(r) !== 'no');
        problems.push(
          fail(
            countFits(Number(m[1]), settled),
            `says ${m[1]} had stopped falling; falls ${runs.map((r) => Math.max(...r.falls).toFixed(3)).join(', ')}`,
          ),
        );
        problems.push(
          fail(
            stopped.some((r) => same(m[2], r.final)) && stopped.some((r) => same(m[3], r.final)),
            `settled range ${m[2]}..${m[3]} is not that of restarts that had stopped`,
          ),
        );
        problems.push(
          fail(Number(m[3]) - Number(m[2]) > SAME_PLACE_SURE, 'the settled losses agree: one place'),
        );
        if (m[4] !== undefined)
          problems.push(
            fail(
              countFits(
                Number(m[4]),
                finals.map((f) => atLevel(f, level)),
              ),
              `says ${m[4]} at the level`,
            ),
          );
        const more = /; (\d+) more (?:was|were) still falling/.exec(s.text);
        const unmoved = /(\d+) barely moved from where (?:it|they) started/.exec(s.text);
        problems.push(
          fail(
            Number(m[1]) + (more ? Number(more[1]) : 0) + (unmoved ? Number(unmoved[1]) : 0) === n,
            'settled, falling and unmoved do not add up',
          ),
        );
        if (unmoved)
          problems.push(
            fail(
              countFits(Number(unmoved[1]), runs.map(barelyMoved)),
              `says ${unmoved[1]} barely moved; moved ${runs.map((r) => ((r.first - r.best) / r.first).toFixed(3)).join(', ')} of their start`,
            ),
          );
        if (/Auer, Herbster/.test(s.text))
          problems.push(fail(g.architecture === 'neuron-mse', 'squared-error remark on another group'));
        break;
      }
      case 'not-moved': {
        const m = re(
          String.raw`ended anywhere from NUM to NUM, but (\d+) of them barely moved from where they started in (\d+) steps?`,
        ).exec(s.text);
        if (!m) return 'sentence not recognized';
        problems.push(
          fail(same(m[1], lo) && same(m[2], hi), `range quoted ${m[1]}..${m[2]}, finals ${lo}..${hi}`),
        );
        problems.push(
          fail(
            countFits(Number(m[3]), runs.map(barelyMoved)),
            `says ${m[3]} barely moved; each moved ${runs.map((r) => ((r.first - r.best) / r.first).toFixed(3)).join(', ')} of its start`,
          ),
        );
        problems.push(
          fail(
            runs.some((r) => r.steps.at(-1) === Number(m[4])),
            `quotes ${m[4]} steps`,
          ),
        );
        problems.push(fail(hi - lo > SAME_PLACE_SURE, 'no spread to explain'));
        break;
      }
      case 'plateaus': {
        const m = re(
          String.raw`ended anywhere from NUM to NUM(?:, (\d+) of them at [^,]*?)?, but (\d+) of them were still falling when training stopped(?: \(the (\d+) that had stopped agree\))?`,
        ).exec(s.text);
        if (!m) return 'sentence not recognized';
        problems.push(
          fail(same(m[1], lo) && same(m[2], hi), `range quoted ${m[1]}..${m[2]}, finals ${lo}..${hi}`),
        );
        if (m[3] !== undefined)
          problems.push(
            fail(
              countFits(
                Number(m[3]),
                finals.map((f) => atLevel(f, level)),
              ),
              `says ${m[3]} at the level`,
            ),
          );
        problems.push(
          fail(
            countFits(Number(m[4]), runs.map(fallingNotUnmoved)),
            `says ${m[4]} still falling; falls ${runs.map((r) => Math.max(...r.falls).toFixed(3)).join(', ')}`,
          ),
        );
        const stoppedRuns = runs.filter((r) => settledTri(r) === 'yes');
        const stoppedFinals = stoppedRuns.map((r) => r.final);
        problems.push(
          fail(
            stoppedFinals.length < 2 ||
              Math.max(...stoppedFinals) - Math.min(...stoppedFinals) <= SAME_PLACE_ANY,
            `restarts that had surely stopped ended ${Math.min(...stoppedFinals).toFixed(3)} to ${Math.max(...stoppedFinals).toFixed(3)}: several stopping places, not only plateaus`,
          ),
        );
        problems.push(fail(hi - lo > SAME_PLACE_SURE, 'no spread to explain'));
        break;
      }
    }
    return first(...problems);
  };
}

// ---------------------------------------------------------------------------------------------
// landscape.

function landscapeParts(result: LandscapeResult) {
  const top = Math.max(...result.variants.map((v) => v.depth));
  return {
    plain: result.variants.find((v) => v.depth === top && !v.residual),
    residual: result.variants.find((v) => v.depth === top && v.residual),
    shallow: (depth: number) => result.variants.find((v) => v.depth === depth && !v.residual),
  };
}
/** Quoted shapes in order: "roughness 1.23, 2 extra minima". */
const shapes = (text: string) =>
  [...text.matchAll(/roughness (\d+\.\d+), (\d+) extra minim/g)].map((m) => ({
    roughness: m[1]!,
    extra: Number(m[2]),
  }));
const shapeFits = (q: { roughness: string; extra: number } | undefined, v: LandscapeVariant | undefined) =>
  !!q && !!v && same(q.roughness, v.roughness) && q.extra === v.extraMinima;
/** a is more bumpy than b on some count, and no clearly less on the other; clearly = both counts. */
const moreBumpy = (a: LandscapeVariant, b: LandscapeVariant) =>
  (a.extraMinima > b.extraMinima && a.roughness >= 0.8 * b.roughness) ||
  (a.roughness > 1.05 * b.roughness && a.extraMinima >= b.extraMinima);
const clearlyMoreBumpy = (a: LandscapeVariant, b: LandscapeVariant) =>
  a.extraMinima > b.extraMinima && a.roughness > 1.3 * b.roughness;

function sliceCheck(kind: 'bumpier' | 'not-bumpier' | 'smoother' | 'not-smoother'): Check {
  return (result, s) => {
    if (result.experiment !== 'landscape') return 'not a landscape';
    const parts = landscapeParts(result);
    const q = shapes(s.text);
    // A flat plain slice: its own reading of flat is a range under 0.002 along the random direction.
    const flat = (v: LandscapeVariant | undefined) => {
      const losses = (v?.direction.losses ?? []).map(num).filter(ok);
      return losses.length > 0 && Math.max(...losses) - Math.min(...losses) < 2e-3;
    };
    if (kind === 'not-bumpier' && /plain net's slice is flat/.test(s.text))
      return fail(flat(parts.plain), 'the plain slice is not flat');
    if (kind === 'not-smoother' && /plain net's slice flat/.test(s.text))
      return fail(flat(parts.plain), 'the plain slice is not flat');
    if (kind === 'bumpier' || kind === 'not-bumpier') {
      const m = /the depth-(\d+) plain net's slice .* the depth-(\d+) net's/.exec(s.text);
      const deep = parts.plain;
      const shallow = m ? parts.shallow(Number(m[2])) : undefined;
      if (!m || !deep || !shallow || deep.depth !== Number(m[1]))
        return 'names nets the result does not have';
      return first(
        fail(
          shapeFits(q[0], deep) && shapeFits(q[1], shallow),
          'quoted roughness or extra minima differ from the slices',
        ),
        kind === 'bumpier'
          ? fail(
              moreBumpy(deep, shallow),
              `the deep slice (${deep.roughness}, ${deep.extraMinima}) is not bumpier than the shallow one (${shallow.roughness}, ${shallow.extraMinima})`,
            )
          : fail(!clearlyMoreBumpy(deep, shallow), 'the deep slice is clearly bumpier on both counts'),
      );
    }
    const { plain, residual } = parts;
    if (!plain || !residual) return 'no deep plain and residual pair';
    // One hidden layer has no block to skip: a residual net of depth 1 is the plain net.
    if (residual.depth < 2) return 'at depth 1 the residual net is the plain net';
    return first(
      fail(
        shapeFits(q[0], residual) && shapeFits(q[1], plain),
        'quoted roughness or extra minima differ from the slices',
      ),
      kind === 'smoother'
        ? fail(moreBumpy(plain, residual), 'the residual slice is not smoother')
        : fail(!clearlyMoreBumpy(plain, residual), 'the residual slice is clearly smoother on both counts'),
    );
  };
}

function pathCheck(barrier: boolean): Check {
  return (result, s) => {
    if (result.experiment !== 'landscape') return 'not a landscape';
    const label = /weights, the (.+?) net's loss/.exec(s.text)?.[1];
    const v = result.variants.find((x) => x.label === label);
    if (!v) return `no variant "${label}"`;
    const pts = v.line.positions.map((p, i) => ({ p: num(p), l: num(v.line.losses[i]) }));
    const on = pts.filter(({ p }) => p >= -1e-9 && p <= 1 + 1e-9).map(({ l }) => l);
    const start = pts.find(({ p }) => Math.abs(p) < 1e-6)?.l ?? Number.NaN;
    const end = pts.find(({ p }) => Math.abs(p - 1) < 1e-6)?.l ?? Number.NaN;
    let rise = 0;
    let low = Number.POSITIVE_INFINITY;
    for (const l of on.filter(ok)) {
      low = Math.min(low, l);
      rise = Math.max(rise, l - low);
    }
    const all = pts.map(({ l }) => l).filter(ok);
    const spread = Math.max(...all) - Math.min(...all);
    const m = re('from NUM to NUM').exec(s.text);
    const problems = [
      fail(
        !!m && same(m[1], start) && same(m[2], end),
        `quoted ${m?.[1]} to ${m?.[2]}, path goes ${start} to ${end}`,
      ),
      fail(end < start, 'the loss did not fall along the path'),
      // The path of a net that barely trained reads nothing (oracle: a fall of at least 2 % of ln 2; explainer 5 %).
      fail(
        start - end >= 0.02 * levelOf('cross-entropy', classesIn(result)),
        `the net barely trained (${start} to ${end}): its path shows nothing`,
      ),
    ];
    if (barrier) {
      const c = re('climbs by NUM').exec(s.text);
      // A barrier: a rise of more than 1 % of the line's range (explainer 2 %); none: up to 5 %.
      problems.push(
        fail(!!c && same(c[1], rise), `rise quoted ${c?.[1]}, is ${rise}`),
        fail(rise > 0.01 * spread, 'no rise worth a barrier'),
      );
    } else
      problems.push(
        fail(
          rise <= 0.05 * spread,
          `says without a bump, but the loss rises by ${rise.toPrecision(2)} (${((100 * rise) / spread).toFixed(1)}% of the range)`,
        ),
      );
    return first(...problems);
  };
}

// ---------------------------------------------------------------------------------------------
// lp.

/** The note on overlapping classes of a noisy shape: its noise and counts, and noise enough to overlap. */
function overlapNote(r: LpResult, text: string): string | undefined {
  const m =
    /With noise ([\d.]+) the classes also overlap: the soft LP leaves (\d+) of (\d+) points short/.exec(text);
  if (!m) return /overlap/.test(text) ? 'overlap note not recognized' : undefined;
  return first(
    fail(
      Number(m[1]) === r.spec.noise && Number(m[2]) === r.minViolations && Number(m[3]) === r.spec.points,
      `quotes noise ${m[1]}, ${m[2]} of ${m[3]}; is ${r.spec.noise}, ${r.minViolations} of ${r.spec.points}`,
    ),
    // The shapes' scale is about 1: from a noise of a quarter of it the classes overlap.
    fail(r.spec.noise >= 0.25, `noise ${r.spec.noise} is too small to call the classes overlapping`),
  );
}

function lpCheck(kind: 'feasible' | 'gd' | 'gd-stalled' | 'shape' | 'overlap' | 'table'): Check {
  return (result, s) => {
    if (result.experiment !== 'lp') return 'not an lp result';
    const r: LpResult = result;
    const gd = r.gradientDescent;
    const table = tableIn(r);
    // On a table only the LP's own verdict is evidence: no shape, no noise.
    if ((kind === 'shape' || kind === 'overlap') && table !== undefined)
      return `says why no line fits (${kind}) of a table, whose geometry the run does not show`;
    switch (kind) {
      case 'table': {
        const m =
          /^The linear program is infeasible: no linear boundary separates every row of (.+), whatever the weights; the soft LP leaves (\d+) of (\d+) rows short of the margin\./.exec(
            s.text,
          );
        return first(
          fail(table !== undefined, 'a table sentence on a generated shape'),
          fail(!r.feasible && r.minViolations > 0, 'the LP is feasible'),
          fail(
            !!m &&
              m[1] === table?.name &&
              Number(m[2]) === r.minViolations &&
              Number(m[3]) === table?.rows.length,
            `quotes ${m?.[1]}: ${m?.[2]} of ${m?.[3]}; is ${table?.name}: ${r.minViolations} of ${table?.rows.length}`,
          ),
        );
      }
      case 'feasible': {
        const acc = /classifying (\d+)% of the points/.exec(s.text)?.[1];
        const ms = /in (\d+) ms/.exec(s.text)?.[1];
        return first(
          fail(r.feasible && r.minViolations === 0, 'the LP is not feasible'),
          fail(
            table === undefined
              ? s.text.includes(`line for ${r.spec.dataset}`)
              : s.text.includes(`boundary separating the two classes of ${table.name}`),
            'names another data set',
          ),
          fail(acc === undefined || samePercent(acc, num(r.lpAccuracy)), `accuracy quoted ${acc}%`),
          fail(same(ms, r.solveMs), `time quoted ${ms} ms, was ${r.solveMs}`),
        );
      }
      case 'gd':
      case 'gd-stalled': {
        const m = re(String.raw`loss NUM and (\d+)% accuracy after (\d+) steps`).exec(s.text);
        const problems = [
          fail(
            !!m &&
              same(m[1], num(gd.finalLoss)) &&
              samePercent(m[2], gd.accuracy) &&
              Number(m[3]) === gd.steps,
            `numbers quoted ${m?.slice(1).join(', ')}, are ${gd.finalLoss}, ${gd.accuracy}, ${gd.steps}`,
          ),
        ];
        if (/short of a perfect fit/.test(s.text)) problems.push(fail(gd.accuracy < 1, 'the fit is perfect'));
        // Gradient descent set beside the LP as a verdict needs a budget that could show one.
        const tooShort = shortBudget({ ...r.spec, optimizer: 'sgd' });
        const saysShort = /too (few|small) to show what gradient descent reaches/.test(s.text);
        problems.push(
          fail(
            !saysShort || tooShort !== 'no',
            `calls ${r.spec.steps} steps at ${r.spec.learningRate} too short`,
          ),
          fail(
            saysShort || tooShort !== 'yes',
            `a budget of ${r.spec.steps} steps at ${r.spec.learningRate} is set beside the LP unqualified`,
          ),
        );
        if (kind === 'gd-stalled')
          problems.push(fail(atLevel(num(gd.finalLoss), LN2) !== 'no', 'not at ln 2'));
        return first(...problems);
      }
      case 'shape':
        return first(
          fail(!r.feasible, 'the LP is feasible'),
          fail(
            ['xor', 'circles', 'spiral', 'moons'].includes(r.spec.dataset),
            `${r.spec.dataset} is not a bent shape`,
          ),
          fail(s.text.includes(`point of ${r.spec.dataset}`), 'names another data set'),
          overlapNote(r, s.text),
        );
      case 'overlap': {
        const m = /leaves (\d+) of (\d+) points short/.exec(s.text);
        return first(
          fail(!r.feasible && r.minViolations > 0, 'the LP is feasible'),
          fail(
            !['xor', 'circles', 'spiral', 'moons'].includes(r.spec.dataset),
            `${r.spec.dataset} has a shape no line fits`,
          ),
          fail(
            !!m && Number(m[1]) === r.minViolations && Number(m[2]) === r.spec.points,
            `counts quoted ${m?.[1]} of ${m?.[2]}, are ${r.minViolations} of ${r.spec.points}`,
          ),
        );
      }
    }
  };
}

// ---------------------------------------------------------------------------------------------
// map.

const columnLabel = (v: number | string) => (typeof v === 'number' ? Number(v.toPrecision(3)).toString() : v);
const columnCells = (r: MapResult, column: number) =>
  r.cells.filter((_, i) => i % r.axisValues.length === column);
/**
 * A cell learned: every seed's final loss below 0.95 × level surely, not when any seed's is at
 * 0.97 × or above or overflowed (metric loss); every seed reached (steps).
 */
function cellLearned(r: MapResult, c: MapCell): Tri {
  const m = num(c.meanFinalLoss);
  if (!ok(m)) return 'no';
  if (r.spec.metric === 'steps') {
    // Reached at step 0 is where the net started: training did not get it there.
    const reached = c.stepsToThreshold.filter((x) => x !== null && x > 0).length;
    return reached === c.stepsToThreshold.length && reached > 0 ? 'yes' : reached === 0 ? 'no' : 'maybe';
  }
  const level = levelOf(r.spec.loss, classesIn(r));
  const finals = c.finalLosses.map(num);
  if (finals.length === 0 || finals.some((f) => !ok(f) || f >= LEARNED_ANY * level)) return 'no';
  return finals.every((f) => f < LEARNED_SURE * level) ? 'yes' : 'maybe';
}
/** Per-column pieces "label: rest" of a sentence listing columns by "; ". */
function columnParts(r: MapResult, body: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  for (const part of body.split('; ')) {
    const i = part.indexOf(': ');
    if (i < 0) return undefined;
    out.set(part.slice(0, i), part.slice(i + 2));
  }
  return out.size === r.axisValues.length ? out : undefined;
}

function mapCheck(
  kind:
    | 'deepest'
    | 'steps'
    | 'trend'
    | 'capacity'
    | 'diverged'
    | 'all'
    | 'none'
    | 'prediction'
    | 'score'
    | 'untested',
): Check {
  return (result, s) => {
    if (result.experiment !== 'map') return 'not a map';
    const r: MapResult = result;
    const level = levelOf(r.spec.loss, classesIn(r));
    const problems: (string | undefined)[] = [];
    switch (kind) {
      case 'deepest': {
        const m = re(
          String.raw`^Deepest net whose every seed reached (?:loss below NUM|loss ≤ ([\d.e-]+) by training \(not already at the start\) within (\d+) steps?), per \w+: (.*)\.$`,
        ).exec(s.text);
        if (!m) return 'sentence not recognized';
        const parts = columnParts(r, m[4]!);
        if (!parts) return 'columns do not match the axis values';
        for (const [column, value] of r.axisValues.entries()) {
          const claim = parts.get(columnLabel(value));
          const cells = columnCells(r, column);
          // One seed below the quoted loss: surely under it by half a printed unit, surely not at or above it plus that.
          const seedBelow = (f: number): Tri =>
            m[1] === undefined
              ? 'no'
              : f < Number(m[1]) - halfUnit(m[1])
                ? 'yes'
                : f < Number(m[1]) + halfUnit(m[1])
                  ? 'maybe'
                  : 'no';
          const reached = (c: MapCell): Tri => {
            if (m[1] === undefined) return cellLearned(r, c);
            const tris = c.finalLosses.map((f) => (ok(num(f)) ? seedBelow(num(f)) : 'no'));
            return tris.every((t) => t === 'yes') ? 'yes' : tris.some((t) => t === 'no') ? 'no' : 'maybe';
          };
          if (claim === undefined) {
            problems.push(`column ${columnLabel(value)} missing`);
            continue;
          }
          const up = /^(?:up to (\d+)|none)(?: \((.*)\))?$/.exec(claim);
          if (!up) {
            problems.push(`column ${columnLabel(value)}: claim "${claim}" not recognized`);
            continue;
          }
          for (const part of up[2]?.split(', ') ?? []) {
            const p = /^depth (\d+) on (\d+) of (\d+) seeds$/.exec(part);
            const cell = p ? cells.find((c) => c.depth === Number(p[1])) : undefined;
            if (!p || !cell) {
              problems.push(`column ${columnLabel(value)}: "${part}" names no cell`);
              continue;
            }
            const tris = cell.finalLosses.map((f) => (ok(num(f)) ? seedBelow(num(f)) : 'no'));
            if (
              Number(p[3]) !== cell.finalLosses.length ||
              !countFits(Number(p[2]), tris) ||
              reached(cell) === 'yes'
            )
              problems.push(
                `column ${columnLabel(value)}: depth ${p[1]} on ${p[2]} of ${p[3]} seeds does not fit its finals ${cell.finalLosses.map((f) => num(f).toFixed(3)).join(', ')}`,
              );
          }
          const d = up[1] !== undefined ? Number(up[1]) : undefined;
          const named = new Set((up[2]?.match(/depth (\d+)/g) ?? []).map((x) => Number(x.slice(6))));
          const hidden = cells.filter(
            (c) =>
              m[1] !== undefined &&
              (d === undefined || c.depth > d) &&
              !named.has(c.depth) &&
              c.finalLosses.some((f) => ok(num(f)) && seedBelow(num(f)) === 'yes') &&
              reached(c) !== 'yes',
          );
          if (hidden.length > 0)
            problems.push(
              `column ${columnLabel(value)}: hides deeper cells where some seeds reached it (depth ${hidden.map((c) => c.depth).join(', ')})`,
            );
          const deeper = cells.filter((c) => reached(c) === 'yes' && (d === undefined || c.depth > d));
          if (deeper.length > 0)
            problems.push(
              `column ${columnLabel(value)}: says ${claim}, but depth ${deeper.at(-1)!.depth} reached it (mean ${num(deeper.at(-1)!.meanFinalLoss).toFixed(3)})`,
            );
          if (d !== undefined && reached(cells.find((c) => c.depth === d) ?? cells[0]!) === 'no')
            problems.push(`column ${columnLabel(value)}: depth ${d} did not reach it`);
        }
        if (m[2] !== undefined)
          problems.push(
            fail(
              Number(m[2]) === r.spec.threshold && Number(m[3]) === r.spec.steps,
              'quotes another threshold or budget',
            ),
          );
        if (m[1] !== undefined)
          problems.push(
            fail(
              Number(m[1]) < LEARNED_ANY * level && same(m[1], 0.95 * level),
              `threshold ${m[1]} is not 95 % of the no-learning level`,
            ),
          );
        break;
      }
      case 'steps': {
        const m = /^Slowest seed to loss ≤ ([\d.e-]+): (.*?)\.(?: A linear net|$)/.exec(s.text);
        if (!m) return 'sentence not recognized';
        const parts = columnParts(r, m[2]!);
        if (!parts) return 'columns do not match the axis values';
        const slowest = (c: MapCell | undefined) =>
          !c || c.stepsToThreshold.some((x) => x === null)
            ? 'not reached'
            : `${Math.max(...(c.stepsToThreshold as number[]))} steps`;
        for (const [column, value] of r.axisValues.entries()) {
          const claim = parts.get(columnLabel(value));
          if (claim === undefined) {
            problems.push(`column ${columnLabel(value)} missing`);
            continue;
          }
          for (const [, what, depth] of claim.matchAll(/(not reached|\d+ steps) at depth (\d+)/g)) {
            const cell = columnCells(r, column).find((c) => c.depth === Number(depth));
            if (slowest(cell) !== what)
              problems.push(`column ${columnLabel(value)} depth ${depth}: says ${what}, is ${slowest(cell)}`);
          }
        }
        problems.push(fail(Number(m[1]) === r.spec.threshold, 'quotes another threshold'));
        if (/A linear net/.test(s.text))
          problems.push(fail(r.spec.activation === 'linear', 'the units are not linear'));
        break;
      }
      case 'trend': {
        const m = /^Judged over every depth and seed of each \w+ column, (.*)\.$/.exec(s.text);
        if (!m) return 'sentence not recognized';
        const words: [RegExp, string][] = [
          [/the deepest net did worse than the best depth$/, 'worse'],
          [/depth made no clear difference$/, 'flat'],
          [/the shallowest net did worse and the deepest ended near the best$/, 'better'],
          [/a middle depth did worse, the shallowest and deepest alike$/, 'middle'],
          [/no depth learned$/, 'none'],
          [
            /only the shallowest net learned, and no deeper one got clearly below the no-learning level$/,
            'only-shallowest',
          ],
        ];
        for (const part of m[1]!.split('; ')) {
          const i = part.lastIndexOf(': ');
          const [labels, verdict] = [part.slice(0, i), part.slice(i + 2)];
          const kindWord = words.find(([w]) => w.test(verdict))?.[1];
          for (const label of labels.split(/, | and /)) {
            const column = r.axisValues.findIndex((v) => columnLabel(v) === label);
            if (column < 0) {
              problems.push(`no column ${label}`);
              continue;
            }
            const cells = columnCells(r, column).sort((a, b) => a.depth - b.depth);
            const means = cells.map((c) => num(c.meanFinalLoss));
            const deepest = means.at(-1)!;
            const seedYes = (c: MapCell) =>
              c.finalLosses.map(num).filter((f) => ok(f) && f < LEARNED_SURE * level).length /
              c.finalLosses.length;
            const seedAny = (c: MapCell) =>
              c.finalLosses.map(num).filter((f) => ok(f) && f < LEARNED_ANY * level).length /
              c.finalLosses.length;
            const where = `column ${label} (means ${means.map((v) => (ok(v) ? v.toFixed(3) : 'NaN')).join(', ')})`;
            if (kindWord === 'worse') {
              const byLoss = !ok(deepest) || means.slice(0, -1).some((v) => ok(v) && v < deepest - 0.01);
              const byCount = cells.slice(0, -1).some((c) => seedYes(c) > seedAny(cells.at(-1)!));
              if (!byLoss && !byCount) problems.push(`${where}: the deepest net did not do worse`);
            } else if (kindWord === 'flat') {
              const finite = means.filter(ok);
              if (finite.length !== means.length || Math.max(...finite) - Math.min(...finite) > 0.1 * level)
                problems.push(`${where}: depth made a clear difference`);
            } else if (kindWord === 'better') {
              const lowest = Math.min(...means.filter(ok));
              // "Near the best": within 0.05 × level, the explainer's margin plus room for its rounding.
              if (!ok(deepest) || deepest > lowest + 0.05 * level)
                problems.push(`${where}: the deepest net did not end near the best`);
              if (!(means[0]! > lowest + 0.01))
                problems.push(`${where}: the shallowest net did not do worse`);
            } else if (kindWord === 'middle') {
              const lowest = Math.min(...means.filter(ok));
              if (!means.slice(1, -1).some((v) => v > lowest + 0.01))
                problems.push(`${where}: no middle depth did worse`);
              if (means[0]! > lowest + 0.05 * level || deepest > lowest + 0.05 * level)
                problems.push(`${where}: the ends are not alike`);
            } else if (kindWord === 'only-shallowest') {
              if (!(seedAny(cells[0]!) > 0)) problems.push(`${where}: the shallowest net learned nothing`);
              if (cells.slice(1).some((c) => seedYes(c) > 0)) problems.push(`${where}: a deeper net learned`);
            } else if (kindWord === 'none') {
              if (cells.some((c) => seedYes(c) > 0)) problems.push(`${where}: a depth learned`);
            } else problems.push(`verdict "${verdict}" not recognized`);
          }
        }
        problems.push(fail(r.spec.metric === 'loss', 'a trend of final losses on a steps map'));
        break;
      }
      case 'capacity': {
        const linearColumns = r.axisValues
          .map((v, column) => ({ v, column }))
          .filter(({ v }) =>
            r.spec.axis === 'activation' ? v === 'linear' : r.spec.activation === 'linear',
          );
        problems.push(
          fail(
            tableIn(r) === undefined &&
              NOT_SEPARABLE.has(r.spec.dataset) &&
              s.text.includes(`separates ${r.spec.dataset}`),
            `${r.spec.dataset}: a line may separate it`,
          ),
        );
        problems.push(fail(linearColumns.length > 0, 'no column of linear units'));
        problems.push(
          fail(
            !/the linear column/.test(s.text) || r.spec.axis === 'activation',
            '"the linear column" on another axis',
          ),
        );
        problems.push(
          fail(
            linearColumns.some(({ column }) =>
              columnCells(r, column).every((c) => cellLearned(r, c) !== 'yes'),
            ),
            'the linear nets learned',
          ),
        );
        // Capacity shows where the cells sit at the best line's loss; cells far above ln 2 (or NaN) overshot.
        problems.push(
          fail(
            linearColumns
              .flatMap(({ column }) => columnCells(r, column))
              .filter((c) => cellLearned(r, c) !== 'yes')
              .every((c) => ok(num(c.meanFinalLoss)) && num(c.meanFinalLoss) <= level + 0.1),
            'capacity said of cells that ended far above the no-learning level or overflowed',
          ),
        );
        break;
      }
      case 'diverged': {
        const m = /^(\d+) cells? diverged/.exec(s.text);
        const count = r.cells.filter((c) => !ok(num(c.meanFinalLoss))).length;
        problems.push(fail(Number(m?.[1]) === count, `says ${m?.[1]} cells diverged, ${count} did`));
        break;
      }
      case 'all':
        problems.push(
          fail(
            r.cells.every((c) => cellLearned(r, c) !== 'no'),
            `says every cell learned; cells ${r.cells
              .filter((c) => cellLearned(r, c) === 'no')
              .map((c) => `${c.depth}/${c.value}: ${c.meanFinalLoss}`)
              .join(', ')} did not`,
          ),
        );
        break;
      case 'none': {
        problems.push(
          fail(
            r.cells.every((c) => cellLearned(r, c) !== 'yes'),
            `says no cell learned; ${r.cells.filter((c) => cellLearned(r, c) === 'yes').length} did`,
          ),
        );
        const m =
          /within (\d+) steps?(?:, not even at| at) depth (\d+)/.exec(s.text) ??
          /within (\d+) steps?: (depth 0) is one neuron, which draws one straight line, and no straight line separates (\w+)/.exec(
            s.text,
          );
        const depth = m?.[2] === 'depth 0' ? 0 : Number(m?.[2]);
        const depthSet = new Set(r.spec.depths);
        if (m?.[3] !== undefined)
          problems.push(
            fail(
              ['xor', 'circles', 'spiral', 'moons'].includes(m[3]) && m[3] === r.spec.dataset,
              `${m[3]} is not this map's data, or a line separates it`,
            ),
          );
        if (/the only depth here|with one depth this map/.test(s.text))
          problems.push(fail(depthSet.size === 1, 'the map has several depths'));
        problems.push(
          fail(
            Number(m?.[1]) === r.spec.steps && depth === Math.min(...r.spec.depths),
            'quotes other steps or depth',
          ),
        );
        break;
      }
      case 'prediction': {
        if (!r.theory) return 'no theory in this map';
        const m = /about 6ξ: (.*) \(the dashed line\)/.exec(s.text);
        if (!m) return 'sentence not recognized';
        const pairs = [...m[1]!.matchAll(/([\d.e-]+) → (\d+|unbounded)/g)];
        problems.push(fail(pairs.length === r.theory.length, 'not every column predicted'));
        r.theory.forEach((p, i) => {
          const pair = pairs[i];
          const depth = num(p.trainableDepth);
          const expected = ok(depth) && depth < 1e4 ? depth : undefined;
          if (
            !pair ||
            !same(pair[1], p.weightScale) ||
            (pair[2] === 'unbounded' ? expected !== undefined : !same(pair[2], expected ?? Number.NaN))
          )
            problems.push(`prediction ${pair?.[0]} is not σ_w² ${p.weightScale} → ${depth}`);
        });
        break;
      }
      case 'score': {
        if (!r.theory) return 'no theory in this map';
        const m = /^It matches (\d+) of (\d+) cells(?:; it misses (.*?))?\.$/.exec(s.text);
        if (!m) return 'sentence not recognized';
        const theory = r.theory;
        const agree = r.cells.map((c, i): Tri => {
          const predicted =
            c.depth <= num(theory[i % r.axisValues.length]!.trainableDepth) ||
            !ok(num(theory[i % r.axisValues.length]!.trainableDepth));
          const l = cellLearned(r, c);
          return l === 'maybe' ? 'maybe' : (l === 'yes') === predicted ? 'yes' : 'no';
        });
        problems.push(
          fail(
            Number(m[2]) === r.cells.length && countFits(Number(m[1]), agree),
            `says ${m[1]} of ${m[2]} match; ${agree.filter((t) => t === 'yes').length} surely, ${agree.filter((t) => t === 'maybe').length} maybe, of ${r.cells.length}`,
          ),
        );
        for (const [, depth, ws, what] of (m[3] ?? '').matchAll(
          /depth (\d+) at σ_w² ([\d.e-]+) (did not learn|learned) though 6ξ/g,
        )) {
          const i = r.cells.findIndex((c) => c.depth === Number(depth) && columnLabel(c.value) === ws);
          const cell = r.cells[i];
          if (!cell) problems.push(`no cell depth ${depth} at σ_w² ${ws}`);
          else if (cellLearned(r, cell) === (what === 'learned' ? 'no' : 'yes'))
            problems.push(
              `depth ${depth} at σ_w² ${ws}: says ${what}, mean final loss ${cell.meanFinalLoss}`,
            );
        }
        break;
      }
      case 'untested': {
        const m = /beyond depth (\d+)/.exec(s.text);
        const deepest = Math.max(...r.spec.depths);
        problems.push(fail(Number(m?.[1]) === deepest, 'names another deepest depth'));
        problems.push(
          fail(
            !!r.theory?.some(
              (p) => num(p.chi1) > 1 && (!ok(num(p.trainableDepth)) || num(p.trainableDepth) > deepest),
            ),
            'no chaotic column predicted beyond the deepest row',
          ),
        );
        break;
      }
    }
    return first(...problems);
  };
}

// ---------------------------------------------------------------------------------------------
// hardness.

interface Cell {
  n: number;
  d: number;
  ms: number;
  nodes: number;
  iterations: number;
  gaveUp: boolean;
}
function cellsOf(r: HardnessResult): Cell[] {
  const cells = new Map<string, Cell>();
  for (const x of r.instances) {
    const key = `${x.d}/${x.n}`;
    const c = cells.get(key) ?? { n: x.n, d: x.d, ms: 0, nodes: 0, iterations: 0, gaveUp: false };
    c.ms = Math.max(c.ms, x.exact.solveMs);
    c.nodes = Math.max(c.nodes, x.exact.nodes);
    c.iterations = Math.max(c.iterations, x.exact.lpIterations);
    c.gaveUp ||= x.exact.status === 'time-limit';
    cells.set(key, c);
  }
  return [...cells.values()];
}
const workFits = (text: string | undefined, c: Cell) => {
  const m = /^(\d+(?:\.\d+)?) ms \((\d+) branch-and-bound nodes?, (\d+) simplex iterations?\)$/.exec(
    text ?? '',
  );
  return !!m && same(m[1], c.ms) && Number(m[2]) === c.nodes && Number(m[3]) === c.iterations;
};

function hardnessCheck(
  kind:
    | 'limit'
    | 'limit-cut'
    | 'grew'
    | 'time-only'
    | 'flat'
    | 'trivial'
    | 'verdicts'
    | 'lp'
    | 'dimension'
    | 'descent'
    | 'missed'
    | 'not-proof',
): Check {
  return (result, s) => {
    if (result.experiment !== 'hardness') return 'not a hardness sweep';
    const r: HardnessResult = result;
    const records = r.instances;
    // Growth is about instances that are not trivial (its own reading: one label, or one unit separates).
    const growth = ['limit', 'limit-cut', 'grew', 'time-only', 'flat'].includes(kind);
    const nonTrivial = records.filter((x) => !(x.lp.separable || x.positives === 0 || x.positives === x.n));
    const cells = cellsOf(growth ? { ...r, instances: nonTrivial } : r);
    const withLine = cells.filter((c) => cells.filter((x) => x.d === c.d).length > 1);
    const d = Math.max(...(growth ? withLine : cells).map((c) => c.d));
    const line = cells.filter((c) => c.d === d).sort((a, b) => a.n - b.n);
    const [lo, hi] = [line[0]!, line.at(-1)!];
    const problems: (string | undefined)[] = [];
    const workText = String.raw`(\d+(?:\.\d+)? ms \(\d+ branch-and-bound nodes?, \d+ simplex iterations?\))`;
    const timeGrew: Tri = hi.gaveUp ? 'yes' : hi.ms > 3 * lo.ms ? 'yes' : hi.ms > 2 * lo.ms ? 'maybe' : 'no';
    const workGrew = hi.nodes > lo.nodes || hi.iterations > lo.iterations;
    switch (kind) {
      case 'limit': {
        const m = /hit the ([\d.]+) s time limit already at (\d+) points in (\d+) dimensions/.exec(s.text);
        problems.push(
          fail(
            !!m &&
              Number(m[1]) === r.spec.timeLimit &&
              Number(m[2]) === lo.n &&
              Number(m[3]) === d &&
              lo.gaveUp,
            `no instance of the smallest size gave up`,
          ),
        );
        break;
      }
      case 'grew':
      case 'time-only':
      case 'flat': {
        const hiText = String.raw`(${workText.slice(1, -1)}|hit the [\d.]+ s time limit)`;
        const m =
          new RegExp(
            String.raw`[Ii]n (\d+) dimensions.*?${workText} for (\d+) points.*?${hiText} for (\d+)`,
          ).exec(s.text) ??
          (() => {
            const x = new RegExp(
              String.raw`[Ii]n (\d+) dimensions.*?${workText} for (\d+) points, and for (\d+) it (?:took )?${hiText}`,
            ).exec(s.text);
            return x ? [x[0], x[1], x[2], x[3], x[5], x[4]] : null;
          })();
        if (!m) return 'sentence not recognized';
        problems.push(
          fail(
            Number(m[1]) === d && Number(m[3]) === lo.n && Number(m[5]) === hi.n,
            'names other sizes or dimension',
          ),
        );
        problems.push(
          fail(
            workFits(m[2], lo),
            `numbers for ${lo.n} points quoted "${m[2]}", are ${lo.ms} ms, ${lo.nodes} nodes, ${lo.iterations} iterations`,
          ),
        );
        problems.push(
          fail(
            m[4]?.startsWith('hit') ? hi.gaveUp : workFits(m[4], hi) && !hi.gaveUp,
            `numbers for ${hi.n} points quoted "${m[4]}"`,
          ),
        );
        if (kind === 'grew')
          problems.push(
            fail(
              timeGrew !== 'no' && workGrew,
              `says it grew; time ${lo.ms}→${hi.ms} ms, nodes ${lo.nodes}→${hi.nodes}, iterations ${lo.iterations}→${hi.iterations}`,
            ),
          );
        if (kind === 'time-only')
          problems.push(
            fail(
              timeGrew !== 'no' && !workGrew,
              `says only the time grew; time ${lo.ms}→${hi.ms} ms, nodes ${lo.nodes}→${hi.nodes}, iterations ${lo.iterations}→${hi.iterations}`,
            ),
          );
        // Did not grow much: under 5 × (explainer 3 ×) and no time limit.
        if (kind === 'flat')
          problems.push(
            fail(!hi.gaveUp && hi.ms <= 5 * lo.ms, `says it did not grow much; ${lo.ms}→${hi.ms} ms`),
          );
        break;
      }
      case 'trivial': {
        const oneLabel = records.filter((x) => x.positives === 0 || x.positives === x.n).length;
        const separable = records.filter(
          (x) => !(x.positives === 0 || x.positives === x.n) && x.lp.separable,
        ).length;
        const a = /(\d+) (?:had|has) one label only/.exec(s.text)?.[1];
        const b = /(\d+) (?:were|was) separable by one unit/.exec(s.text)?.[1];
        problems.push(
          fail(
            Number(a ?? 0) === oneLabel && Number(b ?? 0) === separable,
            `says ${a ?? 0} one-label and ${b ?? 0} separable; are ${oneLabel} and ${separable}`,
          ),
        );
        const ofN = `Of ${records.length} instance${records.length === 1 ? '' : 's'},`;
        problems.push(fail(s.text.startsWith(ofN), 'instance count'));
        break;
      }
      case 'verdicts': {
        const count = (st: string) => records.filter((x) => x.exact.status === st).length;
        const fit = /a fit on (\d+)/.exec(s.text)?.[1];
        const none = /bound\) on (\d+)/.exec(s.text)?.[1];
        const limit = /time limit on (\d+)/.exec(s.text)?.[1];
        problems.push(
          fail(
            Number(fit) === count('fit') &&
              Number(none) === count('no-fit') &&
              Number(limit ?? 0) === count('time-limit') &&
              s.text.startsWith(`Of ${records.length} instance${records.length === 1 ? '' : 's'},`),
            'status counts differ',
          ),
        );
        break;
      }
      case 'lp': {
        const m = /at most ([\d.]+) ms on any instance; on (\d+) of (\d+) instances/.exec(s.text);
        problems.push(
          fail(
            !!m &&
              same(m[1], Math.max(...records.map((x) => x.lp.solveMs))) &&
              Number(m[2]) === records.filter((x) => !x.lp.separable).length &&
              Number(m[3]) === records.length,
            'LP numbers differ',
          ),
        );
        break;
      }
      case 'dimension': {
        const at = /At (\d+) points the slowest exact solve took (.*?)\.(?: In 2-D|$)/.exec(s.text);
        if (at) {
          for (const [, what, msText, dim] of at[2]!.matchAll(
            /(over the time limit|(\d+(?:\.\d+)?) ms) in d = (\d+)/g,
          )) {
            const c = cells.find((x) => x.n === Number(at[1]) && x.d === Number(dim));
            if (!c || (what === 'over the time limit' ? !c.gaveUp : c.gaveUp || !same(msText, c.ms)))
              problems.push(
                `at ${at[1]} points in d = ${dim}: quoted ${what}, is ${c?.ms} ms${c?.gaveUp ? ' (time limit)' : ''}`,
              );
          }
        }
        const planar = records.filter((x) => x.enumeration && x.exact.status !== 'time-limit');
        const same2 = /decided the same way on all (\d+) instances, in at most ([\d.]+) ms/.exec(s.text);
        const differ = /disagreed with the solver on (\d+) of (\d+) instances/.exec(s.text);
        const disagree = planar.filter((x) => x.enumeration!.fit !== (x.exact.status === 'fit')).length;
        if (same2)
          problems.push(
            fail(
              disagree === 0 &&
                Number(same2[1]) === planar.length &&
                same(same2[2], Math.max(...planar.map((x) => x.enumeration!.solveMs))),
              '2-D enumeration numbers differ',
            ),
          );
        if (differ)
          problems.push(
            fail(
              Number(differ[1]) === disagree && Number(differ[2]) === planar.length,
              '2-D disagreement counts differ',
            ),
          );
        break;
      }
      case 'descent':
      case 'missed': {
        const tried = records.filter((x) => x.gradientDescent);
        const m =
          /proved a fit exists \((\d+) instances?\), (\d+) of (\d+) gradient-descent restarts .* within (\d+) steps/.exec(
            s.text,
          );
        const successes = tried.reduce((a, x) => a + x.gradientDescent!.successes, 0);
        const restarts = tried.reduce((a, x) => a + x.gradientDescent!.restarts, 0);
        const tooFew = /though (\d+) steps? are too few to judge gradient descent/.exec(s.text);
        if (tooFew)
          problems.push(
            fail(
              Number(tooFew[1]) === r.spec.steps && r.spec.steps < 150,
              `calls ${tooFew[1]} steps too few (the run has ${r.spec.steps})`,
            ),
          );
        const tooSmall = /though (\d+) steps? at learning rate ([\d.e-]+) are too small a budget/.exec(
          s.text,
        );
        if (tooSmall)
          problems.push(
            fail(
              Number(tooSmall[1]) === r.spec.steps &&
                Number(tooSmall[2]) === r.spec.learningRate &&
                budgetOf('adam', r.spec.learningRate, r.spec.steps) < 0.15,
              `the budget quoted (${tooSmall[1]} steps at ${tooSmall[2]}) is not the run's, or not small`,
            ),
          );
        problems.push(
          fail(
            !!m &&
              Number(m[1]) === tried.length &&
              Number(m[2]) === successes &&
              Number(m[3]) === restarts &&
              Number(m[4]) === r.spec.steps,
            'gradient-descent counts differ',
          ),
        );
        const missed = tried.filter((x) => x.gradientDescent!.successes === 0);
        if (kind === 'descent')
          problems.push(
            fail(missed.length === 0, `${missed.length} instances with a proven fit saw every restart fail`),
          );
        else {
          const mm = /On (\d+) of them \((?:among them )?(.*?)\) no restart did/.exec(s.text);
          problems.push(
            fail(!!mm && Number(mm[1]) === missed.length, `says ${mm?.[1]} missed, ${missed.length} did`),
          );
          const listed = [...(mm?.[2] ?? '').matchAll(/n = (\d+), d = (\d+)/g)].length;
          if (mm && listed < missed.length && !/\(among them /.test(s.text))
            problems.push(`lists ${listed} of ${missed.length} missed instances as if they were all`);
          for (const [, n, dim] of (mm?.[2] ?? '').matchAll(/n = (\d+), d = (\d+)/g))
            if (!missed.some((x) => x.n === Number(n) && x.d === Number(dim)))
              problems.push(`n = ${n}, d = ${dim} did not miss`);
          // "Can miss a fit that provably exists" is a lesson only from an instance one unit does not separate.
          if (/can miss a fit that provably exists/.test(s.text))
            problems.push(
              fail(
                missed.some((x) => !x.lp.separable && x.positives > 0 && x.positives < x.n),
                'every missed instance is trivial: one unit separates it',
              ),
              // Nor from a budget too small to judge: under 10 steps or rate × steps under 0.15 (explainer 0.1).
              fail(
                shortBudget({ ...r.spec, optimizer: 'adam' }) !== 'yes' && r.spec.steps >= 50,
                `a budget of ${r.spec.steps} steps at ${r.spec.learningRate} shows only the budget`,
              ),
            );
        }
        break;
      }
      case 'limit-cut': {
        const m = new RegExp(
          String.raw`^In (\d+) dimensions the slowest solve took ${workText} for (\d+) points, and at (\d+) points it hit the ([\d.]+) s time limit \(after (\d+) branch-and-bound nodes?, (\d+) simplex iterations?\)`,
        ).exec(s.text);
        if (!m) return 'sentence not recognized';
        problems.push(
          fail(
            Number(m[1]) === d && Number(m[3]) === lo.n && Number(m[4]) === hi.n,
            'names other sizes or dimension',
          ),
        );
        problems.push(
          fail(
            workFits(m[2], lo),
            `numbers for ${lo.n} points quoted "${m[2]}", are ${lo.ms} ms, ${lo.nodes} nodes, ${lo.iterations} iterations`,
          ),
        );
        problems.push(fail(hi.gaveUp, `no instance of ${hi.n} points hit the time limit`));
        problems.push(
          fail(
            Number(m[6]) === hi.nodes && Number(m[7]) === hi.iterations,
            `work at the limit quoted ${m[6]} nodes, ${m[7]} iterations; the cell's most are ${hi.nodes}, ${hi.iterations}`,
          ),
        );
        break;
      }
      case 'not-proof':
        break;
    }
    return first(...problems);
  };
}

// ---------------------------------------------------------------------------------------------
// Every rule and its check.

const noRuns: Check = (result) => {
  switch (result.experiment) {
    case 'train':
    case 'compare':
      return fail(result.runs.length === 0, 'there are runs');
    case 'restarts':
      return fail(
        result.groups.every((g) => g.finalLosses.length === 0),
        'there are restarts',
      );
    case 'hardness':
      return fail(result.instances.length === 0, 'there are instances');
    case 'landscape':
      return fail(
        result.variants.length < 2 && result.variants.every((v) => v.line.losses.length < 2),
        'there are slices to compare',
      );
    default:
      return 'this experiment always has a result';
  }
};

const linearIsOneLine: Check = (result, s) =>
  result.experiment === 'train'
    ? first(
        fail(result.spec.activation === 'linear' && result.spec.depth > 0, 'units are not linear'),
        fail(s.text.includes(`depth-${result.spec.depth} network`), 'names another depth'),
      )
    : 'not a train run';

export const CHECKS: Record<RuleId, Check> = {
  'all-gradients-tiny': allTinyCheck,
  capacity: capacityCheck,
  'dead-relu': saturationCheck(['relu']),
  'deep-still-falling': deepStillFalling,
  'deeper-better': trendCheck('better'),
  'deeper-worse': trendCheck('worse'),
  degradation: degradationCheck,
  'depth-flat': trendCheck('flat'),
  'gradient-exploding': gradientCheck('exploding'),
  'gradient-healthy': gradientCheck('healthy'),
  'gradient-vanished': gradientCheck('vanished'),
  'gradient-weak': gradientCheck('weak'),
  'hardness-descent': hardnessCheck('descent'),
  'hardness-descent-missed': hardnessCheck('missed'),
  'hardness-dimension': hardnessCheck('dimension'),
  'hardness-flat': hardnessCheck('flat'),
  'hardness-grew': hardnessCheck('grew'),
  'hardness-limit-at-start': hardnessCheck('limit'),
  'hardness-limit-cut': hardnessCheck('limit-cut'),
  'hardness-lp': hardnessCheck('lp'),
  'hardness-not-a-proof': hardnessCheck('not-proof'),
  'hardness-time-only': hardnessCheck('time-only'),
  'hardness-trivial': hardnessCheck('trivial'),
  'hardness-verdicts': hardnessCheck('verdicts'),
  'linear-depth-is-speed': trendCheck('linear'),
  'linear-is-one-line': linearIsOneLine,
  'loss-spiked-recovered': spikeRecovered,
  'loss-spiked-settled': spikeSettled,
  'lp-feasible': lpCheck('feasible'),
  'lp-gradient-descent': lpCheck('gd'),
  'lp-gradient-descent-stalled': lpCheck('gd-stalled'),
  'lp-infeasible-overlap': lpCheck('overlap'),
  'lp-infeasible-shape': lpCheck('shape'),
  'lp-infeasible-table': lpCheck('table'),
  'map-all-learned': mapCheck('all'),
  'map-capacity': mapCheck('capacity'),
  'map-deepest': mapCheck('deepest'),
  'map-diverged': mapCheck('diverged'),
  'map-none-learned': mapCheck('none'),
  'map-steps': mapCheck('steps'),
  'map-theory-prediction': mapCheck('prediction'),
  'map-theory-score': mapCheck('score'),
  'map-theory-untested': mapCheck('untested'),
  'map-trend': mapCheck('trend'),
  'neuron-not-settled': restartsCheck('not-settled'),
  'neuron-one-minimum': restartsCheck('one-minimum'),
  'never-learned': (r, s) => outcomeCheck(r, s, 'never'),
  'no-runs': noRuns,
  'offer-contrast': offerContrast,
  'did-not-move': budgetTooSmall,
  'map-overshot': mapOvershot,
  'offer-more-steps': (result, s) =>
    /still falling when training stopped/.test(s.text)
      ? fail(
          runsOf(result).some((r) => stillFalling(r) !== 'no') &&
            countFits(
              Number(/On (\d+) of \d+ seeds/.exec(s.text)?.[1] ?? runsOf(result).length),
              runsOf(result).map(stillFalling),
            ),
          'the count of seeds still falling is wrong, or none was',
        )
      : first(
          fail(result.experiment === 'train', 'said of another experiment than /train'),
          fail(/this run cannot tell/.test(s.text), 'sentence not recognized'),
          fail(
            runsOf(result).every(
              (r) =>
                barelyMoved(r) !== 'no' ||
                (ok(r.first) && r.first - r.best < 0.06 * r.level && r.best > 0.4 * r.first),
            ),
            'a seed moved',
          ),
        ),
  'landscape-not-learned': landscapeNotLearned,
  'map-threshold-too-high': mapThresholdTooHigh,
  'overflow-at-init': overflowAtInit,
  'path-barrier': pathCheck(true),
  'path-no-barrier': pathCheck(false),
  'plateaus-left-at-different-times': restartsCheck('plateaus'),
  reached: (r, s) => outcomeCheck(r, s, 'reached'),
  'residual-not-smoother': sliceCheck('not-smoother'),
  'residual-smoother': sliceCheck('smoother'),
  'restarts-agree': restartsCheck('agree'),
  'restarts-not-moved': restartsCheck('not-moved'),
  'single-depth': singleDepth,
  'short-run': shortRun,
  'no-budget-helps': noBudgetHelps,
  'restarts-all-stalled': restartsCheck('all-stalled'),
  saturated: saturationCheck(['sigmoid', 'tanh']),
  'separable-no-minimizer': separableCheck,
  'several-stopping-places': restartsCheck('several'),
  'slice-bumpier': sliceCheck('bumpier'),
  'slice-not-bumpier': sliceCheck('not-bumpier'),
  'some-learned': (r, s) => outcomeCheck(r, s, 'some'),
  'stable-step-shrinks': stableStepShrinks,
  'step-overshoot': stepOvershoot,
  'step-size-fix': stepSizeFix,
  'sweep-none-learned': trendCheck('none'),
  'vanishing-cause': vanishingCause,
};

/** Undefined when the sentence is supported by the result; otherwise why not. */
export function checkSentence(result: ExperimentResult, sentence: Sentence): string | undefined {
  const problems = [CHECKS[sentence.rule](result, sentence), setupProblem(result, sentence.text)];
  const lossOfRun =
    'loss' in result.spec && result.experiment !== 'restarts'
      ? result.spec.loss
      : result.experiment === 'lp'
        ? 'cross-entropy'
        : undefined;
  const lnTwo = /ln 2 ≈ (\d+(?:\.\d+)?)/.exec(sentence.text);
  const quarter = /(\d+(?:\.\d+)?) \(the squared error of always answering 0\.5\)/.exec(sentence.text);
  if (quarter && quarter[1] !== '0.25') problems.push(`names the squared-error level as ${quarter[1]}`);
  if (lnTwo && lnTwo[1] !== '0.693') problems.push(`names ln 2 as ${lnTwo[1]}`);
  problems.push(...classProblems(result, sentence.text));
  if (lossOfRun === 'mse' && lnTwo && sentence.rule !== 'lp-gradient-descent-stalled')
    problems.push('names ln 2 as the level of a squared-error run');
  if (lossOfRun === 'cross-entropy' && /0\.25 \(the squared error/.test(sentence.text))
    problems.push('names 0.25 as the level of a cross-entropy run');
  // Constants the explainer quotes: Adam's ε in TensorFlow.js, a slice flat to 0.001, the 0.05 overshoot margin.
  const epsilon = /Adam's ε of ([\d.e-]+)/.exec(sentence.text);
  if (epsilon && Number(epsilon[1]?.replace(/,$/, '')) !== 1e-7)
    problems.push(`quotes Adam's ε as ${epsilon[1]}`);
  const flatBy = /varies by less than (\d+(?:\.\d+)?) along it/.exec(sentence.text);
  if (flatBy && Number(flatBy[1]) !== 0.001)
    problems.push(`quotes a flat slice as varying by less than ${flatBy[1]}`);
  const overBy = /by more than (\d+(?:\.\d+)?) (?:after having been lower|and more than)/.exec(sentence.text);
  if (overBy && Number(overBy[1]) !== 0.05) problems.push(`quotes the overshoot margin as ${overBy[1]}`);
  const limit = /hit the ([\d.]+) s time limit/.exec(sentence.text);
  if (limit && result.experiment === 'hardness' && Number(limit[1]) !== result.spec.timeLimit)
    problems.push(`quotes a ${limit[1]} s time limit, the spec has ${result.spec.timeLimit}`);
  if (!/^[A-Z0-9].*[.)]$/s.test(sentence.text)) problems.push('not a sentence (capital … full stop)');
  return first(...problems);
}

/**
 * What a sentence says about the data's K classes: every "ln k ≈ x" names k = K with x = ln K to
 * three decimals; a chance quoted beside an accuracy is 1/K; "answering 0.5" and "one neuron" are
 * two-class words (with K > 2 a net at the level gives each class 1/K, and depth 0 is K outputs).
 */
function classProblems(result: ExperimentResult, text: string): string[] {
  const classes = classesIn(result);
  const problems: string[] = [];
  for (const [, k, value] of text.matchAll(/ln (\d+) ≈ (\d+\.\d+)/g)) {
    if (Number(k) !== classes) problems.push(`names ln ${k} as the level of data with ${classes} classes`);
    if (value !== Math.log(Number(k)).toFixed(3)) problems.push(`names ln ${k} as ${value}`);
  }
  for (const [, chance] of text.matchAll(/chance (\d+)%/g))
    if (!samePercent(chance, 1 / classes))
      problems.push(`quotes chance as ${chance}% with ${classes} classes`);
  if (classes === 2 && /chance \d+%/.test(text)) problems.push('quotes chance on two classes');
  // The squared-error neuron of /restarts runs on its own two-class set, whatever the data: its
  // sentences are two-class sentences.
  const twoClassWords = /single neuron with squared error/.test(text) ? '' : text;
  if (classes > 2 && /answering 0\.5|single neuron|one neuron/.test(twoClassWords))
    problems.push(`two-class words ("answering 0.5", "one neuron") on ${classes} classes`);
  if (classes > 2 && /giving each of the (\d+) classes/.exec(text)?.[1] !== undefined) {
    const k = Number(/giving each of the (\d+) classes 1\/(\d+)/.exec(text)?.[1]);
    if (k !== classes) problems.push(`says ${k} classes, the data has ${classes}`);
  }
  return problems;
}

/**
 * Words that lean on a generated shape's geometry or on options that do not apply to a table: a
 * shape's name, input noise, a straight line that separates or is drawn (a table's boundaries live
 * in as many dimensions as it has features). None may be said of a table. "Rounding noise" and the
 * straight line between two sets of weights (landscape) are not about the data.
 */
const SHAPE_WORDS =
  /\b(moons|xor|XOR|circles|spiral|blobs|noise \d|[Ww]ith noise|input noise|straight line separates|straight-line projection|one straight line|no straight line)\b/;

// ---------------------------------------------------------------------------------------------
// Explanation-level checks.

/** Sentences that may go beyond the cap of three: collapse, spike, divergence and dead/saturated-unit notes. */
const NOTES: ReadonlySet<RuleId> = new Set([
  'loss-spiked-recovered',
  'step-overshoot',
  'dead-relu',
  'saturated',
]);

/** Rules that judge a trajectory or a depth trend: they need a run long enough to have one. */
const TRAJECTORY_VERDICTS: ReadonlySet<RuleId> = new Set([
  'never-learned',
  'some-learned',
  'did-not-move',
  'deeper-worse',
  'deeper-better',
  'depth-flat',
  'deep-still-falling',
  'degradation',
  'vanishing-cause',
  'offer-contrast',
  'sweep-none-learned',
]);

/** Pairs of rules that cannot both be true of one result. */
const CONTRADICTIONS: [RuleId, RuleId][] = [
  ['deeper-better', 'deeper-worse'],
  ['deeper-better', 'depth-flat'],
  ['deeper-better', 'degradation'],
  ['deeper-better', 'vanishing-cause'],
  ['deeper-better', 'deep-still-falling'],
  ['deeper-worse', 'depth-flat'],
  ['sweep-none-learned', 'deeper-better'],
  ['sweep-none-learned', 'deeper-worse'],
  ['reached', 'never-learned'],
  ['reached', 'some-learned'],
  ['degradation', 'vanishing-cause'],
  ['slice-bumpier', 'slice-not-bumpier'],
  ['residual-smoother', 'residual-not-smoother'],
  ['path-barrier', 'path-no-barrier'],
  ['map-all-learned', 'map-none-learned'],
  ['lp-feasible', 'lp-infeasible-shape'],
  ['lp-feasible', 'lp-infeasible-overlap'],
  ['neuron-one-minimum', 'neuron-not-settled'],
  ['neuron-one-minimum', 'separable-no-minimizer'],
  ['gradient-healthy', 'gradient-vanished'],
  ['gradient-healthy', 'all-gradients-tiny'],
  ['stable-step-shrinks', 'step-size-fix'],
];

/** "vanishing gradients" said as a cause, not in a denial ("not vanishing gradients", "not to …"). */
const namesVanishing = (text: string) =>
  [...text.matchAll(/vanishing gradients/gi)].some(
    (m) => !/not (to )?$/i.test(text.slice(Math.max(0, (m.index ?? 0) - 8), m.index)),
  );

/** The contrast a vanishing-gradients cause needs: a shallower depth every seed of which got clearly below the level. */
function hasVanishingContrast(result: ExperimentResult): boolean {
  if (result.experiment !== 'compare') return false;
  const table = rows(result);
  return table.some(
    (shallow) =>
      shallow.runs.every((r) => learnedEver(r) !== 'no' && r.final < LEARNED_ANY * r.level) &&
      table.some((deep) => deep.depth > shallow.depth && deep.runs.every((r) => learnedEver(r) !== 'yes')),
  );
}

/** Problems with the explanation as a whole (each a readable reason). */
export function checkExplanation(result: ExperimentResult, explanation: Explanation): string[] {
  const { sentences, lessonId } = explanation;
  const rules = new Set(sentences.map((s) => s.rule));
  const problems: string[] = [];
  const all = sentences.map((s) => s.text).join(' ');
  if (sentences.length === 0) problems.push('no sentence at all');
  if (/50\/50/.test(all)) problems.push('says "50/50"');
  const shapeWord = SHAPE_WORDS.exec(all)?.[1];
  if (tableIn(result) !== undefined && shapeWord !== undefined)
    problems.push(`says "${shapeWord}" of a table, whose shape the run does not show`);
  if (/not a sign of depth/i.test(all)) problems.push('says "not a sign of depth"');
  if (namesVanishing(all) && !hasVanishingContrast(result))
    problems.push(
      'names vanishing gradients without a shallower depth that learned on every seed with the same steps and learning rate',
    );
  // A run too short or too poor in budget to judge gets no stall, trend or contrast verdict.
  if (
    (result.experiment === 'train' || result.experiment === 'compare') &&
    shortBudget(result.spec) === 'yes'
  ) {
    const verdicts = [...rules].filter((r) => TRAJECTORY_VERDICTS.has(r));
    if (verdicts.length > 0 && !runsOf(result).every((r) => endedLearned(r) === 'yes'))
      problems.push(
        `a run of ${result.spec.steps} steps at rate ${result.spec.learningRate} judged as a trajectory: ${verdicts.join(', ')}`,
      );
  }
  if (result.experiment === 'map' && result.spec.steps < 10 && rules.has('map-trend'))
    problems.push(`a depth trend read from ${result.spec.steps} steps`);
  // Gradients no budget could use: no advice to add steps or raise the rate (Adam: far below its ε).
  if ('optimizer' in result.spec) {
    const norms = runsOf(result).flatMap((r) => r.snaps.flatMap((snap) => snap.layers));
    const advice = sentences.filter(
      (s) =>
        s.rule !== 'no-budget-helps' &&
        /(more steps|larger learning rate)/.test(s.text) &&
        !/cannot help/.test(s.text),
    );
    const bound = result.spec.optimizer === 'adam' ? 1e-13 : 1e-6;
    if (norms.length > 0 && norms.every((g) => ok(g) && g <= bound) && advice.length > 0)
      problems.push(`advises a bigger budget although every gradient is at most ${Math.max(...norms)}`);
    // In a sweep, advice is for the depths it names ("… more steps at depth 0"), or else for all.
    // A depth is surely frozen when even rate 10 for 3000 steps would move it by under 0.01 in all
    // (momentum builds steps up tenfold; Adam's step is the rate times gradient / 1e-7 below its ε).
    if (result.experiment === 'compare') {
      const runs = runsOf(result);
      const frozenBound = { sgd: 1e-7, momentum: 1e-8, adam: 1e-14 }[result.spec.optimizer];
      const frozen = depthsOf(runs).filter((d) => {
        const at = atDepth(runs, d).flatMap((r) => r.snaps.flatMap((snap) => snap.layers));
        return at.length > 0 && at.every((g) => ok(g) && g <= frozenBound);
      });
      for (const a of advice) {
        const named = /(?:more steps|larger learning rate)[^.;]* at depths? ([\d, and]+)\./.exec(a.text);
        const advised = named ? [...named[1]!.matchAll(/\d+/g)].map(Number) : depthsOf(runs);
        const wasted = advised.filter((d) => frozen.includes(d));
        if (wasted.length > 0)
          problems.push(
            `advises a bigger budget for depths ${wasted.join(', ')}, whose every gradient is at most ${frozenBound}`,
          );
      }
    }
  }
  for (const [a, b] of CONTRADICTIONS)
    if (rules.has(a) && rules.has(b)) problems.push(`contradiction: ${a} and ${b}`);
  const agreeing = sentences
    .filter((s) => s.rule === 'restarts-agree')
    .map((s) => namedGroup(result, s.text));
  const several = sentences
    .filter((s) => s.rule === 'several-stopping-places')
    .map((s) => namedGroup(result, s.text));
  if (agreeing.some((g) => g && several.includes(g)))
    problems.push('contradiction: a group both agrees and has several stopping places');
  if (/did best/.test(all) && /trained worse|did worse/.test(all) && result.experiment !== 'map')
    problems.push('contradiction: "did best" and "trained worse"');
  // The lesson fits the cause named.
  const lessonFor = (want: string[], why: string) => {
    if (!want.includes(lessonId))
      problems.push(`lesson ${lessonId} does not fit ${why} (expected ${want.join(' or ')})`);
  };
  if (rules.has('capacity') || rules.has('map-capacity')) lessonFor(['capacity'], 'a capacity cause');
  if (rules.has('overflow-at-init')) lessonFor(['signal-propagation'], 'an overflow at initialization');
  else if (rules.has('step-overshoot') || rules.has('step-size-fix') || rules.has('stable-step-shrinks'))
    lessonFor(['step-size'], 'a step-size cause');
  if (rules.has('vanishing-cause')) lessonFor(['vanishing-gradients'], 'a vanishing-gradients cause');
  if (rules.has('degradation')) lessonFor(['degradation'], 'degradation');
  // Length.
  const cap = result.experiment === 'hardness' ? 7 : result.experiment === 'map' ? 6 : 3;
  const counted = cap > 3 ? sentences.length : sentences.filter((s) => !NOTES.has(s.rule)).length;
  if (counted > cap)
    problems.push(`${sentences.length} sentences (${counted} counted against a cap of ${cap})`);
  return problems;
}
