import { beforeAll, describe, expect, it } from 'vitest';
import { restartsPlanner, squaredErrorTrap } from '../../../src/engine/experiments/restarts.js';
import { trainRun } from '../../../src/engine/fit.js';
import type { RestartGroup } from '../../../src/engine/result.js';
import type { RestartsSpec } from '../../../src/engine/spec.js';
import { validateSpec } from '../../../src/engine/validate.js';
import { useWasmBackend } from '../wasm-backend.js';

beforeAll(async () => {
  await useWasmBackend();
});

function defaults(options: Record<string, unknown> = {}): RestartsSpec {
  const validation = validateSpec({ experiment: 'restarts', ...options });
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  return validation.spec as RestartsSpec;
}

describe('restarts with the defaults', () => {
  let groups: Map<string, RestartGroup>;
  beforeAll(() => {
    const spec = defaults();
    const results = restartsPlanner.plan(spec).map((unit) => {
      if (unit.kind !== 'fit') throw new Error('restarts plans fit units only');
      return trainRun(unit.spec, {}).result;
    });
    groups = new Map(restartsPlanner.assemble(spec, results).groups.map((g) => [g.architecture, g]));
  });

  it('bring every start of the cross-entropy neuron to one loss', () => {
    const neuron = groups.get('neuron')!;
    expect(neuron.finalLosses).toHaveLength(10);
    expect(neuron.spread).toBeLessThan(1e-3);
  });

  it('leave the three-node net and the deep net at visibly different losses', () => {
    expect(groups.get('three-node')!.spread).toBeGreaterThan(0.01);
    expect(groups.get('deep')!.spread).toBeGreaterThan(0.01);
  });

  it('show the squared-error caveat: the mse neuron spreads far more than the cross-entropy one', () => {
    const mse = groups.get('neuron-mse')!;
    expect(mse.spread).toBeGreaterThan(10 * groups.get('neuron')!.spread);
    expect(mse.spread).toBeGreaterThan(0.01);
    expect(mse.label).toContain('squared error');
  });

  it('report spread and std consistent with the final losses', () => {
    for (const group of groups.values()) {
      const { finalLosses } = group;
      expect(group.spread).toBeCloseTo(Math.max(...finalLosses) - Math.min(...finalLosses), 12);
      expect(group.std).toBeLessThanOrEqual(group.spread);
      expect(group.runs.map((r) => r.finalLoss)).toEqual(finalLosses);
    }
  });
});

describe('restarts planning', () => {
  it('gives restart i the seed spec.seed + 1 + i on the same data, and the architectures their shapes', () => {
    const spec = defaults({ restarts: 3, seed: 40, depth: 5, width: 6, activation: 'relu' });
    const units = restartsPlanner.plan(spec);
    expect(units).toHaveLength(12);
    const fits = units.map((u) => (u.kind === 'fit' ? u.spec : undefined));
    expect(fits.slice(0, 3).map((f) => f!.seed)).toEqual([41, 42, 43]);
    for (const fit of fits) expect(fit!.dataSeed).toBe(40);
    const shapes = [0, 3, 6, 9].map((i) => [fits[i]!.depth, fits[i]!.width, fits[i]!.loss]);
    expect(shapes).toEqual([
      [0, 1, 'cross-entropy'],
      [0, 1, 'mse'],
      [1, 2, 'cross-entropy'],
      [5, 6, 'cross-entropy'],
    ]);
    expect(fits[9]!.activation).toBe('relu');
    expect(fits[9]!.init).toBe('he');
    expect(fits[0]!.initScale).toBeGreaterThan(1);
    expect(fits[3]!.data).toEqual(squaredErrorTrap());
  });

  it('plans only the requested architectures', () => {
    const units = restartsPlanner.plan(defaults({ architectures: ['deep'], restarts: 2 }));
    expect(units).toHaveLength(2);
  });

  it('builds a balanced-enough 1-D trap set: labels 0, 1, 0 from left to right', () => {
    const { x, y } = squaredErrorTrap();
    expect(x).toHaveLength(y.length);
    const order = x.map((p, i) => [p[0], y[i]!] as const).sort((a, b) => a[0] - b[0]);
    const labels = order.map(([, label]) => label);
    expect(labels.indexOf(1)).toBeGreaterThan(0);
    expect(labels.lastIndexOf(1)).toBeLessThan(labels.length - 1);
    for (const point of x) expect(point[1]).toBe(0);
  });
});
