import type { RuleId, Sentence } from '../../../src/bot/explain/types.js';
import type {
  ExperimentResult,
  LandscapeVariant,
  RestartGroup,
  RunResult,
} from '../../../src/engine/result.js';
import { HARDNESS_CHECKS } from './hardness-claims.js';
import { MAP_CHECKS } from './map-claims.js';

/*
 * The claims audit's own reading of a result: for each kind of sentence the explainer can say, a
 * predicate that checks the sentence's evidence against the result's numbers. Written apart from
 * the explainer, with its own thresholds and arithmetic (nothing is imported from
 * src/bot/explain but the rule names), so a wrong rule in the explainer is not also in its check.
 * Thresholds here are deliberately a little looser than the explainer's: they ask "is the
 * sentence supported by the numbers?", not "did the explainer use its exact cut-off?".
 */

type Loss = 'cross-entropy' | 'mse';

/** A predicate: undefined when the sentence's evidence holds, otherwise what is wrong. */
type Check = (result: ExperimentResult, sentence: Sentence) => string | undefined;

const noLearning = (loss: Loss) => (loss === 'mse' ? 0.25 : Math.log(2));
const isNumber = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const avg = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const fail = (ok: boolean, why: string) => (ok ? undefined : why);

interface LossRun {
  run: RunResult;
  loss: Loss;
}

function lossRuns(result: ExperimentResult): LossRun[] {
  if (result.experiment === 'train' || result.experiment === 'compare')
    return result.runs.map((run) => ({ run, loss: result.spec.loss }));
  if (result.experiment === 'restarts')
    return result.groups.flatMap((g) => g.runs.map((run) => ({ run, loss: g.loss })));
  return [];
}

const curve = (run: RunResult) => run.lossCurve.losses as (number | null)[];
const blown = (run: RunResult) => !isNumber(run.finalLoss) || curve(run).some((l) => !isNumber(l));

/** Loss a tenth of the steps before the end, relative to the final loss (0 = flat). */
function fallOverLastTenth(run: RunResult): number {
  const { steps, losses } = run.lossCurve;
  const end = steps[steps.length - 1] ?? 0;
  let i = 0;
  while (i < steps.length - 2 && (steps[i] ?? 0) < 0.9 * end) i++;
  const before = losses[i] ?? 0;
  const after = losses[losses.length - 1] ?? 0;
  return after > 0 ? (before - after) / after : before > 0 ? Number.POSITIVE_INFINITY : 0;
}

/** The lowest loss before the loss first rose by `rise` to above `floor`, or undefined if it never did. */
function lowBeforeJump(run: RunResult, rise: number, floor: number): number | undefined {
  let lowest = Number.POSITIVE_INFINITY;
  for (const loss of curve(run)) {
    if (!isNumber(loss)) continue;
    if (loss - lowest >= rise && loss > floor) return lowest;
    lowest = Math.min(lowest, loss);
  }
  return undefined;
}

const jumpedUp = ({ run, loss }: LossRun) => lowBeforeJump(run, 0.3 * noLearning(loss), noLearning(loss));
/** Came back after the jump: ended near where it was before, below 50/50 by at least `gap`. */
const cameBack = ({ run, loss }: LossRun, before: number, slack: number, gap: number) =>
  isNumber(run.finalLoss) && run.finalLoss <= noLearning(loss) - gap && run.finalLoss <= before + slack;
const spikeEvidence = (x: LossRun) => {
  const before = jumpedUp(x);
  return before !== undefined && !cameBack(x, before, 0.03, 0.02);
};
const recoveredSpikeEvidence = (x: LossRun) => {
  const before = jumpedUp(x);
  return before !== undefined && cameBack(x, before, 0.1, 0.005);
};
const aboveEvidence = ({ run, loss }: LossRun) => {
  const finite = curve(run).filter(isNumber);
  return (
    isNumber(run.finalLoss) && run.finalLoss > noLearning(loss) + 0.01 && Math.min(...finite) < run.finalLoss
  );
};

function layersAt(run: RunResult, step: number): number[] {
  return run.gradientNorms.find((s) => s.step === step)?.perLayer ?? [];
}

function initialRatio(run: RunResult): number {
  const layers = layersAt(run, 0);
  return (layers[0] ?? Number.NaN) / (layers[layers.length - 1] ?? Number.NaN);
}

/** The runs a sentence is about: those of the depth it names ("depth 8's"), else all of them. */
function runsNamed(result: ExperimentResult, text: string): RunResult[] {
  const runs = lossRuns(result).map((r) => r.run);
  const named = /[Dd]epth (\d+)(?:'s| was|,)/.exec(text);
  return named ? runs.filter((run) => run.depth === Number(named[1])) : runs;
}

function depthMeans(result: ExperimentResult): { depth: number; mean: number; runs: RunResult[] }[] {
  if (result.experiment !== 'compare') return [];
  const depths = [...new Set(result.runs.map((r) => r.depth))].sort((a, b) => a - b);
  return depths.map((depth) => {
    const runs = result.runs.filter((r) => r.depth === depth);
    return { depth, runs, mean: avg(runs.map((r) => r.finalLoss)) };
  });
}

function shallowDeep(result: ExperimentResult) {
  const means = depthMeans(result);
  return { shallow: means[0], deep: means[means.length - 1] };
}

const ARCHITECTURE_NAMES: [RegExp, RestartGroup['architecture']][] = [
  [/single neuron \(cross-entropy\)|runs? classif/, 'neuron'],
  [/single neuron with squared error/, 'neuron-mse'],
  [/3-node network/, 'three-node'],
  [/depth-\d+ network/, 'deep'],
];

function groupNamed(result: ExperimentResult, text: string): RestartGroup | undefined {
  if (result.experiment !== 'restarts') return undefined;
  const match = ARCHITECTURE_NAMES.find(([pattern]) => pattern.test(text));
  return match ? result.groups.find((g) => g.architecture === match[1]) : undefined;
}

const spreadOf = (losses: readonly number[]) => Math.max(...losses) - Math.min(...losses);

function landscapeParts(result: ExperimentResult) {
  if (result.experiment !== 'landscape') return {};
  const top = Math.max(...result.variants.map((v) => v.depth));
  return {
    shallow: result.variants.find((v) => v.depth < top && !v.residual),
    plain: result.variants.find((v) => v.depth === top && !v.residual),
    residual: result.variants.find((v) => v.depth === top && v.residual),
  };
}

/** Clearly bumpier: more extra minima and no smoother, or clearly rougher and no fewer minima. */
const bumpierThan = (a: LandscapeVariant, b: LandscapeVariant) =>
  (a.extraMinima > b.extraMinima && a.roughness >= b.roughness * 0.8) ||
  (a.roughness > b.roughness * 1.1 && a.extraMinima >= b.extraMinima);

/** Bumpier beyond doubt: more extra minima and 30% rougher. */
const clearlyBumpier = (a?: LandscapeVariant, b?: LandscapeVariant) =>
  !!a && !!b && a.extraMinima > b.extraMinima && a.roughness > b.roughness * 1.3;

function pathNumbers(v: LandscapeVariant) {
  const pts = v.line.positions.map((p, i) => ({ p, l: v.line.losses[i] ?? Number.NaN }));
  const on = pts.filter(({ p }) => p >= -1e-9 && p <= 1 + 1e-9).map(({ l }) => l);
  let rise = 0;
  let low = Number.POSITIVE_INFINITY;
  for (const l of on) {
    low = Math.min(low, l);
    rise = Math.max(rise, l - low);
  }
  return {
    start: on[0] ?? Number.NaN,
    end: on[on.length - 1] ?? Number.NaN,
    rise,
    range: spreadOf(v.line.losses),
  };
}

const firstOverLast = (g: { perLayer: number[] }) => (g.perLayer[0] ?? 0) / (g.perLayer.at(-1) ?? 1);

/** Vanished all through training: the first/last ratio stays below `below` at several measured steps. */
const vanishedAllAlong = (run: RunResult, below = 0.02) =>
  run.gradientNorms.length >= 2 && run.gradientNorms.every((g) => firstOverLast(g) < below);

/**
 * The first layer stuck all through training: its own gradient stays below `below` at several
 * measured steps, and whenever the ratio is above its start it is because the last layer's gradient
 * fell (with the last layer's starting gradient, the ratio would still be under 0.02).
 */
function firstLayerStuck(run: RunResult, below = 0.011): boolean {
  const [start, ...later] = run.gradientNorms;
  if (!start || later.length === 0) return false;
  const last0 = start.perLayer.at(-1) ?? 0;
  return run.gradientNorms.every((g) => {
    const first = g.perLayer[0] ?? 0;
    const lastFell = firstOverLast(g) <= firstOverLast(start) || (g.perLayer.at(-1) ?? 0) < last0;
    return first < below && first / last0 < 0.02 && lastFell;
  });
}

/**
 * What a vanished gradient says about learning: "barely learn" needs the ratio tiny all through
 * training, or the first layer's own gradient tiny all through training in a net that learned
 * nothing; neither that nor "almost no update" holds under Adam, whose steps do not scale with the
 * gradient. "At first" implies a recovery: it is wrong when the numbers clearly show none.
 */
function learningClaimProblem(r: ExperimentResult, s: Sentence, runs: RunResult[]): string | undefined {
  const adam = 'optimizer' in r.spec && r.spec.optimizer === 'adam';
  const loss = specLoss(r);
  const stuck = (below: number, stall: number) =>
    runs.every((run) => firstLayerStuck(run, below) && Math.abs(run.finalLoss - noLearning(loss)) < stall);
  if (/barely learn|almost no update/.test(s.text) && adam)
    return 'Adam steps do not scale with the gradient';
  if (/barely learn/.test(s.text) && !runs.every((run) => vanishedAllAlong(run)) && !stuck(0.011, 0.02))
    return 'the first layer got a sizeable gradient later in training, or the net learned';
  const neverRecovered = runs.every((run) => vanishedAllAlong(run, 0.005)) || (!adam && stuck(0.005, 0.005));
  if (/at first/.test(s.text) && runs.length > 0 && neverRecovered)
    return '"at first" implies a recovery the snapshots never show';
  return undefined;
}

/** The evidence a sentence quotes for how long the gradient stayed vanished, checked against the runs. */
function spanClaimProblem(s: Sentence, runs: RunResult[]): string | undefined {
  if (
    /own gradient stays below 0\.01 at every step measured/.test(s.text) &&
    !runs.every((run) => firstLayerStuck(run))
  )
    return "the first layer's own gradient grew, or the ratio rose without the last layer's falling";
  if (
    /below a hundredth(?: of it)? at every step measured/.test(s.text) &&
    !runs.every((run) => vanishedAllAlong(run))
  )
    return 'the ratio rose above a hundredth during training';
  if (/at any step measured/.test(s.text) && !runs.every((run) => vanishedAllAlong(run)))
    return 'the gradient reached the first layer later in training';
  return undefined;
}

const SHAPES = ['xor', 'circles', 'spiral', 'moons'];
const specLoss = (r: ExperimentResult): Loss => ('loss' in r.spec ? r.spec.loss : 'cross-entropy');
const activation = (r: ExperimentResult) => ('activation' in r.spec ? r.spec.activation : undefined);
const stalledRun = (run: RunResult, loss: Loss) => Math.abs(run.finalLoss - noLearning(loss)) < 0.02;

/** Every rule the explainer has, with the audit's check of its evidence. */
export const CLAIM_CHECKS: Record<RuleId, Check> = {
  'no-runs': (r) =>
    fail(
      r.experiment === 'hardness'
        ? r.instances.length === 0
        : lossRuns(r).length === 0 && r.experiment !== 'landscape',
      'there are runs',
    ),
  diverged: (r) =>
    fail(
      lossRuns(r).some(({ run }) => blown(run)) ||
        (r.experiment === 'landscape' && r.variants.some((v) => !isNumber(v.finalLoss))),
      'no run overflowed',
    ),
  'diverged-fix': (r) =>
    fail(
      lossRuns(r)
        .filter(({ run }) => blown(run))
        .every(({ run }) => isNumber(curve(run)[0]) && (curve(run)[0] ?? 0) < 1e3),
      'a run overflowed at initialization, not from its steps',
    ),
  'diverged-at-init': (r) =>
    fail(
      lossRuns(r).some(({ run }) => !isNumber(curve(run)[0]) || (curve(run)[0] ?? 0) >= 1e3),
      'every start was sane',
    ),
  'loss-spiked': (r, s) => {
    // "In k of n runs the loss jumped up" reads as "only k": the count must say it is of runs that stayed up.
    if (!/jumped up during training and did not come back down/.test(s.text))
      return 'counts runs that jumped without saying it counts only those that stayed up';
    const runs = lossRuns(r);
    const quoted = Number(/^In (?:all )?(\d+)/.exec(s.text)?.[1]);
    const more = /in (\d+) more \(.*\) it jumped and came back down/.exec(s.text)?.[1];
    const stayedUp = runs.filter(spikeEvidence).length;
    if (!(quoted > 0 && quoted <= stayedUp)) return `${quoted} runs quoted, ${stayedUp} jumped and stayed up`;
    const cameBackDown = runs.filter(recoveredSpikeEvidence).length;
    if (more !== undefined && Number(more) > cameBackDown)
      return `${more} runs quoted as back down, ${cameBackDown} came back`;
    return undefined;
  },
  'loss-spiked-recovered': (r, s) => {
    const named = (/^At depths? ([\d, and]+) \(/.exec(s.text)?.[1] ?? '').match(/\d+/g)?.map(Number) ?? [];
    const runs = lossRuns(r).filter(({ run }) => named.includes(run.depth));
    const recovered = runs.filter(recoveredSpikeEvidence);
    const [, , to, end] =
      /from ([\d.e-]+) to ([\d.e-]+).* (?:recovered to|ended at) ([\d.e-]+)/.exec(s.text) ?? [];
    const quoted = recovered.some(
      ({ run }) =>
        curve(run).some((l) => isNumber(l) && Math.abs(l - Number(to)) < 0.0006) &&
        Math.abs(run.finalLoss - Number(end)) <= 0.0006 + 0.06 * Number(end),
    );
    return fail(
      named.length > 0 && recovered.length > 0 && quoted,
      'no named run spiked and came back to where it was, as quoted',
    );
  },
  'ended-above-no-learning': (r) =>
    fail(lossRuns(r).some(aboveEvidence), 'no run ended above the no-learning loss'),
  'step-size-fix': (r) =>
    fail(
      lossRuns(r).some((x) => spikeEvidence(x) || aboveEvidence(x)),
      'no spike and no run above the no-learning loss',
    ),
  'all-stalled': (r) =>
    fail(
      lossRuns(r).every(({ run, loss }) => stalledRun(run, loss)),
      'a run learned something',
    ),
  'some-stalled': (r) => {
    const stalled = lossRuns(r).filter(({ run, loss }) => stalledRun(run, loss)).length;
    return fail(stalled > 0 && stalled < lossRuns(r).length, `${stalled} runs stalled`);
  },
  reached: (r, s) => {
    const quoted = Number(/training loss of ([\d.e-]+)/.exec(s.text)?.[1]);
    const mean = avg(lossRuns(r).map(({ run }) => run.finalLoss));
    return fail(Math.abs(quoted - mean) <= 0.0005 + 0.01 * mean, `quoted ${quoted}, mean ${mean}`);
  },
  'needs-hidden-layer': (r) =>
    fail(
      r.experiment === 'train' && r.spec.depth === 0 && ['xor', 'circles', 'spiral'].includes(r.spec.dataset),
      'not a neuron on a bent data set',
    ),
  'separable-no-minimizer': (r, s) => {
    const group = groupNamed(r, s.text);
    const runs = group ? group.runs : lossRuns(r).map((x) => x.run);
    const falling = !/still falling/.test(s.text) || runs.every((run) => fallOverLastTenth(run) > 0);
    return fail(
      specLoss(r) === 'cross-entropy' && runs.every((run) => run.finalAccuracy === 1) && falling,
      'some run misclassifies a point',
    );
  },
  'linear-is-one-line': (r) => fail(activation(r) === 'linear', 'units are not linear'),
  'all-gradients-tiny': (r, s) => {
    const runs = runsNamed(r, s.text);
    const largest = Math.max(...runs.flatMap((run) => run.gradientNorms.flatMap((g) => g.perLayer)));
    if (/usable update/.test(s.text) && 'optimizer' in r.spec && r.spec.optimizer === 'adam')
      return 'Adam rescales tiny gradients into full-size steps';
    return fail(runs.length > 0 && largest < 1e-3, `a layer's gradient reached ${largest}`);
  },
  'gradient-vanished': (r, s) => {
    const runs = runsNamed(r, s.text);
    const problem = learningClaimProblem(r, s, runs) ?? spanClaimProblem(s, runs);
    if (problem) return problem;
    const ok = runs.every((run) => initialRatio(run) < 0.02 && (layersAt(run, 0)[0] ?? 1) < 0.05);
    return fail(runs.length > 0 && ok, 'the first layer gets a sizeable gradient');
  },
  'gradient-weak': (r, s) => {
    const runs = runsNamed(r, s.text);
    return fail(
      runs.length > 0 && runs.every((run) => initialRatio(run) >= 0.005 && initialRatio(run) <= 0.2),
      'ratio not weak',
    );
  },
  'gradient-healthy': (r, s) => {
    const runs = runsNamed(r, s.text);
    const ok = runs.every((run) => {
      const ratio = initialRatio(run);
      return ratio >= 0.05 && ratio <= 20 && Math.min(...layersAt(run, 0)) > 1e-5;
    });
    return fail(runs.length > 0 && ok, 'a ratio is far from 1 or a layer gradient is tiny');
  },
  'gradient-exploding': (r, s) => {
    const runs = runsNamed(r, s.text);
    return fail(runs.length > 0 && runs.every((run) => initialRatio(run) > 5), 'ratio not large');
  },
  'gradient-ratio-falls': (r, s) => {
    const { shallow, deep } = shallowDeep(r);
    if (!shallow || !deep) return 'not a sweep';
    const problem = learningClaimProblem(r, s, deep.runs) ?? spanClaimProblem(s, deep.runs);
    if (problem) return problem;
    const ratio = (runs: RunResult[]) => avg(runs.map(initialRatio));
    return fail(
      ratio(shallow.runs) > ratio(deep.runs) && deep.runs.every((run) => initialRatio(run) < 0.02),
      'ratio did not fall to vanishing',
    );
  },
  saturated: (r) => {
    const runs = lossRuns(r).map((x) => x.run);
    const share = avg(runs.flatMap((run) => run.saturation.atEnd));
    return fail(
      (activation(r) === 'sigmoid' || activation(r) === 'tanh') && share >= 0.2,
      `saturated share ${share}`,
    );
  },
  'dead-relu': (r) => {
    const share = avg(lossRuns(r).flatMap(({ run }) => run.saturation.atEnd));
    return fail(activation(r) === 'relu' && share >= 0.2, `dead share ${share}`);
  },
  'sweep-all-stalled': (r) =>
    fail(
      lossRuns(r).every(({ run, loss }) => stalledRun(run, loss)),
      'some depth learned',
    ),
  'deeper-worse': (r) => {
    const { shallow, deep } = shallowDeep(r);
    return fail(
      !!shallow && !!deep && deep.mean > shallow.mean + 0.01 && activation(r) !== 'linear',
      'deep not worse',
    );
  },
  'depth-flat': (r) => {
    const { shallow, deep } = shallowDeep(r);
    return fail(
      !!shallow && !!deep && Math.abs(deep.mean - shallow.mean) <= Math.max(0.03, 0.15 * shallow.mean),
      'depth changed the loss',
    );
  },
  'deeper-better': (r) => {
    const { shallow, deep } = shallowDeep(r);
    return fail(
      !!shallow && !!deep && deep.mean < shallow.mean - 0.01 && activation(r) !== 'linear',
      'deep not better',
    );
  },
  'linear-depth-is-speed': (r) => fail(activation(r) === 'linear', 'units are not linear'),
  'stalled-depths': (r, s) => {
    const named = (/Depths? ([\d, and]+) stalled/.exec(s.text)?.[1] ?? '').match(/\d+/g)?.map(Number) ?? [];
    const runs = lossRuns(r).filter(({ run }) => named.includes(run.depth));
    return fail(
      named.length > 0 && runs.length > 0 && runs.every(({ run, loss }) => stalledRun(run, loss)),
      'a named depth learned',
    );
  },
  'deep-still-falling': (r) => {
    const { deep } = shallowDeep(r);
    return fail(!!deep && deep.runs.every((run) => fallOverLastTenth(run) > 0.005), 'a deep run had stopped');
  },
  degradation: (r, sentence) => {
    const { shallow, deep } = shallowDeep(r);
    if (!shallow || !deep || r.experiment !== 'compare') return 'not a sweep';
    // Healthy at the start and at every recorded step after it.
    const healthy = deep.runs.every((run) => {
      const ratios = run.gradientNorms.map(({ perLayer }) => perLayer[0]! / perLayer.at(-1)!);
      return ratios.every((q) => q >= 0.05 && q <= 20) && Math.min(...layersAt(run, 0)) > 1e-5;
    });
    // "The degradation He et al. reported" is their setting only: plain relu nets with batch norm.
    if (
      /the degradation He et al/.test(sentence.text) &&
      !(r.spec.activation === 'relu' && r.spec.normalization === 'batch')
    )
      return "He et al.'s degradation claimed outside relu + batch norm";
    const settled = deep.runs.every((run) => fallOverLastTenth(run) < 0.05);
    const learned = Math.abs(deep.mean - noLearning(r.spec.loss)) > 0.02;
    return fail(
      !r.spec.residual &&
        r.spec.activation !== 'linear' &&
        deep.mean > shallow.mean + 0.01 &&
        healthy &&
        settled &&
        learned,
      'no degradation shown',
    );
  },
  'neuron-one-minimum': (r) => {
    const group = r.experiment === 'restarts' ? r.groups.find((g) => g.architecture === 'neuron') : undefined;
    if (!group) return 'no neuron group';
    const settled = group.runs.every((run) => fallOverLastTenth(run) < 0.02);
    const minimizer = group.runs.some((run) => run.finalAccuracy < 1);
    return fail(
      spreadOf(group.finalLosses) <= 0.02 && settled && minimizer,
      'neuron restarts do not agree at a minimum',
    );
  },
  'neuron-not-settled': (r, s) => {
    const group = r.experiment === 'restarts' ? r.groups.find((g) => g.architecture === 'neuron') : undefined;
    if (!group) return 'no neuron group';
    const falling = group.runs.filter((run) => fallOverLastTenth(run) > 0.005).length;
    const claimsFalling = /still falling/.test(s.text);
    return fail(
      spreadOf(group.finalLosses) > 0.001 && (!claimsFalling || falling > 0),
      'neuron restarts agree',
    );
  },
  'restarts-agree': (r, s) => {
    const group = groupNamed(r, s.text);
    if (!group) return 'group not found';
    const [low, high] = [Math.min(...group.finalLosses), Math.max(...group.finalLosses)];
    return fail(high - low <= 0.02 && (high <= 1.5 * low || high < 0.02), `losses ${low}..${high}`);
  },
  'restarts-all-stalled': (r, s) => {
    const group = groupNamed(r, s.text);
    if (!group) return 'group not found';
    return fail(
      group.finalLosses.every((l) => Math.abs(l - noLearning(group.loss)) < 0.02),
      'a restart learned',
    );
  },
  'several-stopping-places': (r, s) => {
    const group = groupNamed(r, s.text);
    if (!group) return 'group not found';
    const settled = group.runs.every((run) => fallOverLastTenth(run) < 0.02);
    return fail(spreadOf(group.finalLosses) > 0.005 && settled, 'no spread, or runs still falling');
  },
  'plateaus-left-at-different-times': (r, s) => {
    const group = groupNamed(r, s.text);
    if (!group) return 'group not found';
    const falling = group.runs.some((run) => fallOverLastTenth(run) > 0.005);
    return fail(spreadOf(group.finalLosses) > 0.005 && falling, 'no spread, or no run still falling');
  },
  'slice-bumpier': (r) => {
    const { shallow, plain } = landscapeParts(r);
    return fail(!!shallow && !!plain && bumpierThan(plain, shallow), 'deep slice not bumpier');
  },
  'slice-not-bumpier': (r) => {
    const { shallow, plain } = landscapeParts(r);
    return fail(!!plain && !!shallow && !clearlyBumpier(plain, shallow), 'deep slice clearly bumpier');
  },
  'residual-smoother': (r) => {
    const { plain, residual } = landscapeParts(r);
    return fail(!!plain && !!residual && bumpierThan(plain, residual), 'residual slice not smoother');
  },
  'residual-not-smoother': (r) => {
    const { plain, residual } = landscapeParts(r);
    return fail(!!plain && !!residual && !clearlyBumpier(plain, residual), 'residual slice clearly smoother');
  },
  'path-no-barrier': (r) => {
    const v = landscapeParts(r).plain;
    if (!v) return 'no deep plain variant';
    const { start, end, rise, range } = pathNumbers(v);
    return fail(end < start && rise <= 0.05 * range, `rise ${rise} of ${range}`);
  },
  'path-barrier': (r) => {
    const v = landscapeParts(r).plain;
    if (!v) return 'no deep plain variant';
    const { start, end, rise, range } = pathNumbers(v);
    return fail(end < start && rise >= 0.01 * range, `rise ${rise} of ${range}`);
  },
  'lp-feasible': (r) => fail(r.experiment === 'lp' && r.feasible && r.minViolations === 0, 'LP not feasible'),
  'lp-gradient-descent': (r, s) => {
    if (r.experiment !== 'lp') return 'not an lp result';
    const quoted = Number(/loss ([\d.e-]+) and/.exec(s.text)?.[1]);
    return fail(Math.abs(quoted - r.gradientDescent.finalLoss) < 0.0006, `quoted ${quoted}`);
  },
  'lp-infeasible-shape': (r) =>
    fail(
      r.experiment === 'lp' && !r.feasible && SHAPES.includes(r.spec.dataset),
      'not an infeasible bent shape',
    ),
  'lp-infeasible-overlap': (r) =>
    fail(
      r.experiment === 'lp' && !r.feasible && r.minViolations > 0 && !SHAPES.includes(r.spec.dataset),
      'not an overlap',
    ),
  'lp-gradient-descent-stalled': (r) =>
    fail(
      r.experiment === 'lp' && Math.abs(r.gradientDescent.finalLoss - Math.log(2)) < 0.02,
      'gradient descent learned',
    ),
  ...HARDNESS_CHECKS,
  ...MAP_CHECKS,
};
