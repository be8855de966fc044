import { loadSolver } from '../lp/solver.js';
import type { AbortFlag } from '../units.js';

/** How a mixed-integer solve ended, in the experiment's terms. */
export type MipEnd = 'solved' | 'infeasible' | 'time-limit' | 'cancelled' | 'failed';

/** The outcome of one HiGHS run on a model in CPLEX LP format. */
export interface MipRun {
  end: MipEnd;
  /** HiGHS's model status code, kept for the record when `end` is 'failed'. */
  modelStatus: number;
  /** Values of the requested columns, when solved. */
  values: Map<string, number>;
  /** Branch-and-bound nodes (HiGHS's mip_node_count); 0 when presolve decided or the model had no integers. */
  nodes: number;
  /** HiGHS's simplex_iteration_count after the run: LP work, unaffected by how busy the machine is. */
  lpIterations: number;
  ms: number;
}

/** Options of one run: a wall-clock limit, and a flag polled at HiGHS's MIP checkpoints. */
export interface MipRunOptions {
  timeLimitSeconds: number;
  signal?: AbortFlag | undefined;
}

function counter(read: () => number | bigint): number {
  try {
    // -1 means "not run" (e.g. presolve settled the model before any branch-and-bound or simplex).
    return Math.max(0, Number(read()));
  } catch {
    return 0; // a counter the model's kind does not have (a pure LP has no node counter)
  }
}

/**
 * Solves a model with HiGHS's persistent API, which (unlike the one-shot `solve`) reports the node
 * count and lets a callback interrupt a long branch-and-bound when the request is cancelled.
 */
export async function runMip(
  text: string,
  columns: readonly string[],
  options: MipRunOptions,
): Promise<MipRun> {
  const highs = await loadSolver();
  const { modelStatus: codes, callbackType } = highs.constants;
  return highs.withModel({ format: 'lp', data: text }, (model) => {
    model.options.set({ output_flag: false, time_limit: options.timeLimitSeconds });
    const started = performance.now();
    model.run({
      [callbackType.mipInterrupt]: (event) => {
        if (options.signal?.aborted) event.interrupt();
        return undefined;
      },
    });
    const ms = performance.now() - started;
    const status = model.getModelStatus();
    const nodes = counter(() => model.info.get('mip_node_count'));
    const lpIterations = counter(() => model.info.get('simplex_iteration_count'));
    const values = new Map<string, number>();
    let end: MipEnd = 'failed';
    if (status === codes.optimal) {
      end = 'solved';
      const { colValue } = model.getSolution();
      for (const name of columns) values.set(name, colValue[model.getColByName(name)] ?? 0);
    } else if (status === codes.infeasible) end = 'infeasible';
    else if (status === codes.timeLimit) end = 'time-limit';
    else if (options.signal?.aborted) end = 'cancelled';
    return { end, modelStatus: status, values, nodes, lpIterations, ms };
  });
}
