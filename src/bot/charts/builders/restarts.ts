import type { RestartGroup, RestartsResult } from '../../../engine/result.js';
import type { ChartDraft, XY } from '../draft.js';
import { formatValue, joinWords, wrapWords } from '../format.js';
import { charsIn, FONT_SIZE, seriesColor, withAlpha } from '../style.js';
import { axis, baseOptions, finiteOrNull } from './common.js';

/*
 * A strip plot: one column per architecture, one dot per restart. Within a column the restarts
 * are sorted by final loss and laid out left to right, so "every restart found the same loss"
 * reads as a flat row of dots and "restarts disagree" as a staircase. The y axis is linear and
 * starts at 0: a spread of 1e-4 is then invisible (the same answer), one of 0.1 is not.
 *
 * Chart.js cannot offset dots sideways on a category axis, so the dots live on a hidden linear
 * axis (column i centred at x = i) laid exactly over a visible category axis that prints the
 * architecture names.
 */

/** Half the width of a column, in x units (columns are 1 apart). */
const HALF_COLUMN = 0.32;

/** Positions of n sorted restarts across a column centred on `centre`. */
function columnPoints(centre: number, losses: readonly number[]): XY[] {
  const rank = (v: number) => (Number.isFinite(v) ? v : Number.POSITIVE_INFINITY);
  const sorted = [...losses].sort((a, b) => rank(a) - rank(b));
  const n = sorted.length;
  return sorted.map((loss, i) => ({
    x: n === 1 ? centre : centre - HALF_COLUMN + (2 * HALF_COLUMN * i) / (n - 1),
    y: finiteOrNull(loss),
  }));
}

/**
 * Longest line of a column label, in characters, for `columns` columns: the plot, about 390 px
 * wide, shared evenly, less a gap between neighbouring labels (10 characters for 4 columns).
 */
function labelLine(columns: number): number {
  return charsIn(390 / Math.max(1, columns) - 6, FONT_SIZE.ticks);
}

/**
 * Below this fraction of the y axis a spread is invisible: the dots form a flat row even when the
 * losses differ tenfold (one neuron on separable data, still sliding toward 0).
 */
const INVISIBLE_SPREAD = 0.02;

/** A column label in lines: the architecture's name, its spread, and a ratio the axis hides. */
function columnLabel(group: RestartGroup, axisTop: number, width: number): string[] {
  const lines = group.label.split(/,\s*/).flatMap((part) => wrapWords(part, width));
  const finite = group.finalLosses.filter(Number.isFinite);
  const [low, high] = [Math.min(...finite), Math.max(...finite)];
  const hidden = group.spread < INVISIBLE_SPREAD * axisTop && low > 0 && high / low >= 2;
  return [
    ...lines,
    ...wrapWords(`spread ${formatValue(group.spread)}`, width),
    ...(hidden ? wrapWords(`highest ${formatValue(high / low)}× lowest`, width) : []),
  ];
}

/** Final loss of every restart, one column per architecture, each labelled with its spread. */
export function restartsChart(result: RestartsResult): ChartDraft {
  const { groups, spec } = result;
  const datasets = groups.map((group, i) => ({
    type: 'scatter',
    label: group.label,
    data: columnPoints(i, group.finalLosses),
    xAxisID: 'restart',
    backgroundColor: withAlpha(seriesColor(i), 0.75),
    borderColor: seriesColor(i),
    borderWidth: 2,
    pointRadius: 8,
    pointStyle: 'circle',
  }));
  const highest = Math.max(0.1, ...groups.flatMap((g) => g.finalLosses).filter(Number.isFinite));
  const words = groups.map(
    (g) =>
      `${g.label}: ${g.finalLosses.length} restarts between ${formatValue(Math.min(...g.finalLosses))} and ${formatValue(Math.max(...g.finalLosses))} (spread ${formatValue(g.spread)})`,
  );
  const options = baseOptions(
    `Final loss of ${spec.restarts} random restarts`,
    'one dot per restart, sorted · a flat row = the same answer every time',
    {
      x: axis('category', '', {
        offset: true,
        grid: { display: false },
        title: { display: false },
        ticks: { maxRotation: 0, autoSkip: false },
      }),
      restart: { type: 'linear', axis: 'x', display: false, min: -0.5, max: groups.length - 0.5 },
      y: axis('linear', 'final training loss', { min: 0, suggestedMax: highest * 1.1 }),
    },
    { display: false },
  );
  return {
    name: 'restarts',
    alt: `Final training loss of each random restart, by architecture. ${joinWords(words)}.`,
    config: {
      type: 'scatter',
      data: {
        labels: groups.map((group) => columnLabel(group, highest * 1.1, labelLine(groups.length))),
        datasets,
      },
      options,
    },
  };
}
