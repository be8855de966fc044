import { describe, expect, it } from 'vitest';
import { hardnessDescentChart, hardnessTimeChart } from '../../../src/bot/charts/builders/hardness.js';
import type { ChartDraft } from '../../../src/bot/charts/draft.js';
import { chartDraftsFor } from '../../../src/bot/charts/drafts.js';
import { hardnessResult, hardnessRecord as rec } from '../hardness-fixtures.js';

type Dataset = Record<string, unknown> & { label: string; data: (number | null)[] };
const byLabel = (draft: ChartDraft, label: string) =>
  (draft.config.data.datasets as Dataset[]).find((d) => d.label === label);

const sweep = hardnessResult([
  rec(8, 2, { mipMs: 4, lpMs: 1 }),
  rec(8, 2, { mipMs: 9, labels: 'random', lpMs: 2 }),
  rec(64, 2, { mipMs: 80, lpMs: 3 }),
  rec(8, 8, { mipMs: 12, successes: 2 }),
  rec(64, 8, { mipMs: 320, status: 'time-limit', lpMs: 5 }),
]);

describe('hardness charts', () => {
  it('plot the slowest solve per size on a log axis, one line per dimension, the LP and the 2-D enumeration beside it', () => {
    const chart = hardnessTimeChart(sweep);
    expect(chart.config.data.labels).toEqual(['8', '64']);
    const scales = chart.config.options.scales as Record<string, { type?: string; title?: { text: string } }>;
    expect(scales.y?.type).toBe('logarithmic');
    expect(scales.y?.title?.text).toBe('solve time, ms (log scale)');
    expect(byLabel(chart, '3-node MIP, d = 2')?.data).toEqual([9, 80]);
    expect(byLabel(chart, '3-node MIP, d = 8')?.data).toEqual([12, 320]);
    expect(byLabel(chart, '1 unit, LP (slowest d)')?.data).toEqual([2, 5]);
    expect(byLabel(chart, '2-D enumeration')?.data).toEqual([3, 3]);
    expect(chart.alt).toContain('gave up at the time limit for n = 64, d = 8');
    expect(JSON.parse(JSON.stringify(chart.config))).toEqual(chart.config);
  });

  it('mark the instances that hit the time limit, and only those', () => {
    expect(byLabel(hardnessTimeChart(sweep), 'gave up (0.3 s limit)')?.data).toEqual([null, 320]);
    const calm = hardnessResult([rec(8, 4), rec(16, 4)]);
    expect(
      hardnessTimeChart(calm).config.data.datasets.some((d) => String(d.label).startsWith('gave up')),
    ).toBe(false);
    expect(byLabel(hardnessTimeChart(calm), '2-D enumeration')).toBeUndefined();
  });

  it('show gradient descent success in percent, with gaps where no fit was proven', () => {
    const chart = hardnessDescentChart(sweep);
    expect(byLabel(chart, 'd = 2')?.data).toEqual([100, 100]);
    expect(byLabel(chart, 'd = 8')?.data).toEqual([25, null]);
    expect(chart.alt).toContain('n = 8, d = 8: 2 of 8');
  });

  it('are the two charts of a hardness reply, time first', () => {
    expect(chartDraftsFor(sweep).map((d) => d.name)).toEqual(['hardness-time', 'hardness-descent']);
  });
});
