import { axis, MAX_TICKS } from './common.js';

/*
 * Logarithmic y axes. Over a decade or two, Chart.js's own log axis labels well (0.3, 0.5, 0.7).
 * Over many decades (gradient norms from 1e-10 to 0.3) it labels an irregular mix such as 1e-3,
 * 5e-5, 3e-4, and which powers of ten it keeps depends on floating-point rounding. There the
 * chart plots log10 of each value on a hidden linear axis and lays a category axis over it
 * whose labels are the powers of ten, written 10⁻⁵ — all plain JSON, no tick callback.
 */

/** How values reach a log y axis. */
export interface LogScale {
  /** The y to plot for a value: the value itself or its log10; null for values a log axis cannot show. */
  y(value: number): number | null;
  /** Entries for options.scales. */
  scales: Record<string, unknown>;
  /** Properties every dataset on this axis needs (its axis id). */
  dataset: Record<string, unknown>;
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** A power of ten as text: 1, 10, 10², 10⁻⁵. */
export function powerOfTen(exponent: number): string {
  if (exponent === 0) return '1';
  if (exponent === 1) return '10';
  return `10${[...String(exponent)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/** Decades spanned before the axis switches to powers-of-ten labels. */
const MANY_DECADES = 4;

function isPlottable(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

/**
 * Decades kept free between the extreme values and the ends of a powers-of-ten axis: at least
 * `least`, and `share` of the values' span, so the room stays a few pixels on a ten-decade axis.
 */
const EDGE_ROOM = { least: 0.1, share: 0.04 };

/** Below this ratio of largest to smallest value a log axis looks linear but labels worse. */
const NARROW_RATIO = 2;

/**
 * A narrow linear range is widened to at least this fraction of its largest value, so that a flat
 * curve (a net stuck at 0.6931472) is drawn flat, not as noise blown up to fill the plot with
 * seven ticks that all read 0.693.
 */
const NARROW_MIN_SPAN = 0.1;

/** How `logScale` treats values that span little. */
export interface LogScaleOptions {
  /**
   * A log axis from one power of ten to another, labelled with the powers, even when the values
   * are within a factor of 2 (gradient norms): then the axis shows how small they are, and noise
   * between 2e-14 and 1e-13 does not fill the plot as if it were a trend.
   */
  wholeDecades?: boolean;
}

/** A linear axis for values within a factor of 2, widened to at least NARROW_MIN_SPAN. */
function narrowLinear(quantity: string, smallest: number, largest: number): LogScale {
  const pad = Math.max(0, (NARROW_MIN_SPAN * largest - (largest - smallest)) / 2);
  const bounds = pad > 0 ? { suggestedMin: Math.max(0, smallest - pad), suggestedMax: largest + pad } : {};
  return {
    y: (value) => (Number.isFinite(value) ? value : null),
    scales: {
      y: axis('linear', quantity, { ...bounds, ticks: { format: { maximumSignificantDigits: 3 } } }),
    },
    dataset: {},
  };
}

/**
 * A y axis for `values` (losses, gradient norms) titled `quantity`: logarithmic, except over a
 * narrow range (a deep net stuck between 0.693 and 0.75), where a linear axis looks the same and
 * its labels do not pile up.
 */
export function logScale(
  quantity: string,
  values: readonly number[],
  options: LogScaleOptions = {},
): LogScale {
  const positive = values.filter(isPlottable);
  const smallest = positive.length > 0 ? Math.min(...positive) : 1;
  const largest = positive.length > 0 ? Math.max(...positive) : 1;
  if (largest / smallest < NARROW_RATIO && !options.wholeDecades)
    return narrowLinear(quantity, smallest, largest);
  const title = `${quantity} (log scale)`;
  // Whole decades are labelled as powers of ten: Chart.js's own log ticks between two powers
  // (8E-13 next to 1E-12) crowd each other.
  const decades = Math.ceil(Math.log10(largest)) - Math.floor(Math.log10(smallest));
  if (decades < MANY_DECADES && !options.wholeDecades) {
    return {
      y: (value) => (isPlottable(value) ? value : null),
      scales: { y: axis('logarithmic', title, { ticks: { format: { maximumSignificantDigits: 3 } } }) },
      dataset: {},
    };
  }
  // Room at each end, so a point at 1.1e-3 (a trained net's loss, marked with a star) is not drawn
  // on the axis line and cut in half. `+ 0` turns Math.ceil's -0 into 0, which JSON keeps.
  const room = Math.max(EDGE_ROOM.least, EDGE_ROOM.share * (Math.log10(largest) - Math.log10(smallest)));
  const low = Math.floor(Math.log10(smallest) - room) + 0;
  const high = Math.max(low + 1, Math.ceil(Math.log10(largest) + room) + 0);
  const labels = Array.from({ length: high - low + 1 }, (_, i) => powerOfTen(high - i));
  return {
    y: (value) => (isPlottable(value) ? Math.log10(value) : null),
    scales: {
      // Every decade has a slot, but at most MAX_TICKS + 1 are labelled (10⁻¹², 10⁻¹⁰, ... on a
      // twelve-decade axis): the gridlines still mark each one.
      y: axis('category', title, {
        labels,
        offset: false,
        ticks: { autoSkipPadding: 6, maxTicksLimit: MAX_TICKS + 1 },
      }),
      logY: { type: 'linear', axis: 'y', display: false, min: low, max: high },
    },
    dataset: { yAxisID: 'logY' },
  };
}
