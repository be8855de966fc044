import { trainRun } from './fit.js';
import { runHardnessUnit } from './hardness/run.js';
import { runLandscapeUnit } from './landscape/run.js';
import { runLpUnit } from './lp/run.js';
import { signalPoint } from './theory/mean-field.js';
import type { UnitExecutor, UnitResult, UnitResultByKind, UnitRunOptions, WorkUnit } from './units.js';

/**
 * Runs units on the current thread, one after another. Used inside worker threads and by tests;
 * the caller sets up the TensorFlow.js backend first. Training is synchronous, so a call blocks
 * this thread until its unit is done.
 */
export function createInlineExecutor(settings: { typedArrays?: boolean } = {}): UnitExecutor {
  return {
    async execute<U extends WorkUnit>(unit: U, options: UnitRunOptions = {}) {
      const result = await runUnit(unit, options, settings.typedArrays ?? true);
      return result as UnitResultByKind[U['kind']];
    },
  };
}

async function runUnit(unit: WorkUnit, options: UnitRunOptions, typedArrays: boolean): Promise<UnitResult> {
  switch (unit.kind) {
    case 'fit':
      // Without typed arrays every fit unit takes the tf path: the bench's "before".
      return trainRun(unit.spec, typedArrays ? options : { ...options, path: 'tfjs' }).result;
    case 'landscape':
      return runLandscapeUnit(unit.spec, options);
    case 'lp':
      return runLpUnit(unit.spec, options);
    case 'hardness':
      return runHardnessUnit(unit.spec, options);
    case 'signal':
      return { signal: unit.spec.weightScales.map((w) => signalPoint(w, unit.spec.biasScale)) };
  }
}
