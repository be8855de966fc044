import type { BoundaryGrid, RunResult, TrainResult } from '../../../engine/result.js';
import { runFacts } from '../../judge/facts.js';
import { LEARNED_KINDS, seedKind } from '../../judge/judge.js';
import { classesOf } from '../../no-learning.js';
import type { ChartDraft } from '../draft.js';
import { formatPercent, formatValue } from '../format.js';
import { CLASS_COLORS, TABLE_CLASS_COLORS, towardWhite } from '../style.js';
import { axis, baseOptions } from './common.js';
import { architectureText } from './loss-curves.js';
import { classDatasets } from './points.js';

/*
 * The heat map is one floating-bar dataset on a linear x axis: each grid cell is a bar from its
 * lower to its upper y edge. Bars tile the plot exactly at any image size, which scatter squares
 * (sized in pixels) cannot, and need no matrix plugin. Cells are pale where the model is unsure
 * (p near 0.5), so the white band is the decision boundary, and stronger where it is confident.
 */

/**
 * Cells drawn at most, across and down. The plot area of a 480x600 chart is about as tall as
 * wide (near 390 px each way), so 48 x 48 cells are near-square (about 8 px) and keep the JSON
 * for QuickChart near 250 kB.
 */
export const MAX_CELLS = { across: 48, down: 48 } as const;

/** How far toward white a fully confident cell stays (1 would be white everywhere). */
const PALEST = 0.93;
const STRONGEST = 0.45;

/** The background colour of a cell with class-1 probability p. */
export function cellColor(p: number): string {
  if (!Number.isFinite(p)) return '#ffffff';
  const confidence = Math.min(1, Math.abs(p - 0.5) * 2);
  return towardWhite(CLASS_COLORS[p >= 0.5 ? 1 : 0], PALEST - (PALEST - STRONGEST) * confidence);
}

/**
 * Cells to draw along one axis, at most `most`: evenly spaced positions in [0, 1] and, for each,
 * the nearest grid node. Positions stay evenly spaced (so bars tile without gaps) even when the
 * nodes picked are not.
 */
function resample(size: number, most: number): { at: number; node: number }[] {
  const count = Math.min(size, most);
  if (count <= 1) return [{ at: 0, node: 0 }];
  return Array.from({ length: count }, (_, i) => ({
    at: i / (count - 1),
    node: Math.round((i * (size - 1)) / (count - 1)),
  }));
}

/** Half a drawn cell's width in data units: the plot extends this far beyond the outer nodes. */
function cellHalfWidth(grid: BoundaryGrid): number {
  return (grid.xMax - grid.xMin || 1) / (2 * Math.max(1, Math.min(grid.size, MAX_CELLS.across) - 1));
}

/** Half a drawn cell's height in data units. */
function cellHalfHeight(grid: BoundaryGrid): number {
  return (grid.yMax - grid.yMin || 1) / (2 * Math.max(1, Math.min(grid.size, MAX_CELLS.down) - 1));
}

/**
 * The background colour of a cell of a K-class grid: the predicted class's colour, paler the
 * closer its probability p is to 1/K (no preference), strongest at p = 1.
 */
export function classCellColor(p: number, predicted: number, classes: number): string {
  if (!Number.isFinite(p)) return '#ffffff';
  const confidence = Math.min(1, Math.max(0, (p - 1 / classes) / (1 - 1 / classes)));
  const color = TABLE_CLASS_COLORS[predicted % TABLE_CLASS_COLORS.length]!;
  return towardWhite(color, PALEST - (PALEST - STRONGEST) * confidence);
}

/** The floating-bar heat map of a boundary grid (grid values sit at evenly spaced nodes). */
export function heatMapDataset(grid: BoundaryGrid, classes = 2): Record<string, unknown> {
  const columns = resample(grid.size, MAX_CELLS.across);
  const rows = resample(grid.size, MAX_CELLS.down);
  const halfHeight = cellHalfHeight(grid);
  const data: { x: number; y: [number, number] }[] = [];
  const colors: string[] = [];
  for (const row of rows) {
    const y = grid.yMin + row.at * (grid.yMax - grid.yMin);
    for (const column of columns) {
      data.push({ x: grid.xMin + column.at * (grid.xMax - grid.xMin), y: [y - halfHeight, y + halfHeight] });
      const node = row.node * grid.size + column.node;
      const p = grid.probabilities[node] ?? Number.NaN;
      colors.push(grid.classes ? classCellColor(p, grid.classes[node] ?? 0, classes) : cellColor(p));
    }
  }
  return {
    type: 'bar',
    label: 'model: paler = unsure',
    data,
    backgroundColor: colors,
    borderWidth: 0,
    // Grow each cell by 1 px so neighbours overlap: no hairline seams from anti-aliasing.
    inflateAmount: 1,
    barPercentage: 1,
    categoryPercentage: 1,
    grouped: false,
    pointStyle: 'rect',
  };
}

/** The run whose boundary is drawn: the first seed that has one. */
function runWithBoundary(result: TrainResult): (RunResult & { boundary: BoundaryGrid }) | undefined {
  return result.runs.find((run): run is RunResult & { boundary: BoundaryGrid } => run.boundary !== undefined);
}

/**
 * Below this spread of the class-1 probability over the whole grid, the model gives about the same
 * answer everywhere. With a loss no lower than the no-learning level it drew no confident boundary:
 * its accuracy only says on which side of 0.5 each point's nearly equal answer fell.
 */
export const NO_BOUNDARY_SPREAD = 0.1;

/**
 * Answers closer to 0.5 than this everywhere are too small to count as learning: a net at most 51%
 * sure of any point. Measured: stalled sigmoid nets of depth 4 to 8 stay within 1e-4 to 1.3e-3 of
 * 0.5; depth 3, at most 0.01 below ln 2, within 0.004 to 0.017.
 */
const NEGLIGIBLE_MARGIN = 0.01;

/** The range of the grid's finite probabilities, or undefined for a grid with none. */
export function probabilityRange(grid: BoundaryGrid): { low: number; high: number } | undefined {
  const finite = grid.probabilities.filter(Number.isFinite);
  if (finite.length === 0) return undefined;
  return { low: Math.min(...finite), high: Math.max(...finite) };
}

/** Title, subtitle and alt-text clause of a boundary chart. */
interface Headings {
  title: string;
  subtitle: string;
  alt: string;
}

/**
 * Headings for a model unsure everywhere: its answers straddle 0.5 within a narrow band, with a
 * loss no better than no learning. Its accuracy is real (the sign of tiny differences follows the
 * labels), so it is quoted with the margins it rests on.
 */
function unsureEverywhere(
  result: TrainResult,
  run: RunResult & { boundary: BoundaryGrid },
  { low, high }: { low: number; high: number },
): Headings {
  const accuracy = formatPercent(run.finalAccuracy);
  const margin = Math.max(0.5 - low, high - 0.5);
  // The grid holds probabilities to 4 decimals: quoted as they are, not rounded further.
  const band = low === high ? low.toFixed(4) : `from ${low.toFixed(4)} to ${high.toFixed(4)}`;
  const margins =
    margin < NEGLIGIBLE_MARGIN
      ? 'by margins far too small to count as learning'
      : `never more than ${margin.toFixed(4)} from 0.5`;
  // "But" only where the accuracy could pass for learning.
  const but = run.finalAccuracy > 0.5 ? ' but' : '';
  return {
    title: `No confident boundary learned: ${architectureText(result.spec)}`,
    subtitle: `p ${low === high ? '= ' : ''}${band} everywhere: right on ${accuracy} of points,${but} ${margins} · seed ${run.seed}`,
    alt: `the model answers ${band} everywhere, so it drew no confident boundary; it is right on ${accuracy} of the training points,${but} ${margins}`,
  };
}

/**
 * Headings for a model that drew no boundary, or undefined when it drew one: it answers about
 * the same p, near 0.5, everywhere with a loss no better than no learning, or one class everywhere.
 */
function noBoundary(result: TrainResult, run: RunResult & { boundary: BoundaryGrid }): Headings | undefined {
  const range = probabilityRange(run.boundary);
  if (range === undefined) return undefined;
  // Both conditions: a barely-trained net can be unsure everywhere yet already on the right side.
  const flat = range.high - range.low < NO_BOUNDARY_SPREAD;
  const aroundHalf = range.low <= 0.5 && range.high >= 0.5;
  if (
    aroundHalf &&
    flat &&
    !LEARNED_KINDS.has(seedKind(runFacts(run, result.spec.loss, classesOf(result.spec))))
  )
    return unsureEverywhere(result, run, range);
  const oneClass = range.high < 0.5 ? 0 : range.low >= 0.5 ? 1 : undefined;
  if (oneClass === undefined) return undefined;
  const accuracy = formatPercent(run.finalAccuracy);
  return {
    title: `No boundary learned: ${architectureText(result.spec)}`,
    subtitle: `it answers class ${oneClass} everywhere on this plot · seed ${run.seed} · accuracy ${accuracy}`,
    alt: `the model answers class ${oneClass} everywhere on the plot, so it drew no boundary there; ${accuracy} of the training points are classified correctly`,
  };
}

/** For a K-class grid: headings when the model answers one class everywhere, else undefined. */
function oneClassEverywhere(
  result: TrainResult,
  run: RunResult & { boundary: BoundaryGrid },
): Headings | undefined {
  const classes = run.boundary.classes;
  if (!classes || classes.length === 0 || classes.some((c) => c !== classes[0])) return undefined;
  const name = result.spec.table?.classes[classes[0]!] ?? `class ${classes[0]}`;
  const accuracy = formatPercent(run.finalAccuracy);
  return {
    title: `No boundary learned: ${architectureText(result.spec)}`,
    subtitle: `it answers ${name} everywhere on this plot · seed ${run.seed} · accuracy ${accuracy}`,
    alt: `the model answers ${name} everywhere on the plot, so it drew no boundary there; ${accuracy} of the training points are classified correctly`,
  };
}

/** Title and subtitle: what the boundary shows, or that the model drew none. */
function headings(result: TrainResult, run: RunResult & { boundary: BoundaryGrid }): Headings {
  const accuracy = formatPercent(run.finalAccuracy);
  if (run.boundary.classes) {
    return (
      oneClassEverywhere(result, run) ?? {
        title: `What the network learned: ${architectureText(result.spec)}`,
        subtitle: `background: the class predicted there, paler = unsure · seed ${run.seed} · accuracy ${accuracy}`,
        alt: `${accuracy} of the training points classified correctly`,
      }
    );
  }
  return (
    noBoundary(result, run) ?? {
      title: `What the network learned: ${architectureText(result.spec)}`,
      subtitle: `background: orange = class 0, blue = class 1 · seed ${run.seed} · accuracy ${accuracy}`,
      alt: `${accuracy} of the training points classified correctly`,
    }
  );
}

/** The training data over the model's class-1 probability, or undefined when no run has a grid. */
export function decisionBoundaryChart(result: TrainResult): ChartDraft | undefined {
  const run = runWithBoundary(result);
  if (run === undefined) return undefined;
  const grid = run.boundary;
  const dx = cellHalfWidth(grid);
  const dy = cellHalfHeight(grid);
  const { title, subtitle, alt } = headings(result, run);
  const { table } = result.spec;
  const classes = table?.classes.length ?? 2;
  // A table's axes are its two features, in standard deviations when standardized.
  const unit = result.tableView?.standardized ? ' (standardized)' : '';
  const [xTitle, yTitle] = table
    ? [`${table.features[0]}${unit}`, `${table.features[1]}${unit}`]
    : ['x₁', 'x₂'];
  const data = table
    ? `the ${table.name} table (${table.features[0]} against ${table.features[1]}${unit})`
    : `the ${result.spec.dataset} data`;
  const inClasses = classes === 2 ? 'two classes' : `${classes} classes`;
  return {
    name: 'decision-boundary',
    alt: `Decision boundary of ${architectureText(result.spec)} (seed ${run.seed}) on ${data}: ${result.data.x.length} points in ${inClasses} over the model's predicted class; final loss ${formatValue(run.finalLoss)}; ${alt}.`,
    config: {
      type: 'bar',
      data: { datasets: [...classDatasets(result.data, table?.classes), heatMapDataset(grid, classes)] },
      options: baseOptions(title, subtitle, {
        x: axis('linear', xTitle, {
          min: grid.xMin - dx,
          max: grid.xMax + dx,
          offset: false,
          grid: { display: false },
          ticks: { includeBounds: false },
        }),
        y: axis('linear', yTitle, {
          min: grid.yMin - dy,
          max: grid.yMax + dy,
          grid: { display: false },
          ticks: { includeBounds: false },
        }),
      }),
    },
  };
}
