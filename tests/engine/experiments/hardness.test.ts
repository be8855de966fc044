import { describe, expect, it } from 'vitest';
import { hardnessPlanner, sweepCells } from '../../../src/engine/experiments/hardness.js';
import { MAX_WORK } from '../../../src/engine/limits.js';
import type { HardnessSpec } from '../../../src/engine/spec.js';
import { validateSpec } from '../../../src/engine/validate.js';
import { estimateWork } from '../../../src/engine/work.js';

function valid(options: Record<string, unknown>): HardnessSpec & { experiment: 'hardness' } {
  const checked = validateSpec({ experiment: 'hardness', ...options });
  if (!checked.ok) throw new Error(checked.errors.map((e) => e.message).join('; '));
  if (checked.spec.experiment !== 'hardness') throw new Error('not a hardness spec');
  return checked.spec;
}

describe('the hardness sweep', () => {
  it('by default plans one unit per size, dimension and label kind, within the work cap', () => {
    const spec = valid({});
    const units = hardnessPlanner.plan(spec);
    expect(units).toHaveLength(4 * 3 * 2);
    expect(new Set(units.map((u) => u.kind))).toEqual(new Set(['hardness']));
    expect(units[0]).toMatchObject({ spec: { n: 8, d: 2, labels: 'planted' } });
    expect(units[1]).toMatchObject({ spec: { n: 8, d: 2, labels: 'random' } });
    expect(estimateWork(spec)).toBeLessThanOrEqual(MAX_WORK);
  });

  it('counts every solve at its time limit, so a longer limit costs more and can be refused', () => {
    expect(estimateWork(valid({ timeLimit: 0.2 }))).toBeLessThan(estimateWork(valid({ timeLimit: 0.3 })));
    const refused = validateSpec({ experiment: 'hardness', timeLimit: 10 });
    expect(refused).toMatchObject({ ok: false, errors: [{ field: 'timeLimit' }] });
    expect(!refused.ok && refused.errors[0]!.message).toMatch(/lower time_limit, sizes, dims/);
  });

  it('leaves out cube cells larger than the cube, and says which', () => {
    const spec = valid({ inputs: 'cube', sizes: [4, 8, 32], dims: [2, 4], labels: 'random' });
    expect(sweepCells(spec)).toEqual({
      cells: [
        { n: 4, d: 2 },
        { n: 4, d: 4 },
        { n: 8, d: 4 },
      ],
      skipped: [
        { n: 8, d: 2 },
        { n: 32, d: 2 },
        { n: 32, d: 4 },
      ],
    });
    expect(hardnessPlanner.plan(spec)).toHaveLength(3);
  });

  it('refuses, naming sizes, a cube sweep where no size fits any dimension', () => {
    const checked = validateSpec({ experiment: 'hardness', inputs: 'cube', sizes: [64], dims: [2, 4] });
    expect(checked).toMatchObject({ ok: false, errors: [{ field: 'sizes' }] });
    expect(!checked.ok && checked.errors[0]!.message).toContain('at most 16 points');
  });

  it('names the field and its range for bad options', () => {
    const checked = validateSpec({ experiment: 'hardness', dims: [1], labels: 'noisy' });
    expect(checked.ok).toBe(false);
    const messages = !checked.ok ? checked.errors.map((e) => e.message) : [];
    expect(messages).toContain(
      'dims must be a comma-separated list of 1 to 4 whole numbers from 2 to 16 (got [1])',
    );
    expect(messages).toContain('labels must be one of planted, random, both (got "noisy")');
  });
});
