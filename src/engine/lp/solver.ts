import type { Highs, LegacyHighsSolution } from 'highs';

/*
 * HiGHS compiled to WebAssembly. Instantiating the module takes tens of milliseconds, so each
 * thread loads it once and reuses it; every `solve` call still gets a fresh native solver.
 */
let loading: Promise<Highs> | undefined;

type Loader = () => Promise<Highs>;

// Node resolves `import('highs')` to the package's ES module, whose default export is the loader,
// but TypeScript reads the package's CommonJS typings and sees the loader one level deeper.
// Accept either shape rather than trust one of them.
function highsLoader(module: unknown): Loader {
  const outer = (module as { default?: unknown }).default;
  if (typeof outer === 'function') return outer as Loader;
  const inner = (outer as { default?: unknown } | undefined)?.default;
  if (typeof inner === 'function') return inner as Loader;
  throw new Error('the highs package exports no loader function');
}

/** The HiGHS solver of this thread, loaded on first use. */
export function loadSolver(): Promise<Highs> {
  if (!loading) {
    loading = import('highs').then((module) => highsLoader(module)());
    // A failed load (e.g. a missing .wasm) should not poison every later call.
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/** An LP solution: HiGHS's status text and, when it found one, the value of each variable. */
export interface LpSolution {
  status: string;
  values: Map<string, number>;
}

/** Solves a model written in CPLEX LP format. HiGHS's own console output is switched off. */
export async function solveLpText(text: string): Promise<LpSolution> {
  const highs = await loadSolver();
  const solution: LegacyHighsSolution = highs.solve(text, { output_flag: false });
  const values = new Map<string, number>();
  if (solution.Status === 'Optimal') {
    for (const [name, column] of Object.entries(solution.Columns)) {
      if ('Primal' in column && typeof column.Primal === 'number') values.set(name, column.Primal);
    }
  }
  return { status: solution.Status, values };
}
