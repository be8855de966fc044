import { beforeAll, describe, expect, it } from 'vitest';
import { decisionBoundaryChart } from '../../../src/bot/charts/builders/decision-boundary.js';
import { projectionChart } from '../../../src/bot/charts/builders/projection.js';
import type { XY } from '../../../src/bot/charts/draft.js';
import { chartDraftsFor } from '../../../src/bot/charts/drafts.js';
import { TABLE_CLASS_COLORS } from '../../../src/bot/charts/style.js';
import type { TrainResult } from '../../../src/engine/result.js';
import { builtInTable } from '../../../src/engine/tables/built-in.js';
import { useWasmBackend } from '../../engine/wasm-backend.js';
import { runOnThisThread } from './animation/run-here.js';

type Dataset = { label: string; data: XY[]; backgroundColor?: unknown; borderColor?: unknown };
const datasetsOf = (config: unknown) => (config as { data: { datasets: Dataset[] } }).data.datasets;
const axisTitle = (config: unknown, key: 'x' | 'y') =>
  (config as { options: { scales: Record<string, { title: { text: string } }> } }).options.scales[key]!.title
    .text;

describe('charts of a table', () => {
  let iris: TrainResult;
  let petals: TrainResult;
  beforeAll(async () => {
    await useWasmBackend();
    iris = runOnThisThread({ experiment: 'train', dataset: 'iris', depth: 1, seeds: 1, steps: 40 });
    const table = builtInTable('iris');
    petals = runOnThisThread({
      experiment: 'train',
      table: {
        ...table,
        name: 'petals',
        features: table.features.slice(2),
        rows: table.rows.map((r) => r.slice(2)),
      },
      depth: 1,
      seeds: 1,
      steps: 40,
    });
  });

  it('draw iris (4 features) as a projection on two principal components with the errors ringed', () => {
    expect(decisionBoundaryChart(iris)).toBeUndefined();
    const chart = projectionChart(iris)!;
    expect(chartDraftsFor(iris).map((c) => c.name)).toContain('table-projection');
    expect(axisTitle(chart.config, 'x')).toBe('PC1 (73% of variance)');
    expect(axisTitle(chart.config, 'y')).toBe('PC2 (23% of variance)');
    expect(chart.alt).toMatch(/^A projection, not the table's own space/);
    const datasets = datasetsOf(chart.config);
    expect(datasets.slice(1).map((d) => d.label)).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(datasets.slice(1).map((d) => d.data.length)).toEqual([50, 50, 50]);
    // The ringed points are exactly those the run predicts wrongly.
    const predictions = iris.runs[0]!.predictions!;
    const wrong = iris.data.x.filter((_, i) => predictions[i] !== iris.data.y[i]);
    expect(datasets[0]!.data).toEqual(wrong.map(([x, y]) => ({ x, y })));
    expect(wrong.length).toBe(Math.round((1 - iris.runs[0]!.finalAccuracy) * 150));
    expect(datasets[0]!.label).toBe(`model wrong (${wrong.length})`);
    expect(chart.alt).toContain(`${wrong.length} points`);
  });

  it('draw a 2-feature table as a 3-class boundary with the features as axes and one colour per class', () => {
    expect(projectionChart(petals)).toBeUndefined();
    const chart = decisionBoundaryChart(petals)!;
    expect(axisTitle(chart.config, 'x')).toBe('petal_length (standardized)');
    expect(axisTitle(chart.config, 'y')).toBe('petal_width (standardized)');
    expect(chart.alt).toContain('3 classes');
    const datasets = datasetsOf(chart.config);
    expect(datasets.slice(0, 3).map((d) => d.backgroundColor)).toEqual(TABLE_CLASS_COLORS.slice(0, 3));
    // The heat map's cells take the colours of the classes predicted, setosa's among them.
    const cells = datasets[3]!.backgroundColor as string[];
    expect(new Set(cells).size).toBeGreaterThan(3);
  });
});
