/*
 * Shared look of every chart. Charts are read on phones inside chat clients, where an 800x450
 * image is shown about 360 CSS pixels wide: fonts are therefore far larger than on a web page,
 * lines are thick, and colours come from the Okabe–Ito palette, which stays distinguishable
 * for the common forms of colour blindness.
 */

/** The Okabe–Ito colours, by name. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Colours for series in order; yellow last because it is faint on white. */
export const SERIES_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

/** The colour of series number `index` (wraps around). */
export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}

/** Colours of the two classes of a binary data set (class 0, class 1). */
export const CLASS_COLORS = [OKABE_ITO.orange, OKABE_ITO.blue] as const;

/** Text colour: near-black, softer than pure black on white. */
export const TEXT_COLOR = '#1a1a1a';
/** Colour of grid lines. */
export const GRID_COLOR = '#d9d9d9';
/** Colour of the "no learning" reference line. */
export const REFERENCE_COLOR = '#555555';

/** Font sizes in CSS pixels, for an 800x450 image. */
export const FONT_SIZE = { title: 24, subtitle: 17, axisTitle: 18, ticks: 16, legend: 16 } as const;

/** Line widths in pixels. */
export const LINE_WIDTH = { main: 4, thin: 2, reference: 3 } as const;

/** `#RRGGBB` plus an opacity, as an `rgba(...)` string. */
export function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

/** Blends `#RRGGBB` toward white; `amount` 0 keeps the colour, 1 gives white. */
export function towardWhite(hex: string, amount: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const mix = (channel: number) => Math.round(channel + (255 - channel) * amount);
  return `rgb(${mix((value >> 16) & 255)}, ${mix((value >> 8) & 255)}, ${mix(value & 255)})`;
}
