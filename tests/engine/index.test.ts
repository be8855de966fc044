import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createEngine, validateSpec } from '../../src/engine/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Imports a module in a fresh Node process and lists the @tensorflow packages that got loaded. */
async function tensorflowModulesLoadedBy(modulePath: string): Promise<string[]> {
  const script = `
    import { createRequire } from 'node:module';
    await import(${JSON.stringify(modulePath)});
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('@tensorflow'));
    console.log(JSON.stringify(loaded));`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: root },
  );
  return JSON.parse(stdout) as string[];
}

describe('engine entry point', () => {
  it('does not load TensorFlow.js on the importing thread', async () => {
    // Control: the backend module does load it, so the probe can see it.
    expect((await tensorflowModulesLoadedBy('./src/engine/backend.ts')).length).toBeGreaterThan(0);
    expect(await tensorflowModulesLoadedBy('./src/engine/index.ts')).toEqual([]);
    // The whole bot process (bot core, job services, queue client, store) stays free of it too.
    expect(await tensorflowModulesLoadedBy('./src/app.ts')).toEqual([]);
  });

  it('runs an experiment on its workers and closes', async () => {
    // auto: tfjs-node is not installed here, so the workers settle on wasm.
    const engine = await createEngine({ workers: 1, backend: 'auto' });
    try {
      expect(engine.backend).toBe('wasm');
      const checked = validateSpec({
        experiment: 'train',
        depth: 1,
        width: 4,
        points: 32,
        steps: 50,
        seeds: 1,
        gridSize: 5,
      });
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      const result = await engine.run(checked.spec);
      expect(result.experiment).toBe('train');
      expect(result.backend).toBe('wasm');
      const stats = await engine.stats();
      expect(stats).toHaveLength(1);
    } finally {
      await engine.close();
    }
  });

  it('refuses to start when an explicitly requested backend is missing', async () => {
    const starting = createEngine({ workers: 1, backend: 'tensorflow' });
    await expect(starting).rejects.toMatchObject({ name: 'BackendUnavailableError' });
    await expect(starting).rejects.toThrow(/npm install @tensorflow\/tfjs-node/);
  });
});
