import type { XY } from '../draft.js';
import { wrapHeading } from '../format.js';
import {
  CHART_LAYOUT,
  charsIn,
  FONT_SIZE,
  GRID_COLOR,
  LINE_WIDTH,
  REFERENCE_COLOR,
  TEXT_COLOR,
} from '../style.js';

/*
 * Option fragments every builder shares. They only return data; nothing here may hold a
 * function, because the QuickChart path sends the configuration as JSON.
 */

/** Scale kinds the builders use. */
export type ScaleKind = 'linear' | 'logarithmic' | 'category';

/**
 * Ticks a number axis shows at most: on a plot about 400 px across, six labels of up to six
 * characters keep a gap between them, and a phone reader needs no more to read a value off.
 */
export const MAX_TICKS = 6;

/** One axis with a title and large tick labels; number axes get at most MAX_TICKS ticks. */
export function axis(
  kind: ScaleKind,
  title: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const { ticks, ...rest } = extra;
  // A category axis names every slot (depths, columns): skipping one would leave a slot unnamed.
  const limit = kind === 'category' ? {} : { maxTicksLimit: MAX_TICKS };
  return {
    type: kind,
    title: { display: true, text: title, color: TEXT_COLOR, font: { size: FONT_SIZE.axisTitle } },
    ticks: { color: TEXT_COLOR, font: { size: FONT_SIZE.ticks }, ...limit, ...(ticks as object | undefined) },
    grid: { color: GRID_COLOR },
    border: { color: TEXT_COLOR },
    ...rest,
  };
}

const PADDING = { left: 8, right: 16, top: 4, bottom: 4 } as const;

/**
 * Room for text across the chart and along the plot, in layout pixels. The plot's share is an
 * estimate from the layout (a y axis takes about 70 px; headings, legend and x axis about 300 px
 * of the height in the fullest charts); the rendering test checks the text drawn.
 */
const ROOM = {
  across: CHART_LAYOUT.width - PADDING.left - PADDING.right,
  plotWidth: CHART_LAYOUT.width - PADDING.left - PADDING.right - 70,
  plotHeight: CHART_LAYOUT.height - 300,
} as const;

/** Wraps the titles of `scales` to the plot's width (x axes) or height (y axes, drawn turned). */
function wrapAxisTitles(scales: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(scales).map(([id, value]) => {
      const scale = value as { axis?: string; title?: { text?: unknown } };
      if (typeof scale.title?.text !== 'string') return [id, value];
      const room = (scale.axis ?? id.charAt(0)) === 'y' ? ROOM.plotHeight : ROOM.plotWidth;
      const text = wrapHeading(scale.title.text, charsIn(room, FONT_SIZE.axisTitle));
      return [id, { ...scale, title: { ...scale.title, text } }];
    }),
  );
}

/**
 * Title, optional subtitle and legend, with animation, responsiveness and tooltips off. Headings
 * wrap onto more lines rather than shrink; the legend sits under the plot, where it covers no data
 * and may take several rows.
 */
export function baseOptions(
  title: string,
  subtitle: string | undefined,
  scales: Record<string, unknown>,
  legend: { display: boolean } = { display: true },
): Record<string, unknown> {
  return {
    animation: false,
    responsive: false,
    events: [],
    layout: { padding: PADDING },
    scales: wrapAxisTitles(scales),
    plugins: {
      title: {
        display: true,
        text: wrapHeading(title, charsIn(ROOM.across, FONT_SIZE.title, true)),
        color: TEXT_COLOR,
        font: { size: FONT_SIZE.title, weight: 'bold' },
        padding: { top: 6, bottom: subtitle === undefined ? 8 : 2 },
      },
      subtitle: {
        display: subtitle !== undefined,
        text: subtitle === undefined ? '' : wrapHeading(subtitle, charsIn(ROOM.across, FONT_SIZE.subtitle)),
        color: TEXT_COLOR,
        font: { size: FONT_SIZE.subtitle },
        padding: { bottom: 6 },
      },
      legend: {
        display: legend.display,
        position: 'bottom',
        labels: {
          color: TEXT_COLOR,
          font: { size: FONT_SIZE.legend },
          usePointStyle: true,
          // Legend symbols are sized from boxHeight: 12 px makes lines and dots about 17 px across.
          boxHeight: 12,
          padding: 10,
        },
      },
      tooltip: { enabled: false },
    },
  };
}

/** A value a linear axis can show, or null (a gap) for NaN and infinities (diverged training). */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Joins several series into one line dataset's data, with a null point between series. */
export function joinWithGaps(series: readonly XY[][]): XY[] {
  const joined: XY[] = [];
  for (const points of series) {
    const last = joined[joined.length - 1];
    if (last !== undefined && points.length > 0) joined.push({ x: last.x, y: null });
    joined.push(...points);
  }
  return joined;
}

/** A line dataset: no point markers, straight segments, gaps where y is null (plain numbers on a category x axis). */
export function lineDataset(
  label: string,
  data: XY[] | (number | null)[],
  color: string,
  width: number = LINE_WIDTH.main,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'line',
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderWidth: width,
    pointRadius: 0,
    pointStyle: 'line',
    tension: 0,
    spanGaps: false,
    fill: false,
    ...extra,
  };
}

/** Dash pattern of reference lines: short enough that the legend's 20 px sample shows a gap. */
export const REFERENCE_DASH = [7, 5];

/** A dashed horizontal reference line from xMin to xMax at height y. */
export function referenceLine(label: string, xMin: number, xMax: number, y: number): Record<string, unknown> {
  const points: XY[] = [
    { x: xMin, y },
    { x: xMax, y },
  ];
  return lineDataset(label, points, REFERENCE_COLOR, LINE_WIDTH.reference, { borderDash: REFERENCE_DASH });
}

/**
 * A filled band between two curves, drawn as one closed polygon (upper edge forward, lower edge
 * back) so that it is one legend entry, not two.
 */
export function bandDataset(
  label: string,
  lower: XY[],
  upper: XY[],
  fillColor: string,
): Record<string, unknown> {
  const outline = [...upper, ...[...lower].reverse()].filter((point) => point.y !== null);
  return {
    type: 'line',
    label,
    data: outline,
    borderWidth: 0,
    borderColor: fillColor,
    backgroundColor: fillColor,
    pointRadius: 0,
    pointStyle: 'rect',
    tension: 0,
    fill: 'shape',
  };
}
