import { createEngine, type MapResult, validateSpec } from '../src/engine/index.js';
import { type Measurement, printTable } from './report.js';

/** The target for the default map on two workers. */
const DEFAULT_MAP_TARGET_MS = 15_000;

/** Wall time of the default /map on two wasm workers, and what one cell costs. */
export async function benchMap(): Promise<void> {
  const engine = await createEngine({ workers: 2, backend: 'wasm' });
  try {
    const checked = validateSpec({ experiment: 'map' });
    if (!checked.ok || checked.spec.experiment !== 'map')
      throw new Error('the default map does not validate');
    await engine.run({ ...checked.spec, depths: [2], steps: 20 }); // warm-up: each worker compiles its kernels
    const started = performance.now();
    // CPU time of the whole process (every worker thread included): on a shared, loaded machine
    // the wall time stretches, but CPU / 2 still says what two idle cores would take.
    const cpuBefore = process.cpuUsage();
    const result = (await engine.run(checked.spec)) as MapResult;
    const wall = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const cells = result.cells.length;
    const rows: Measurement[] = [
      { name: `map (defaults: ${cells} cells)`, value: wall, unit: 'ms', target: DEFAULT_MAP_TARGET_MS },
      {
        name: 'map: CPU time of all threads / 2',
        value: cpuMs / 2,
        unit: 'ms',
        note: 'idle-machine estimate',
      },
      {
        name: 'map: wall time per cell (2 workers)',
        value: wall / cells,
        unit: 'ms',
        note: `cells by depth ${result.spec.depths.join(', ')}`,
      },
    ];
    printTable('trainability map through the pool (2 workers, wasm)', rows);
  } finally {
    await engine.close();
  }
}
