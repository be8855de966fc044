import type { ExperimentResult, RunSummary } from '../engine/result.js';

const fmt = (v: number, digits = 3) =>
  Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : v.toFixed(digits);

function summaryLine(s: RunSummary): string {
  const ratio = s.gradientRatio === undefined ? '' : `, gradient layer 1 / last ${fmt(s.gradientRatio)}`;
  return `depth ${String(s.depth).padStart(2)}: final loss ${fmt(s.meanFinalLoss)} (min ${fmt(s.minFinalLoss)}, max ${fmt(s.maxFinalLoss)}), accuracy ${(100 * s.meanAccuracy).toFixed(0)}%${ratio}`;
}

/** A few plain lines that say what a result shows, for a terminal. */
export function summarize(result: ExperimentResult): string {
  const head = `${result.experiment} on ${result.backend} in ${(result.durationMs / 1000).toFixed(2)} s`;
  switch (result.experiment) {
    case 'train':
      return [
        head,
        summaryLine(result.summary),
        ...result.runs.map((r) => `  seed ${r.seed}: loss ${fmt(r.finalLoss)}`),
      ].join('\n');
    case 'compare':
      return [head, ...result.summaries.map(summaryLine)].join('\n');
    case 'restarts':
      return [
        head,
        ...result.groups.map(
          (g) =>
            `${g.label}: ${g.finalLosses.length} restarts, final loss ${fmt(Math.min(...g.finalLosses))}..${fmt(Math.max(...g.finalLosses))} (spread ${fmt(g.spread)})`,
        ),
      ].join('\n');
    case 'landscape':
      return [
        head,
        ...result.variants.map(
          (v) =>
            `${v.label}: final loss ${fmt(v.finalLoss)}, roughness ${fmt(v.roughness, 2)}, extra minima ${v.extraMinima}`,
        ),
      ].join('\n');
    case 'lp':
      return [
        head,
        result.feasible
          ? `linear program: feasible, w = [${result.weights?.w.map((w) => fmt(w)).join(', ')}], b = ${fmt(result.weights?.b ?? 0)}, accuracy ${(100 * (result.lpAccuracy ?? 0)).toFixed(0)}%`
          : `linear program: ${result.solverStatus.toLowerCase()}: no line separates the classes (at least ${result.minViolations} points violate the margin)`,
        `gradient descent, one neuron, ${result.gradientDescent.steps} steps: loss ${fmt(result.gradientDescent.finalLoss)}, accuracy ${(100 * result.gradientDescent.accuracy).toFixed(0)}%`,
      ].join('\n');
  }
}
