import type { HardnessRecord } from '../src/engine/hardness/types.js';
import { createEngine, validateSpec } from '../src/engine/index.js';
import { type Measurement, median, printTable } from './report.js';

const SEEDS = [1, 2, 3];

/**
 * The default `/hardness` sweep on two workers (target: under 10 s), and the growth on record:
 * the median exact (mixed-integer) solve time per (n, d) over three seeds and both label kinds,
 * as a ratio to the smallest n of the same d and to the one-unit LP of the same instances.
 */
export async function benchHardness(): Promise<void> {
  const engine = await createEngine({ workers: 2, backend: 'wasm' });
  const records: HardnessRecord[] = [];
  const rows: Measurement[] = [];
  try {
    // Warm-up: each worker compiles its TensorFlow.js kernels and HiGHS on its first instances
    // (measured: the first default sweep on a fresh pool took 3x as long as the next ones).
    const warmUp = validateSpec({ experiment: 'hardness', sizes: [8, 16], dims: [2, 4], seed: 99 });
    if (warmUp.ok) await engine.run(warmUp.spec);
    for (const seed of SEEDS) {
      const checked = validateSpec({ experiment: 'hardness', seed });
      if (!checked.ok || checked.spec.experiment !== 'hardness')
        throw new Error('the default hardness spec is invalid');
      const started = performance.now();
      const result = await engine.run(checked.spec);
      const ms = performance.now() - started;
      rows.push({
        name: `/hardness defaults, seed ${seed} (2 workers)`,
        value: ms,
        unit: 'ms',
        target: 10_000,
      });
      records.push(...result.instances);
    }
  } finally {
    await engine.close();
  }
  printTable('hardness: the default sweep', rows);
  printTable(
    `hardness: median exact solve per (n, d), ${SEEDS.length} seeds x planted and random labels`,
    growthRows(records),
  );
}

function growthRows(records: HardnessRecord[]): Measurement[] {
  const dims = [...new Set(records.map((r) => r.d))].sort((a, b) => a - b);
  const sizes = [...new Set(records.map((r) => r.n))].sort((a, b) => a - b);
  return dims.flatMap((d) => {
    const at = (n: number) => records.filter((r) => r.d === d && r.n === n);
    const base = median(at(sizes[0]!).map((r) => r.exact.solveMs));
    return sizes.map((n) => {
      const cell = at(n);
      const mip = median(cell.map((r) => r.exact.solveMs));
      const lp = median(cell.map((r) => r.lp.solveMs));
      const gaveUp = cell.filter((r) => r.exact.status === 'time-limit').length;
      const nodes = median(cell.map((r) => r.exact.nodes));
      return {
        name: `MIP n=${n} d=${d}`,
        value: mip,
        unit: 'ms',
        note: `x${(mip / base).toFixed(1)} vs n=${sizes[0]} · x${(mip / lp).toFixed(0)} vs LP (${lp.toFixed(1)} ms) · nodes ${nodes} · gave up ${gaveUp}/${cell.length}`,
      };
    });
  });
}
