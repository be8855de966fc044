import { type HardnessCell, hardnessCells } from '../../../engine/hardness/summary.js';
import type { HardnessResult } from '../../../engine/result.js';
import type { ChartDraft } from '../draft.js';
import { formatValue, joinWords } from '../format.js';
import { LINE_WIDTH, OKABE_ITO, REFERENCE_COLOR, seriesColor } from '../style.js';
import { axis, baseOptions, lineDataset, REFERENCE_DASH } from './common.js';
import { logScale } from './log-scale.js';

/*
 * Two charts over the sweep, both with one slot per size on a category x axis (8, 16, 32, 64 sit
 * evenly apart) and one colour per input dimension. The first puts the exact solver's time on a
 * log scale next to the one-unit LP and, in 2-D, the polynomial enumeration; instances that hit
 * the time limit get a large cross. The second shows how often gradient descent found a fit.
 */

const POINT_STYLES = ['circle', 'rect', 'triangle', 'rectRot'];

function sizesOf(result: HardnessResult): number[] {
  return [...new Set(result.instances.map((r) => r.n))].sort((a, b) => a - b);
}

function dimsOf(result: HardnessResult): number[] {
  return [...new Set(result.instances.map((r) => r.d))].sort((a, b) => a - b);
}

/** One value per size slot for dimension d (null where the cell is missing). */
function row(
  cells: HardnessCell[],
  sizes: number[],
  d: number,
  pick: (c: HardnessCell) => number | undefined,
) {
  return sizes.map((n) => {
    const cell = cells.find((c) => c.n === n && c.d === d);
    const value = cell === undefined ? undefined : pick(cell);
    return value === undefined ? null : value;
  });
}

/** A line with a marker at every size, bridging sizes a dimension lacks. */
function markers(label: string, data: (number | null)[], color: string, style: string, extra = {}) {
  return lineDataset(label, data, color, LINE_WIDTH.main, {
    pointRadius: 6,
    pointStyle: style,
    spanGaps: true,
    ...extra,
  });
}

type Scale = ReturnType<typeof logScale>;

/** The crosses for cells where an instance hit the time limit, at that cell's solve time. */
function gaveUpDataset(cells: HardnessCell[], sizes: number[], scale: Scale, timeLimit: number) {
  return {
    type: 'line',
    label: `gave up (${timeLimit} s limit)`,
    data: sizes.map((n) => {
      const hit = cells.filter((c) => c.gaveUp && c.n === n);
      return hit.length === 0 ? null : scale.y(Math.max(...hit.map((c) => c.mipMs)));
    }),
    showLine: false,
    borderColor: OKABE_ITO.black,
    backgroundColor: OKABE_ITO.black,
    borderWidth: 3,
    pointRadius: 13,
    pointStyle: 'crossRot',
    ...scale.dataset,
  };
}

/** The time chart in words, for screen readers and clients without images. */
function timeAlt(cells: HardnessCell[], dims: number[], slowestLp: number): string {
  const words = dims.map((d) => {
    const line = cells.filter((c) => c.d === d).sort((a, b) => a.n - b.n);
    return `in ${d} dimensions ${line.map((c) => `${formatValue(c.mipMs)} ms at n = ${c.n}`).join(', ')}`;
  });
  const gaveUps = cells.filter((c) => c.gaveUp).map((c) => `n = ${c.n}, d = ${c.d}`);
  const gaveUpText =
    gaveUps.length === 0 ? '' : ` The solver gave up at the time limit for ${joinWords(gaveUps)}.`;
  return `Time to train the three-node threshold network exactly (mixed-integer program), slowest instance per size: ${words.join('; ')}. One unit by linear programming took at most ${formatValue(slowestLp)} ms.${gaveUpText}`;
}

/** Solve time against n: the MIP per dimension, the LP (slowest dimension), 2-D enumeration, gave-ups. */
export function hardnessTimeChart(result: HardnessResult): ChartDraft {
  const cells = hardnessCells(result.instances);
  const sizes = sizesOf(result);
  const dims = dimsOf(result);
  const all = cells.flatMap((c) => [
    c.mipMs,
    c.lpMs,
    ...(c.enumerationMs === undefined ? [] : [c.enumerationMs]),
  ]);
  const scale = logScale('solve time, ms', all);
  const plot = (values: (number | null)[]) =>
    values.map((v) => (v === null ? null : scale.y(Math.max(v, 0.01))));
  const datasets: Record<string, unknown>[] = dims.map((d, i) =>
    markers(
      `3-node MIP, d = ${d}`,
      plot(row(cells, sizes, d, (c) => c.mipMs)),
      seriesColor(i),
      'circle',
      scale.dataset,
    ),
  );
  const slowestLp = sizes.map((n) => Math.max(...cells.filter((c) => c.n === n).map((c) => c.lpMs)));
  datasets.push(
    markers('1 unit, LP (slowest d)', plot(slowestLp), REFERENCE_COLOR, 'rect', {
      ...scale.dataset,
      borderDash: REFERENCE_DASH,
      borderWidth: LINE_WIDTH.reference,
    }),
  );
  if (dims.includes(2)) {
    const enumeration = plot(row(cells, sizes, 2, (c) => c.enumerationMs));
    datasets.push(
      markers('2-D enumeration', enumeration, OKABE_ITO.orange, 'triangle', {
        ...scale.dataset,
        borderDash: [2, 4],
      }),
    );
  }
  if (cells.some((c) => c.gaveUp)) datasets.push(gaveUpDataset(cells, sizes, scale, result.spec.timeLimit));
  return {
    name: 'hardness-time',
    alt: timeAlt(cells, dims, Math.max(...slowestLp)),
    config: {
      type: 'line',
      data: { labels: sizes.map(String), datasets },
      options: baseOptions(
        'Exact training time: 3-node net vs 1 unit',
        `slowest instance per size · ${result.spec.labels} labels, ${result.spec.inputs} inputs`,
        { x: axis('category', 'training points n'), ...scale.scales },
      ),
    },
  };
}

/** Share of gradient-descent restarts that reached 100 % training accuracy, per dimension. */
export function hardnessDescentChart(result: HardnessResult): ChartDraft {
  const cells = hardnessCells(result.instances);
  const sizes = sizesOf(result);
  const dims = dimsOf(result);
  const rate = (c: HardnessCell) =>
    c.descent ? (100 * c.descent.successes) / c.descent.restarts : undefined;
  // Lines often coincide at 100 %. Chart.js draws the first dataset on top, so the first
  // dimension gets the smallest marker: coinciding points show as nested shapes, none hidden.
  const datasets = dims.map((d, i) =>
    markers(`d = ${d}`, row(cells, sizes, d, rate), seriesColor(i), POINT_STYLES[i % POINT_STYLES.length]!, {
      pointRadius: 6 + 3 * (i % POINT_STYLES.length),
      // Markers at 100 % sit on the plot's top edge: let them draw past it instead of being cut in half.
      clip: false,
    }),
  );
  const words = cells
    .filter((c) => c.descent)
    .map((c) => `n = ${c.n}, d = ${c.d}: ${c.descent!.successes} of ${c.descent!.restarts}`);
  return {
    name: 'hardness-descent',
    alt: `Gradient descent on the same three-node network with sigmoid units, ${result.spec.restarts} restarts of ${result.spec.steps} steps per instance where the exact solver proved a fit exists; restarts reaching 100 % training accuracy: ${words.length > 0 ? joinWords(words) : 'no instance had a proven fit'}.`,
    config: {
      type: 'line',
      data: { labels: sizes.map(String), datasets },
      options: baseOptions(
        'Gradient descent: restarts that fit every point',
        `${result.spec.restarts} restarts × ${result.spec.steps} steps · only sizes with a proven fit`,
        {
          x: axis('category', 'training points n'),
          y: axis('linear', 'restarts at 100 % accuracy (%)', { min: 0, max: 100 }),
        },
      ),
    },
  };
}
