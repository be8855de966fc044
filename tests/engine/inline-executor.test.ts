import { beforeAll, describe, expect, it } from 'vitest';
import { trainRun } from '../../src/engine/fit.js';
import { createInlineExecutor } from '../../src/engine/inline-executor.js';
import type { LpSpec } from '../../src/engine/spec.js';
import type { UnitProgress } from '../../src/engine/units.js';
import { validateSpec } from '../../src/engine/validate.js';
import { plainFitSpec } from './fit-spec.js';
import { useWasmBackend } from './wasm-backend.js';

beforeAll(async () => {
  await useWasmBackend();
});

describe('inline executor', () => {
  it('runs a fit unit like trainRun and passes progress through', async () => {
    const spec = plainFitSpec({ depth: 2, width: 8, steps: 25 });
    const progress: UnitProgress[] = [];
    const result = await createInlineExecutor().execute(
      { kind: 'fit', spec },
      { onProgress: (p) => progress.push(p) },
    );
    const direct = trainRun(spec, {}).result;
    expect(result.lossCurve).toEqual(direct.lossCurve);
    expect(progress.at(-1)).toMatchObject({ step: 25, steps: 25 });
  });

  it('rejects with an AbortError when the unit is aborted', async () => {
    const run = createInlineExecutor().execute(
      { kind: 'fit', spec: plainFitSpec() },
      { signal: { aborted: true } },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('dispatches lp and landscape units to their runners', async () => {
    const executor = createInlineExecutor();
    const lp = validateSpec({ experiment: 'lp', steps: 20, points: 40 });
    if (!lp.ok) throw new Error('lp spec');
    const lpResult = await executor.execute({ kind: 'lp', spec: lp.spec as LpSpec });
    expect(lpResult.feasible).toBe(true);
    const fit = plainFitSpec({ depth: 2, width: 4, steps: 10, points: 32 });
    const variant = await executor.execute({
      kind: 'landscape',
      spec: { label: 'test', fit, slicePoints: 5, span: 1 },
    });
    expect(variant.label).toBe('test');
    expect(variant.direction.losses).toHaveLength(5);
  });
});
