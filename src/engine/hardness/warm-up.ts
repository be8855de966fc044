import { makeInstance } from './instances.js';
import { oneUnitLp } from './one-unit-lp.js';
import { enumerateThreeNodeFit } from './plane-enumeration.js';
import { exactThreeNodeFit } from './three-node-mip.js';

let warmedUp = false;

/**
 * Runs every timed solver once, untimed, on a small fixed instance. The first HiGHS solve in a
 * thread is slow (measured: over a second, against tens of ms for the same model afterwards) while
 * its WebAssembly is compiled, and the first enumeration waits for V8 to optimize its loops; without
 * this, whichever instance a thread happens to run first would look hard.
 */
export async function warmUpSolvers(): Promise<void> {
  if (warmedUp) return;
  warmedUp = true;
  const instance = makeInstance({ n: 16, d: 2, inputs: 'gaussian', labels: 'random', seed: 0 });
  await oneUnitLp(instance);
  await exactThreeNodeFit(instance, { timeLimitSeconds: 2 });
  enumerateThreeNodeFit(instance);
}
