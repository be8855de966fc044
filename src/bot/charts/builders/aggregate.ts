import type { RunResult } from '../../../engine/result.js';

/*
 * Summaries across seeds, computed point by point. Seeds of one configuration log the same
 * steps, but a run that diverged (NaN) or stopped early must not poison the others, so each
 * point averages only the finite values that exist at it.
 */

/** Mean, lowest and highest of the seeds at each logged step. */
export interface CurveSpread {
  steps: number[];
  mean: number[];
  min: number[];
  max: number[];
}

/** Mean, min and max of several equally indexed series; NaN where no series has a finite value. */
export function spreadByIndex(series: readonly number[][]): { mean: number[]; min: number[]; max: number[] } {
  const length = Math.max(0, ...series.map((values) => values.length));
  const mean: number[] = [];
  const min: number[] = [];
  const max: number[] = [];
  for (let i = 0; i < length; i++) {
    const values = series
      .map((values) => values[i])
      .filter((v): v is number => v !== undefined && Number.isFinite(v));
    if (values.length === 0) {
      mean.push(Number.NaN);
      min.push(Number.NaN);
      max.push(Number.NaN);
      continue;
    }
    mean.push(values.reduce((sum, v) => sum + v, 0) / values.length);
    min.push(Math.min(...values));
    max.push(Math.max(...values));
  }
  return { mean, min, max };
}

/** The loss curves of several runs, summarised at the steps of the longest run. */
export function lossCurveSpread(runs: readonly RunResult[]): CurveSpread {
  const longest = runs.reduce<RunResult | undefined>(
    (best, run) =>
      best === undefined || run.lossCurve.steps.length > best.lossCurve.steps.length ? run : best,
    undefined,
  );
  const steps = longest?.lossCurve.steps ?? [];
  // Align each run's losses to the reference steps, so that a run logging other steps is skipped
  // where it has no value instead of being averaged against the wrong step.
  const aligned = runs.map((run) => {
    const byStep = new Map<number, number>();
    run.lossCurve.steps.forEach((step, i) => {
      const loss = run.lossCurve.losses[i];
      if (loss !== undefined) byStep.set(step, loss);
    });
    return steps.map((step) => byStep.get(step) ?? Number.NaN);
  });
  return { steps: [...steps], ...spreadByIndex(aligned) };
}

/** The per-layer gradient norms at initialization (step 0, else the first snapshot) of one run. */
export function gradientsAtInit(run: RunResult): number[] {
  const snapshot = run.gradientNorms.find((s) => s.step === 0) ?? run.gradientNorms[0];
  return snapshot?.perLayer ?? [];
}

/** Per-layer mean over runs of the gradient norms at initialization. */
export function meanGradientsAtInit(runs: readonly RunResult[]): number[] {
  return spreadByIndex(runs.map(gradientsAtInit)).mean;
}
