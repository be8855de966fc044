import { loadSolver, solveLpText } from '../lp/solver.js';
import type { HardnessInstance } from './types.js';

/**
 * One threshold unit trained exactly by linear programming: is there a hyperplane with every point
 * on its label's side (margin 1, which any strict separation reaches after scaling)? Weights are
 * free, so "infeasible" is a proof that no single unit fits.
 */
export function oneUnitProgram(instance: HardnessInstance): string {
  const rows = instance.x.map((point, i) => {
    const sign = instance.y[i] === 1 ? 1 : -1;
    const terms = point.map((v, j) => `${sign * v < 0 ? '-' : '+'} ${Math.abs(v)} w${j}`).join(' ');
    return ` m${i}: ${terms} ${sign < 0 ? '-' : '+'} b >= 1`;
  });
  const free = [...Array.from({ length: instance.d }, (_, j) => ` w${j} free`), ' b free'];
  return ['Minimize', ' obj: 0 b', 'Subject To', ...rows, 'Bounds', ...free, 'End'].join('\n');
}

/** Solves the one-unit LP and times it. */
export async function oneUnitLp(
  instance: HardnessInstance,
): Promise<{ separable: boolean; status: string; solveMs: number }> {
  const text = oneUnitProgram(instance);
  // Loaded first, so that the time measures solving, not instantiating WebAssembly.
  await loadSolver();
  const started = performance.now();
  const { status } = await solveLpText(text);
  return { separable: status === 'Optimal', status, solveMs: performance.now() - started };
}
