import { describe, expect, it } from 'vitest';
import { mapCellBin, mapLegend } from '../../../src/bot/charts/builders/map-bins.js';
import { depthToRow, trainabilityMapChart } from '../../../src/bot/charts/builders/trainability-map.js';
import { mapFixture } from './map-fixture.js';

type Cell = { x: string; y: [number, number] };

describe('trainability map chart', () => {
  it('puts every cell once, in its row and column, in the dataset of its colour bin', () => {
    const result = mapFixture();
    const draft = trainabilityMapChart(result);
    const bars = draft.config.data.datasets.filter((d) => d.type === 'bar');
    const legend = mapLegend(result.spec);
    expect(bars.map((b) => b.label)).toEqual(legend.map((l) => l.label));
    const placed = bars.flatMap((b, bin) => (b.data as Cell[]).map((cell) => ({ ...cell, bin })));
    expect(placed).toHaveLength(result.cells.length);
    // Depth 16 (top row, 3..4) at σ_w² 0.25 learned nothing; depth 8 at σ_w² 1.76 trained.
    expect(placed).toContainEqual({ x: '0.25', y: [3, 4], bin: 4 });
    expect(placed).toContainEqual({ x: '1.76', y: [2, 3], bin: 0 });
    expect(draft.config.data.labels).toEqual(['0.25', '0.5', '1', '1.76', '12']);
  });

  it('bins diverged cells apart and steps by the slowest seed', () => {
    const spec = mapFixture().spec;
    const cell = {
      depth: 2,
      value: 1,
      finalLosses: [Number.NaN],
      meanFinalLoss: Number.NaN,
      stepsToThreshold: [null],
    };
    expect(mapCellBin(cell, spec)).toBe(5);
    const stepsSpec = { ...spec, metric: 'steps' as const };
    const fast = { ...cell, meanFinalLoss: 0.1, stepsToThreshold: [10, 25] };
    expect(mapCellBin(fast, stepsSpec)).toBe(0); // 25 ≤ 10% of 300
    expect(mapCellBin({ ...fast, stepsToThreshold: [10, null] }, stepsSpec)).toBe(4);
  });

  it('draws the 6ξ overlay through row positions, triangles beyond the deepest row', () => {
    const draft = trainabilityMapChart(mapFixture());
    const line = draft.config.data.datasets.find((d) => d.type === 'line');
    const points = line?.data as { y: number }[];
    // σ_w² 0.25: 6ξ ≈ 4.0, the centre of the depth-4 row (1.5).
    expect(points[0]?.y).toBeCloseTo(1.5, 1);
    expect(line?.pointStyle).toEqual(['circle', 'circle', 'triangle', 'triangle', 'triangle']);
    expect(draft.alt).toMatch(
      /6ξ per column \(ξ from mean-field theory, the factor 6 observed by Schoenholz et al\. 2017\): 4, 7\.15, 21\.8/,
    );
    expect(line?.label).toBe('trainable depth 6ξ');
    const plain = trainabilityMapChart(mapFixture(undefined, {}, false));
    expect(plain.config.data.datasets.some((d) => d.type === 'line')).toBe(false);
  });

  it('maps depths to rows on a log scale, clipped to the map', () => {
    const rows = [2, 4, 8, 16];
    expect(depthToRow(2, rows)).toBeCloseTo(0.5);
    expect(depthToRow(8, rows)).toBeCloseTo(2.5);
    expect(depthToRow(Math.sqrt(8), rows)).toBeCloseTo(1);
    expect(depthToRow(1e6, rows)).toBe(4);
    expect(depthToRow(0.1, rows)).toBe(0);
    expect(depthToRow(50, [8])).toBe(0.5);
  });
});
