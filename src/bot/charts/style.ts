/*
 * Shared look of every chart. Most students read charts on a phone inside Discord or Slack, where
 * an image is shown about 360 CSS pixels wide whatever its size; tapping it only grows it to the
 * screen's width. Charts are therefore laid out for that width: a portrait 4:5 image, fonts sized
 * so that no text is smaller than 11 px on such a screen, few ticks, the legend under the plot,
 * thick lines. Colours come from the Okabe–Ito palette, which stays distinguishable for the common
 * forms of colour blindness.
 */

/**
 * The size charts are laid out at, in CSS pixels, and the pixel ratio they are drawn at (the PNG
 * is 720x900): sharp on a phone's 2-3x screen shown 360 px wide, and on a desktop client, which
 * shows it larger, a 480 px layout keeps the fonts at an ordinary reading size.
 */
export const CHART_LAYOUT = { width: 480, height: 600, pixelRatio: 1.5 } as const;

/** The width a phone chat client shows an image at, and the smallest text readable there. */
export const PHONE = { displayWidth: 360, minTextPx: 11 } as const;

/** The smallest font, in layout pixels, that is still PHONE.minTextPx when shown PHONE.displayWidth wide. */
export const MIN_FONT_PX = Math.ceil((PHONE.minTextPx * CHART_LAYOUT.width) / PHONE.displayWidth);

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

/**
 * Colours of up to 8 classes of a table: the two classes' colours first, then the rest of the
 * Okabe–Ito set (safe for the common colour-vision deficiencies), yellow last as it is faint on white.
 */
export const TABLE_CLASS_COLORS: readonly string[] = [
  ...CLASS_COLORS,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

/** Text colour: near-black, softer than pure black on white. */
export const TEXT_COLOR = '#1a1a1a';
/** Colour of grid lines. */
export const GRID_COLOR = '#d9d9d9';
/** Colour of the "no learning" reference line. */
export const REFERENCE_COLOR = '#555555';

/** Font sizes in layout pixels: everything at least MIN_FONT_PX (15), the title larger and bold. */
export const FONT_SIZE = {
  title: MIN_FONT_PX + 4,
  subtitle: MIN_FONT_PX,
  axisTitle: MIN_FONT_PX,
  ticks: MIN_FONT_PX,
  legend: MIN_FONT_PX,
} as const;

/**
 * Average advance of a character, as a share of the font size, in the chart font (DejaVu Sans,
 * measured: 0.47-0.52 for plain text, 0.64 for digits; bold about 10 % wider). Configurations are
 * JSON with no measuring callback, so builders wrap text by character count with these generous
 * widths, and the rendering test checks that what they wrap fits.
 */
export const CHAR_WIDTH = { normal: 0.56, bold: 0.62 } as const;

/** Characters of `fontPx` text (bold or not) that fit in `widthPx`, by CHAR_WIDTH. */
export function charsIn(widthPx: number, fontPx: number, bold = false): number {
  return Math.max(1, Math.floor(widthPx / (fontPx * CHAR_WIDTH[bold ? 'bold' : 'normal'])));
}

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
