import type { LpResult } from '../../../engine/result.js';
import { dataName, tableOf } from '../../explain/data.js';
import type { ChartDraft, XY } from '../draft.js';
import { formatPercent, formatValue } from '../format.js';
import { LINE_WIDTH, OKABE_ITO } from '../style.js';
import { axis, baseOptions, lineDataset } from './common.js';
import { classDatasets, paddedBounds } from './points.js';

type Box = { xMin: number; xMax: number; yMin: number; yMax: number };

/** The segment of w·x + b = 0 inside the box, or undefined when the line misses it. */
export function clipLine(w: readonly [number, number], b: number, box: Box): [XY, XY] | undefined {
  const [w1, w2] = w;
  const hits: XY[] = [];
  const inside = (v: number, lo: number, hi: number) => v >= lo - 1e-9 && v <= hi + 1e-9;
  if (w2 !== 0) {
    for (const x of [box.xMin, box.xMax]) {
      const y = -(w1 * x + b) / w2;
      if (inside(y, box.yMin, box.yMax)) hits.push({ x, y });
    }
  }
  if (w1 !== 0) {
    for (const y of [box.yMin, box.yMax]) {
      const x = -(w2 * y + b) / w1;
      if (inside(x, box.xMin, box.xMax)) hits.push({ x, y });
    }
  }
  const first = hits[0];
  const other = hits.find((p) => first !== undefined && p.y !== null && (p.x !== first.x || p.y !== first.y));
  return first !== undefined && other !== undefined ? [first, other] : undefined;
}

/** The data and, when the LP is feasible, its separating line; the title says which case it is. */
export function lpChart(result: LpResult): ChartDraft {
  const box = paddedBounds(result.data);
  const datasets = classDatasets(result.data);
  // A line can be drawn only in the plane of the inputs, not over a projection of more of them.
  const w = result.weights?.w;
  const segment =
    result.weights === undefined || w?.length !== 2 || result.tableView?.plane === 'projection'
      ? undefined
      : clipLine([w[0]!, w[1]!], result.weights.b, box);
  if (result.feasible && segment !== undefined) {
    datasets.unshift(
      lineDataset('separating line found by the LP', segment, OKABE_ITO.black, LINE_WIDTH.main),
    );
  }
  const gd = result.gradientDescent;
  const gdText = `gradient descent: ${formatPercent(gd.accuracy)} correct, loss ${formatValue(gd.finalLoss)}`;
  // A table is named by its own name, never by the shape its spec's dataset field defaults to.
  const dataset = dataName(result.spec);
  const onTable = tableOf(result.spec) !== undefined;
  const title = result.feasible
    ? `Linear programming found a separating ${onTable ? 'boundary' : 'line'} (${dataset})`
    : `No ${onTable ? 'linear boundary' : 'line'} separates the classes (${dataset}): LP infeasible`;
  const subtitle = result.feasible
    ? `LP: ${formatPercent(result.lpAccuracy ?? 1)} correct in ${formatValue(result.solveMs)} ms · ${gdText}`
    : // One neuron's boundary is a line too: 88% on overlapping blobs says the best line is good,
      // only not perfect, which is not the same as XOR's need for a hidden layer.
      `every line leaves some points on the wrong side · the line one neuron found: ${formatPercent(gd.accuracy)} correct`;
  const alt = result.feasible
    ? `The ${dataset} data (${result.data.x.length} points, two classes) with the separating line found by linear programming in ${formatValue(result.solveMs)} ms; it classifies ${formatPercent(result.lpAccuracy ?? 1)} of the points correctly. Gradient descent on one neuron reaches ${formatPercent(gd.accuracy)}.`
    : `The ${dataset} data (${result.data.x.length} points, two classes). The linear program is infeasible (${result.solverStatus}): no ${onTable ? 'linear boundary' : 'straight line'} separates the classes. Gradient descent on one neuron reaches ${formatPercent(gd.accuracy)}.`;
  return {
    name: 'lp',
    alt,
    config: {
      type: 'scatter',
      data: { datasets },
      options: baseOptions(title, subtitle, {
        x: axis('linear', 'x₁', { min: box.xMin, max: box.xMax, ticks: { includeBounds: false } }),
        y: axis('linear', 'x₂', { min: box.yMin, max: box.yMax, ticks: { includeBounds: false } }),
      }),
    },
  };
}
