import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerPool } from '../../src/engine/pool.js';
import type { CompareResult, Progress } from '../../src/engine/result.js';
import { runExperiment } from '../../src/engine/run-experiment.js';
import type { CompareSpec, ExperimentSpec } from '../../src/engine/spec.js';
import type { UnitExecutor, UnitResult, WorkUnit } from '../../src/engine/units.js';
import { validateSpec } from '../../src/engine/validate.js';
import { rejectionOf, smallUnit } from './runtime-fixtures.js';

function compareSpec(options: Partial<CompareSpec>): ExperimentSpec & { experiment: 'compare' } {
  const checked = validateSpec({ experiment: 'compare', ...options });
  if (!checked.ok || checked.spec.experiment !== 'compare') throw new Error(JSON.stringify(checked));
  return checked.spec;
}

const smallCompare = compareSpec({ depths: [1, 2], seeds: 2, points: 64, width: 8, steps: 150 });

/**
 * An executor without threads: every unit reports progress on a timer and resolves with a
 * placeholder, except the one that `fails`, which fails after a few steps. It records which
 * units saw their abort signal.
 */
function scriptedExecutor(fails: (unit: WorkUnit) => boolean = () => false) {
  const aborted: WorkUnit[] = [];
  const executor: UnitExecutor & { backend: 'cpu' } = {
    backend: 'cpu',
    execute: (unit: WorkUnit, options = {}) =>
      new Promise<UnitResult>((resolve, reject) => {
        let step = 0;
        const timer = setInterval(() => {
          if (options.signal?.aborted) {
            clearInterval(timer);
            aborted.push(unit);
            return reject(Object.assign(new Error('stopped'), { name: 'AbortError' }));
          }
          step++;
          if (step === 3 && fails(unit)) {
            clearInterval(timer);
            return reject(new Error('this unit failed'));
          }
          options.onProgress?.({ step, steps: 10, loss: step });
          if (step === 10) {
            clearInterval(timer);
            resolve({} as UnitResult);
          }
        }, 5);
      }) as never,
  };
  return { executor, aborted };
}

describe('runExperiment, scripted units', () => {
  it('stops the other units when one fails, and rejects with that failure', async () => {
    const spec = compareSpec({ depths: [1, 2, 4], seeds: 2 });
    const isFailing = (unit: WorkUnit) =>
      unit.kind === 'fit' && unit.spec.depth === 2 && unit.spec.seed !== spec.seed;
    const { executor, aborted } = scriptedExecutor(isFailing);
    const error = await rejectionOf(runExperiment(spec, executor));
    expect(error.message).toBe('this unit failed');
    // Let the other units' timers see the abort.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(aborted).toHaveLength(5);
    expect(aborted.some(isFailing)).toBe(false);
  });

  it('rejects with an AbortError when the caller aborts, before or during the run', async () => {
    const { executor } = scriptedExecutor();
    const before = await rejectionOf(runExperiment(smallCompare, executor, { signal: AbortSignal.abort() }));
    expect(before.name).toBe('AbortError');
    const during = await rejectionOf(
      runExperiment(smallCompare, executor, { signal: AbortSignal.timeout(20) }),
    );
    expect(during.name).toBe('AbortError');
  });
});

describe('runExperiment on a worker pool', () => {
  let pool: WorkerPool;

  beforeAll(async () => {
    pool = await createWorkerPool({ workers: 2, backend: 'wasm', unitTimeoutMs: 30_000 });
  });

  afterAll(async () => {
    await pool?.close();
  });

  it('runs a small depth comparison, with progress rising to 1', async () => {
    const reports: Progress[] = [];
    const result = (await runExperiment(smallCompare, pool, {
      onProgress: (p) => reports.push(p),
    })) as CompareResult;
    expect(result.experiment).toBe('compare');
    expect(result.backend).toBe('wasm');
    expect(result.spec.depths).toEqual([1, 2]);
    expect(result.spec).toEqual(smallCompare);
    expect(result.durationMs).toBeGreaterThan(0);
    expect(result.summaries.map((s) => s.depth)).toEqual([1, 2]);
    expect(result.runs).toHaveLength(4);
    for (const summary of result.summaries) expect(Number.isFinite(summary.meanFinalLoss)).toBe(true);

    const fractions = reports.map((p) => p.fraction);
    expect(fractions.every((f, i) => i === 0 || f >= (fractions[i - 1] ?? 0))).toBe(true);
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
    expect(reports.at(-1)).toMatchObject({ fraction: 1, unitsDone: 4, units: 4 });
    expect(reports.some((p) => p.loss !== undefined)).toBe(true);

    // Each unit's report says which run it is, in plan order (depth by depth, seed by seed).
    const labels = new Map(reports.flatMap((p) => (p.unit ? [[p.unit.index, p.unit.label]] : [])));
    expect([...labels].sort(([a], [b]) => a - b)).toEqual([
      [1, 'depth 1, seed 1 of 2'],
      [2, 'depth 1, seed 2 of 2'],
      [3, 'depth 2, seed 1 of 2'],
      [4, 'depth 2, seed 2 of 2'],
    ]);
    for (const { unit } of reports.filter((p) => p.unit))
      expect(unit).toMatchObject({ count: 4, steps: 150, step: expect.any(Number) });
    // The live curves end exactly where each run's own loss curve ends.
    const live = reports.at(-1)?.live;
    expect(live?.kind).toBe('curves');
    if (live?.kind !== 'curves') return;
    expect(live.curves.map((c) => c.label)).toEqual([...labels.values()].sort());
    result.runs.forEach((run, i) => {
      const points = live.curves[i]!.points;
      expect(points.at(-1)).toEqual([run.lossCurve.steps.at(-1), run.lossCurve.losses.at(-1)]);
      expect(points.length).toBeGreaterThan(1);
    });
  });

  it('fills a map cell by cell: a report shows some cells done while others still run', async () => {
    const checked = validateSpec({
      experiment: 'map',
      depths: [1, 2],
      values: [0.5, 1.76],
      points: 64,
      width: 8,
      steps: 120,
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked));
    const reports: Progress[] = [];
    const result = await runExperiment(checked.spec, pool, { onProgress: (p) => reports.push(p) });
    const filled = reports.map((p) =>
      p.live?.kind === 'map' ? p.live.cells.filter((c) => c !== null).length : -1,
    );
    expect(filled.every((n) => n >= 0)).toBe(true);
    expect(filled.some((n) => n > 0 && n < 4)).toBe(true);
    const last = reports.at(-1)?.live;
    if (last?.kind !== 'map' || result.experiment !== 'map') throw new Error('expected a map');
    expect(last.cells).toEqual(result.cells.map((c) => c.meanFinalLoss));
    const words = new Set(reports.flatMap((p) => (p.unit ? [p.unit.label] : [])));
    expect(words).toContain('cell 4 of 4: depth 2, σ_w² 1.76');
    expect(
      [...words].every((w) => /^(mean-field theory|cell [1-4] of 4: depth [12], σ_w² (0\.5|1\.76))$/.test(w)),
    ).toBe(true);
  });

  it('aborts mid-run, and leaves the workers healthy and without leaked tensors', async () => {
    const baseline = await pool.stats();
    const controller = new AbortController();
    const spec = compareSpec({ depths: [4, 4], seeds: 2, points: 256, width: 32, steps: 1500 });
    const run = runExperiment(spec, pool, {
      signal: controller.signal,
      onProgress: (p) => p.fraction > 0 && controller.abort(),
    });
    expect((await rejectionOf(run)).name).toBe('AbortError');
    const result = await runExperiment(smallCompare, pool);
    expect(result.experiment).toBe('compare');
    expect(pool.replacements).toBe(0);
    const after = await pool.stats();
    expect(after.map((s) => [s.threadId, s.numTensors])).toEqual(
      baseline.map((s) => [s.threadId, s.numTensors]),
    );
  });

  it('refuses fault injection on a pool created without it', async () => {
    const error = await rejectionOf(pool.execute(smallUnit(), { fault: 'exit' }));
    expect(error.message).toMatch(/fault injection is off/);
  });
});
