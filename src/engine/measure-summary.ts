import type { RunResult, RunSummary } from './result.js';

/** Mean of a list of numbers (NaN for an empty list). */
export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Population standard deviation of a list of numbers. */
export function standardDeviation(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/**
 * |grad of the first layer| / |grad of the output layer| at initialization (step 0): far below 1
 * means the layers next to the input barely move. Undefined when the net has a single layer.
 */
export function initialGradientRatio(run: RunResult): number | undefined {
  const atInit = run.gradientNorms.find((snapshot) => snapshot.step === 0)?.perLayer;
  if (!atInit || atInit.length < 2) return undefined;
  const last = atInit[atInit.length - 1]!;
  return last === 0 ? undefined : atInit[0]! / last;
}

/** Summary of several seeds of one configuration (all runs must share the depth). */
export function summarizeRuns(depth: number, runs: readonly RunResult[]): RunSummary {
  const losses = runs.map((r) => r.finalLoss);
  const ratios = runs.map(initialGradientRatio).filter((r): r is number => r !== undefined);
  return {
    depth,
    meanFinalLoss: mean(losses),
    minFinalLoss: Math.min(...losses),
    maxFinalLoss: Math.max(...losses),
    meanAccuracy: mean(runs.map((r) => r.finalAccuracy)),
    ...(ratios.length > 0 ? { gradientRatio: mean(ratios) } : {}),
  };
}
