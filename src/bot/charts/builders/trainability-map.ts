import type { MapCell, MapResult } from '../../../engine/result.js';
import type { ChartDraft } from '../draft.js';
import { formatValue } from '../format.js';
import { OKABE_ITO } from '../style.js';
import { axis, baseOptions } from './common.js';
import { describeColumn, mapCellBin, mapLegend, slowestSteps } from './map-bins.js';

/*
 * A heatmap drawn with plain Chart.js (no plugin, so the config stays JSON): every cell is a
 * floating bar from row r to r + 1 on a hidden linear axis, bars of one colour bin form one
 * dataset (so the legend is the colour key), and a category axis beside it names the rows.
 * The mean-field prediction, when there is one, is a line through the column centres.
 */

/** Rows sorted by depth, shallowest at the bottom. */
function rowsOf(result: MapResult): number[] {
  return [...new Set(result.spec.depths)].sort((a, b) => a - b);
}

/**
 * A depth as a position on the row axis (row i spans [i, i + 1], its centre is its depth):
 * log-interpolated between row centres, extrapolated past the ends with the nearest spacing,
 * and clipped to the map. A single row maps every depth to its centre.
 */
export function depthToRow(depth: number, rows: readonly number[]): number {
  if (rows.length < 2) return 0.5;
  let i = 0;
  while (i < rows.length - 2 && depth > rows[i + 1]!) i++;
  const [lo, hi] = [rows[i]!, rows[i + 1]!];
  const position = i + 0.5 + Math.log(Math.max(depth, 1e-9) / lo) / Math.log(hi / lo);
  return Math.min(rows.length, Math.max(0, position));
}

function cellAt(result: MapResult, depth: number, column: number): MapCell | undefined {
  const row = result.spec.depths.indexOf(depth);
  return result.cells[row * result.axisValues.length + column];
}

/** The theory overlay: 6 ξ_c per column, clipped to the map's rows. */
function theoryDataset(result: MapResult, labels: string[], rows: number[]): Record<string, unknown>[] {
  if (!result.theory) return [];
  return [
    {
      type: 'line',
      label: 'trainable depth 6ξ',
      data: result.theory.map((p, i) => ({ x: labels[i], y: depthToRow(p.trainableDepth, rows) })),
      // A triangle marks a prediction beyond the deepest row, drawn at the map's top edge.
      pointStyle: result.theory.map((p) =>
        p.trainableDepth > rows[rows.length - 1]! ? 'triangle' : 'circle',
      ),
      clip: false,
      borderColor: OKABE_ITO.vermillion,
      backgroundColor: OKABE_ITO.vermillion,
      borderWidth: 4,
      borderDash: [10, 6],
      pointRadius: 7,
      tension: 0,
      order: 0,
    },
  ];
}

/** One floating-bar dataset per colour bin, each bar one cell (row r spans [r, r + 1]). */
function cellDatasets(result: MapResult, rows: number[], labels: string[]): Record<string, unknown>[] {
  const bins = mapLegend(result.spec).map((bin) => ({
    ...bin,
    data: [] as { x: string; y: [number, number] }[],
  }));
  rows.forEach((depth, r) => {
    result.axisValues.forEach((_, column) => {
      const cell = cellAt(result, depth, column);
      if (cell) bins[mapCellBin(cell, result.spec)]?.data.push({ x: labels[column]!, y: [r, r + 1] });
    });
  });
  return bins.map((bin) => ({
    type: 'bar',
    label: bin.label,
    data: bin.data,
    backgroundColor: bin.color,
    borderColor: '#ffffff',
    borderWidth: 2,
    borderSkipped: false,
    grouped: false,
    barPercentage: 1,
    categoryPercentage: 1,
    pointStyle: 'rect',
    order: 1,
  }));
}

/** Title, axes and the colour key on the right. */
function mapOptions(spec: MapResult['spec'], rows: number[]): Record<string, unknown> {
  const measured =
    spec.metric === 'loss' ? `final loss after ${spec.steps} steps` : `steps to loss ≤ ${spec.threshold}`;
  // The swept axis's own default is not a setting of this map: leave it out of the subtitle.
  const setting = [
    spec.axis === 'activation' ? undefined : spec.activation,
    spec.axis === 'init'
      ? undefined
      : `${spec.init}${spec.init === 'gaussian' && spec.axis !== 'weightScale' ? ` σ_w²=${spec.weightScale}` : ''}${spec.init === 'gaussian' ? ` σ_b²=${spec.biasScale}` : ''}`,
    spec.axis === 'learningRate' ? spec.optimizer : `${spec.optimizer} ${spec.learningRate}`,
    spec.axis === 'width' ? undefined : `width ${spec.width}`,
    spec.dataset,
  ].filter((part) => part !== undefined);
  const subtitle = `${setting.join(', ')} · ${measured}`;
  // The colour key is the only way to read a cell's colour: it sits under the map with the other
  // charts' legends, at full legend size, and leaves the map the whole width.
  return baseOptions(`Trainability map: depth × ${AXIS_TITLE[spec.axis]}`, subtitle, {
    x: axis('category', AXIS_TITLE[spec.axis]),
    y: { type: 'linear', display: false, min: 0, max: rows.length },
    depths: {
      ...axis('category', 'depth (hidden layers)'),
      axis: 'y',
      position: 'left',
      labels: [...rows].reverse().map(String),
      offset: true,
      grid: { display: false },
    },
  });
}

/** The trainability map of a map result. */
export function trainabilityMapChart(result: MapResult): ChartDraft {
  const rows = rowsOf(result);
  const labels = result.axisValues.map((v) => describeColumn(result.spec.axis, v));
  return {
    name: 'trainability-map',
    alt: mapAltText(result, rows),
    config: {
      type: 'bar',
      data: {
        labels,
        datasets: [...theoryDataset(result, labels, rows), ...cellDatasets(result, rows, labels)],
      },
      options: mapOptions(result.spec, rows),
    },
  };
}

/** The columns' axis title by swept option (the playground's live map uses it too). */
export const AXIS_TITLE: Record<MapResult['spec']['axis'], string> = {
  weightScale: 'weight variance σ_w²',
  learningRate: 'learning rate',
  width: 'width',
  activation: 'activation',
  init: 'initialization',
};

function mapAltText(result: MapResult, rows: number[]): string {
  const { spec } = result;
  const perRow = rows.map((depth) => {
    const cells = result.axisValues.map((v, c) => {
      const cell = cellAt(result, depth, c);
      if (!cell) return '';
      const shown =
        spec.metric === 'loss'
          ? formatValue(cell.meanFinalLoss)
          : (slowestSteps(cell) ?? 'not reached').toString().replace(/^(\d+)$/, '$1 steps');
      return `${describeColumn(spec.axis, v)}: ${shown}`;
    });
    return `depth ${depth} — ${cells.join(', ')}`;
  });
  const theory = result.theory
    ? ` Trainable depth 6ξ per column (ξ from mean-field theory, the factor 6 observed by Schoenholz et al. 2017): ${result.theory.map((p) => (Number.isFinite(p.trainableDepth) ? formatValue(p.trainableDepth) : 'unbounded')).join(', ')}.`
    : '';
  return `Trainability map, ${spec.metric === 'loss' ? 'final training loss' : `steps to reach loss ${spec.threshold}`} by depth and ${AXIS_TITLE[spec.axis]}. ${perRow.join('; ')}.${theory}`;
}
