import { axis } from './common.js';

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

/** Below this ratio of largest to smallest value a log axis looks linear but labels worse. */
const NARROW_RATIO = 2;

/**
 * A y axis for `values` (losses, gradient norms) titled `quantity`: logarithmic, except over a
 * narrow range (a deep net stuck between 0.693 and 0.75), where a linear axis looks the same and
 * its labels do not pile up.
 */
export function logScale(quantity: string, values: readonly number[]): LogScale {
  const positive = values.filter(isPlottable);
  const smallest = positive.length > 0 ? Math.min(...positive) : 1;
  const largest = positive.length > 0 ? Math.max(...positive) : 1;
  if (largest / smallest < NARROW_RATIO) {
    return {
      y: (value) => (Number.isFinite(value) ? value : null),
      scales: { y: axis('linear', quantity, { ticks: { format: { maximumSignificantDigits: 3 } } }) },
      dataset: {},
    };
  }
  const title = `${quantity} (log scale)`;
  // `+ 0` turns Math.ceil's -0 (for values in (0.1, 1)) into 0, which survives JSON unchanged.
  const low = Math.floor(Math.log10(smallest)) + 0;
  const high = Math.ceil(Math.log10(largest)) + 0;
  if (high - low < MANY_DECADES) {
    return {
      y: (value) => (isPlottable(value) ? value : null),
      scales: { y: axis('logarithmic', title, { ticks: { format: { maximumSignificantDigits: 3 } } }) },
      dataset: {},
    };
  }
  // A vertical category axis lists its labels from the top down: the highest power comes first.
  const labels = Array.from({ length: high - low + 1 }, (_, i) => powerOfTen(high - i));
  return {
    y: (value) => (isPlottable(value) ? Math.log10(value) : null),
    scales: {
      y: axis('category', title, { labels, offset: false, ticks: { autoSkipPadding: 6 } }),
      logY: { type: 'linear', axis: 'y', display: false, min: low, max: high },
    },
    dataset: { yAxisID: 'logY' },
  };
}
