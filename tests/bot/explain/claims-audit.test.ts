import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { explainResult, type RuleId } from '../../../src/bot/explain/explain-result.js';
import type { ExperimentResult, HardnessResult, MapResult } from '../../../src/engine/result.js';
import { compareResult, group, lpResult, restartsResult, summary, trainResult } from '../explain-fixtures.js';
import { coverage, drawableValues, MIN_SEEN, type SampledOptions, sampleSpecs } from './audit-sampler.js';
import { CHECKS, checkExplanation, checkSentence } from './oracle.js';

/*
 * The randomized claims audit. Specs drawn by the seeded sampler from the whole option space of
 * every experiment (and a few named cases) were run on the real engine
 * (scripts/record-explain-audit.ts → audit-runs.json.gz); every sentence the explainer says about
 * each of them must pass the independent oracle (oracle.ts), and so must each explanation as a
 * whole. Every failure is collected and printed with its spec, rule, sentence and reason.
 */

interface Recorded {
  options: SampledOptions;
  result: ExperimentResult;
}
interface Recording {
  samplerSeed: number;
  sampled: Recorded[];
  cases: Recorded[];
}

const recording = JSON.parse(
  gunzipSync(readFileSync(new URL('./audit-runs.json.gz', import.meta.url))).toString('utf8'),
) as Recording;

const label = (options: Record<string, unknown>) =>
  Object.entries(options)
    .filter(([k]) => !['animate', 'frames', 'gridSize'].includes(k))
    .map(([k, v]) => `${k}:${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`)
    .join(' ');

/** Hand-made results for rules the recorded runs may not reach (built from the shared fixtures). */
function handMade(): Recorded[] {
  const made: [string, ExperimentResult][] = [];
  const noRuns = trainResult({ depth: 4 }, []);
  made.push(['no run finished', noRuns]);
  // A full budget in which a net that started below ln 2 stayed where it started.
  const unmoved = trainResult({ depth: 4 }, [0.5, 0.52]);
  for (const run of unmoved.runs)
    run.lossCurve = { steps: [0, 150, 300], losses: [run.finalLoss + 0.001, run.finalLoss, run.finalLoss] };
  made.push(['a net below ln 2 from the start that did not move in 300 steps', unmoved]);
  const exploding = trainResult({ depth: 4 }, [0.31, 0.3], 30);
  made.push(['first-layer gradient 30 times the last', exploding]);
  const degradation = compareResult({ activation: 'relu', init: 'he', normalization: 'batch' }, [
    summary(2, [0.05, 0.06], 0.9),
    summary(16, [0.24, 0.26], 0.8),
  ]);
  made.push(['a deep plain relu+batch net worse with a healthy gradient', degradation]);
  const neverSweep = compareResult({}, [summary(1, [Math.LN2], 0.3), summary(8, [Math.LN2 + 1e-4], 1e-5)]);
  made.push(['every depth stalled', neverSweep]);
  const deepSlow = summary(8, [0.5, 0.52], 0.9);
  for (const run of deepSlow.runs)
    run.lossCurve = { steps: [0, 270, 300], losses: [0.7, run.finalLoss * 1.2, run.finalLoss] };
  made.push([
    'a deep net worse but still falling',
    compareResult({}, [summary(2, [0.3, 0.31], 0.9), deepSlow]),
  ]);
  const unsettled = group('neuron', [0.3, 0.34, 0.4]);
  for (const run of unsettled.runs)
    run.lossCurve = { steps: [0, 270, 300], losses: [0.7, run.finalLoss * 1.1, run.finalLoss] };
  made.push(['neuron restarts spread and still falling', restartsResult([unsettled])]);
  made.push([
    'lp infeasible, gradient descent at ln 2',
    lpResult('xor', false, { finalLoss: Math.LN2, accuracy: 0.5 }),
  ]);
  made.push([
    'lp infeasible on overlapping blobs',
    lpResult('blobs', false, { finalLoss: 0.4, accuracy: 0.8 }),
  ]);
  const blownAtInit = trainResult({ depth: 4, weightScale: 8 }, [Number.NaN, Number.NaN]);
  for (const run of blownAtInit.runs)
    run.lossCurve = { steps: [0, 270, 300], losses: [1e6, Number.NaN, Number.NaN] };
  made.push(['a run overflowed at initialization', blownAtInit]);
  const shallow = summary(1, [0.3, 0.31], 0.3);
  const starved = summary(8, [Math.LN2, Math.LN2], 1e-5);
  for (const run of starved.runs) {
    run.lossCurve = { steps: [0, 270, 300], losses: [0.7, Math.LN2, Math.LN2] };
    const layers = run.gradientNorms[0]!.perLayer;
    run.gradientNorms = [0, 150, 300].map((step) => ({ step, perLayer: [...layers] }));
  }
  made.push(['a deep net starved next to a shallow one that learned', compareResult({}, [shallow, starved])]);
  made.push(['a tanh × σ_w² map with its mean-field prediction', theoryMap()]);
  made.push(['a hardness sweep whose time grew but not its work', hardnessTimeOnly()]);
  const cut = hardnessTimeOnly();
  const largest = cut.instances.at(-1)!;
  largest.exact = { ...largest.exact, status: 'time-limit', solveMs: 1000 * cut.spec.timeLimit, nodes: 0 };
  made.push(['a hardness sweep whose largest solve hit the time limit', cut]);
  const flat = hardnessTimeOnly();
  for (const record of flat.instances) record.exact = { ...record.exact, solveMs: 20 };
  made.push(['a hardness sweep whose time did not grow', flat]);
  return made.map(([name, result]) => ({
    options: { experiment: `${result.experiment} (hand-made: ${name})` },
    result: JSON.parse(JSON.stringify(result)) as ExperimentResult,
  }));
}

/** A small tanh × σ_w² map (Gaussian init) with a mean-field prediction per column. */
function theoryMap(): MapResult {
  const cell = (depth: number, value: number, loss: number) => ({
    depth,
    value,
    finalLosses: [loss],
    meanFinalLoss: loss,
    stepsToThreshold: [loss < 0.35 ? 100 : null],
  });
  return {
    experiment: 'map',
    backend: 'wasm',
    durationMs: 1000,
    spec: {
      experiment: 'map',
      depths: [2, 8],
      axis: 'weightScale',
      values: [1, 3],
      metric: 'loss',
      threshold: 0.35,
      seeds: 1,
      width: 32,
      activation: 'tanh',
      init: 'gaussian',
      residual: false,
      normalization: 'none',
      loss: 'cross-entropy',
      weightScale: 1,
      biasScale: 0.05,
      optimizer: 'sgd',
      learningRate: 0.1,
      steps: 300,
      dataset: 'moons',
      points: 128,
      noise: 0.1,
      seed: 1,
    },
    axisValues: [1, 3],
    cells: [cell(2, 1, 0.2), cell(2, 3, 0.3), cell(8, 1, 0.69), cell(8, 3, 0.69)],
    theory: [
      { weightScale: 1, qStar: 0.1, chi1: 0.9, cStar: 1, depthScale: 0.9, trainableDepth: 5.4 },
      { weightScale: 3, qStar: 0.8, chi1: 1.2, cStar: 0.5, depthScale: 5, trainableDepth: 30 },
    ],
  };
}

/** A hardness sweep (d = 4, n = 8 and 32) whose slowest solve took ten times longer with no more solver work. */
function hardnessTimeOnly(): HardnessResult {
  const record = (n: number, solveMs: number) => ({
    n,
    d: 4,
    labels: 'random' as const,
    positives: n / 2,
    exact: { status: 'no-fit' as const, solveMs, nodes: 3, lpIterations: 40 },
    lp: { separable: false, status: 'Infeasible', solveMs: 0.4 },
  });
  return {
    experiment: 'hardness',
    backend: 'wasm',
    durationMs: 100,
    spec: {
      experiment: 'hardness',
      sizes: [8, 32],
      dims: [4],
      inputs: 'gaussian',
      labels: 'random',
      timeLimit: 0.3,
      restarts: 8,
      steps: 300,
      learningRate: 0.1,
      seed: 1,
    },
    instances: [record(8, 2), record(32, 20)],
    skipped: [],
  };
}

interface Failure {
  where: string;
  rule: string;
  text: string;
  reason: string;
}

function audit(entries: readonly Recorded[]): { failures: Failure[]; sentences: number; rules: Set<RuleId> } {
  const failures: Failure[] = [];
  const rules = new Set<RuleId>();
  let sentences = 0;
  for (const { options, result } of entries) {
    const where = label(options);
    let explanation: ReturnType<typeof explainResult>;
    try {
      explanation = explainResult(result);
    } catch (error) {
      failures.push({ where, rule: '(explainer threw)', text: '', reason: String(error) });
      continue;
    }
    for (const sentence of explanation.sentences) {
      sentences++;
      rules.add(sentence.rule);
      let reason: string | undefined;
      try {
        reason = checkSentence(result, sentence);
      } catch (error) {
        reason = `oracle threw: ${String(error)}`;
      }
      if (reason) failures.push({ where, rule: sentence.rule, text: sentence.text, reason });
    }
    for (const reason of checkExplanation(result, explanation))
      failures.push({
        where,
        rule: `(explanation, lesson ${explanation.lessonId})`,
        text: explanation.sentences.map((s) => `[${s.rule}] ${s.text}`).join(' | '),
        reason,
      });
  }
  return { failures, sentences, rules };
}

const report = (failures: readonly Failure[]) =>
  failures
    .map((f, i) => `#${i + 1} ${f.rule}\n  spec: ${f.where}\n  said: ${f.text}\n  why:  ${f.reason}`)
    .join('\n\n');

describe('the randomized claims audit', () => {
  const entries = [...recording.sampled, ...recording.cases];
  const made = handMade();
  const result = audit([...entries, ...made]);

  it('replays exactly what the sampler draws, enough of it', () => {
    expect(recording.sampled.length).toBeGreaterThanOrEqual(300);
    expect(recording.sampled.map((r) => r.options)).toEqual(sampleSpecs(recording.samplerSeed));
  });

  it('covers every drawable value at least MIN_SEEN times, and logs the counts', () => {
    const table = coverage(recording.sampled.map((r) => r.options));
    const missing: string[] = [];
    for (const [key, values] of drawableValues())
      for (const value of values) {
        const seen = table.get(key)?.get(value) ?? 0;
        if (seen < MIN_SEEN) missing.push(`${key}=${value} (${seen})`);
      }
    const lines = [...table]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, row]) => `  ${key}: ${[...row].map(([v, n]) => `${v}:${n}`).join(' ')}`);
    console.log(
      [
        `claims audit: ${recording.sampled.length} sampled specs + ${recording.cases.length} cases + ${made.length} hand-made results; ${result.sentences} sentences checked; ${result.failures.length} failures`,
        'coverage (experiment.field value:count):',
        ...lines,
      ].join('\n'),
    );
    expect(missing).toEqual([]);
  });

  it('every sentence of every explanation is supported by its run (the oracle agrees)', () => {
    expect(result.failures, `${result.failures.length} failures:\n\n${report(result.failures)}`).toEqual([]);
  });

  it('rejects false numbers: a sentence with one quoted number altered fails the oracle (mostly)', () => {
    let altered = 0;
    let caught = 0;
    for (const { result: run } of entries)
      for (const sentence of explainResult(run).sentences) {
        const number = /\d+\.\d*\d/.exec(sentence.text);
        if (!number || checkSentence(run, sentence)) continue;
        const text = `${sentence.text.slice(0, number.index)}${number[0].slice(0, -1)}${(Number(number[0].at(-1)) + 3) % 10}${sentence.text.slice(number.index + number[0].length)}`;
        altered++;
        if (checkSentence(run, { ...sentence, text })) caught++;
      }
    console.log(
      `claims audit: the oracle rejected ${caught} of ${altered} sentences with one number altered`,
    );
    expect(caught / altered).toBeGreaterThan(0.9);
  });

  it('rejects sentences that contradict their run', () => {
    const sweeps = entries.filter(({ result: r }) =>
      explainResult(r).sentences.some((s) => s.rule === 'deeper-worse'),
    );
    expect(sweeps.length).toBeGreaterThan(0);
    for (const { result: r } of sweeps.slice(0, 5)) {
      const worse = explainResult(r).sentences.find((s) => s.rule === 'deeper-worse')!;
      expect(
        checkSentence(r, {
          rule: 'deeper-better',
          text: worse.text.replace(/\. With the same.*$/, ': the deepest net did best.'),
        }),
      ).toBeDefined();
    }
    const train = entries.find(({ result: r }) => r.experiment === 'train')!.result;
    const said = explainResult(train);
    const vanishing = {
      rule: 'gradient-weak' as const,
      text: 'The deep net is stopped by vanishing gradients.',
    };
    expect(checkExplanation(train, { ...said, sentences: [...said.sentences, vanishing] }).join(' ')).toMatch(
      /vanishing gradients/,
    );
    expect(
      checkExplanation(train, {
        ...said,
        sentences: [{ rule: 'lp-gradient-descent', text: 'It is 50/50.' }],
      }).join(' '),
    ).toMatch(/50\/50/);
  });

  it('produces every rule at least once', () => {
    const unseen = (Object.keys(CHECKS) as RuleId[]).filter((rule) => !result.rules.has(rule));
    expect(unseen).toEqual([]);
  });
});
