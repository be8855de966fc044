import type { DataPoints } from '../../../engine/result.js';
import type { XY } from '../draft.js';
import { TABLE_CLASS_COLORS } from '../style.js';

/*
 * The training points, coloured and shaped by class: shape as well as colour, so the classes stay
 * apart for colour-blind readers and in greyscale.
 */

/** Filled shapes only (Chart.js draws 'cross' and 'star' as strokes, which a white rim would hide). */
const CLASS_SHAPES = ['circle', 'triangle', 'rect', 'rectRot', 'rectRounded'] as const;

/**
 * One scatter dataset per class, drawn with a white rim to stand out on a heat map: class 0 and
 * class 1, or a table's classes by name (`names`, up to 8).
 */
export function classDatasets(data: DataPoints, names?: readonly string[]): Record<string, unknown>[] {
  const count = Math.max(2, names?.length ?? 0);
  return Array.from({ length: count }, (_, label) => {
    const points: XY[] = [];
    data.x.forEach(([x, y], i) => {
      if (data.y[i] === label) points.push({ x, y });
    });
    return {
      type: 'scatter',
      label: names?.[label] ?? `class ${label}`,
      data: points,
      backgroundColor: TABLE_CLASS_COLORS[label % TABLE_CLASS_COLORS.length],
      borderColor: '#ffffff',
      borderWidth: 1.5,
      pointRadius: 6,
      pointStyle: CLASS_SHAPES[label % CLASS_SHAPES.length],
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
