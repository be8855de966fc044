import { describe, expect, it } from 'vitest';
import {
  layerActivationChart,
  layerGradientChart,
  layerSaturationChart,
  watchedLayers,
} from '../../../src/bot/charts/builders/layers-over-training.js';
import type { RunResult } from '../../../src/engine/result.js';
import { makeRun } from './fixtures.js';

/*
 * The charts of layers over training, as a student reads them: bands that stay inside what the
 * activation can output, gradient axes labelled in powers of ten, and "dead" for relu.
 */

/** A depth-3 run whose layers have the given activation mean and spread at each of two steps. */
function runWith(activation: RunResult['activation'], mean: number, spread: number): RunResult {
  const run = makeRun({ depth: 3, seed: 1, start: 0.7, end: 0.3, tau: 50, firstLayerGradient: 1e-3 });
  run.activation = activation;
  run.layerStats = [0, 300].map((step) => ({
    step,
    mean: [mean, mean, mean],
    spread: [spread, spread, spread],
    saturated: [0.1, 0.5, 0.9],
  }));
  return run;
}

type Point = { x: number; y: number };
type Dataset = { label: string; data: Point[]; fill?: unknown };
const datasetsOf = (config: unknown) => (config as { data: { datasets: Dataset[] } }).data.datasets;
const subtitleOf = (config: unknown) =>
  [
    (config as { options: { plugins: { subtitle: { text: string | string[] } } } }).options.plugins.subtitle
      .text,
  ]
    .flat()
    .join(' ');
const bandValues = (config: unknown) => datasetsOf(config).flatMap((d) => d.data.map((p) => p.y));

describe('layers over training charts', () => {
  it('watches every layer up to five, then the first, the last and three evenly between', () => {
    expect(watchedLayers(3)).toEqual([0, 1, 2]);
    expect(watchedLayers(16)).toEqual([0, 4, 8, 11, 15]);
  });

  it('cuts the activation band to the values each activation can output', () => {
    const relu = layerActivationChart(runWith('relu', 2, 5))!;
    expect(Math.min(...bandValues(relu.config))).toBe(0);
    expect(Math.max(...bandValues(relu.config))).toBe(7);
    expect(subtitleOf(relu.config)).toContain('mean ± 1 sd, cut at 0');

    const tanh = layerActivationChart(runWith('tanh', 0.5, 0.8))!;
    expect(Math.min(...bandValues(tanh.config))).toBeCloseTo(-0.3, 12);
    expect(Math.max(...bandValues(tanh.config))).toBe(1);

    const sigmoid = layerActivationChart(runWith('sigmoid', 0.2, 0.5))!;
    expect(Math.min(...bandValues(sigmoid.config))).toBe(0);

    // A linear unit can output anything: nothing is cut.
    const linear = layerActivationChart(runWith('linear', 2, 5))!;
    expect(Math.min(...bandValues(linear.config))).toBe(-3);
    expect(subtitleOf(linear.config)).toMatch(/band = mean ± 1 sd$/);
  });

  it('labels gradient norms in whole powers of ten, even when they span less than a decade', () => {
    const run = runWith('tanh', 0, 0.01);
    run.gradientNorms = [0, 150, 300].map((step) => ({ step, perLayer: [3e-14, 5e-14, 8e-14, 1e-13] }));
    const chart = layerGradientChart(run)!;
    const { scales } = (
      chart.config as unknown as { options: { scales: Record<string, { labels?: string[] }> } }
    ).options;
    expect(scales.y?.labels).toEqual(['10⁻¹²', '10⁻¹³', '10⁻¹⁴']);
    expect(datasetsOf(chart.config).map((d) => d.label)).toEqual([
      'layer 1',
      'layer 2',
      'layer 3',
      'output layer',
    ]);
  });

  it('counts dead relu units and saturated tanh units, and has no such chart for linear units', () => {
    const relu = layerSaturationChart(runWith('relu', 1, 1))!;
    expect(relu.alt).toContain('dead units');
    expect(datasetsOf(relu.config)[2]!.data.map((p) => p.y)).toEqual([90, 90]);
    expect(layerSaturationChart(runWith('tanh', 0, 1))!.alt).toContain('saturated units');
    expect(layerSaturationChart(runWith('linear', 0, 1))).toBeUndefined();
  });
});
