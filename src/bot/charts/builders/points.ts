import type { DataPoints } from '../../../engine/result.js';
import type { XY } from '../draft.js';
import { CLASS_COLORS } from '../style.js';

/*
 * The training points, coloured and shaped by class: shape as well as colour, so the classes stay
 * apart for colour-blind readers and in greyscale.
 */

const CLASS_SHAPES = ['circle', 'triangle'] as const;

/** Two scatter datasets, class 0 and class 1, drawn with a white rim to stand out on a heat map. */
export function classDatasets(data: DataPoints): Record<string, unknown>[] {
  return [0, 1].map((label) => {
    const points: XY[] = [];
    data.x.forEach(([x, y], i) => {
      if (data.y[i] === label) points.push({ x, y });
    });
    return {
      type: 'scatter',
      label: `class ${label}`,
      data: points,
      backgroundColor: CLASS_COLORS[label],
      borderColor: '#ffffff',
      borderWidth: 1.5,
      pointRadius: 6,
      pointStyle: CLASS_SHAPES[label],
    };
  });
}

/** The data's bounding box, padded by a fraction of its size on each side. */
export function paddedBounds(
  data: DataPoints,
  padding = 0.08,
): { xMin: number; xMax: number; yMin: number; yMax: number } {
  const xs = data.x.map((p) => p[0]);
  const ys = data.x.map((p) => p[1]);
  const pad = (lo: number, hi: number): [number, number] => {
    const span = hi - lo || 1;
    return [lo - padding * span, hi + padding * span];
  };
  const [xMin, xMax] = xs.length > 0 ? pad(Math.min(...xs), Math.max(...xs)) : [-1, 1];
  const [yMin, yMax] = ys.length > 0 ? pad(Math.min(...ys), Math.max(...ys)) : [-1, 1];
  return { xMin, xMax, yMin, yMax };
}
