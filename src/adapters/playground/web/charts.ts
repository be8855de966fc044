import type { ChartConfiguration, Chart as ChartJs, TooltipItem } from 'chart.js';
import { el } from './dom.js';
import type { WireChart } from './wire.js';

/*
 * Charts drawn in the page with Chart.js (served as /chartjs.js, the server's own copy), from
 * the same configurations the PNGs were drawn from. The configurations are written for a
 * white 800 × 450 image; here they are adapted to the screen:
 *
 * - theme: under `prefers-color-scheme: dark` the configuration's text, grid and reference
 *   colours (which the server names) and its black and white are swapped for the page's dark
 *   chart colours (CSS variables, so style.css holds the palette); a change of scheme redraws;
 * - size: the chart fills its box's width; fonts shrink with it, never below a legible size,
 *   and a legend on the right moves below the chart on a narrow screen;
 * - tooltips: on, with exact values.
 */

const ChartCtor = (globalThis as unknown as { Chart?: typeof ChartJs }).Chart;

/** False when Chart.js did not load: the page then shows the PNGs. */
export const canDrawCharts = ChartCtor !== undefined;

const darkScheme = matchMedia('(prefers-color-scheme: dark)');

/** The width the configurations' font sizes are written for. */
const DESIGN_WIDTH = 800;
/** Smallest font a chart shows on a narrow screen, in CSS pixels. */
const MIN_FONT = 11;
/** Below this box width a legend on the right goes below the chart. */
const NARROW = 560;

/** A configuration as the page gets it: plain JSON. */
type PlainConfig = WireChart['config'];

/** A chart on the page that can be drawn again (new width, new colour scheme). */
interface DrawnChart {
  canvas: HTMLCanvasElement;
  redraw(): void;
}
const drawn = new Set<DrawnChart>();
/** How to stop each drawn canvas's chart: its observer, its theme redraws, its Chart.js instance. */
const stops = new WeakMap<HTMLCanvasElement, () => void>();

/** Stops every chart drawn inside `root` (a message being replaced or cleared). */
export function releaseCharts(root: Element): void {
  for (const canvas of root.querySelectorAll('canvas')) stops.get(canvas)?.();
}

darkScheme.addEventListener('change', () => {
  for (const chart of [...drawn]) {
    if (chart.canvas.isConnected) chart.redraw();
    else drawn.delete(chart);
  }
});

/** True when the page shows its dark theme. */
export function isDark(): boolean {
  return darkScheme.matches;
}

/** A colour of the page's chart palette (style.css), e.g. `chart-text`. */
export function pageColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(`--${name}`).trim();
}

/** Replaces every string equal (ignoring case) to a key of `swap` with its value, in a copy. */
function recolor(value: unknown, swap: Map<string, string>): unknown {
  if (typeof value === 'string') return swap.get(value.toLowerCase()) ?? value;
  if (Array.isArray(value)) return value.map((item) => recolor(item, swap));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recolor(v, swap)]));
  return value;
}

/** The dark theme's replacements for the light colours a configuration uses. */
function darkSwap(colors: WireChart['colors']): Map<string, string> {
  return new Map([
    [colors.text.toLowerCase(), pageColor('chart-text')],
    [colors.grid.toLowerCase(), pageColor('chart-grid')],
    [colors.reference.toLowerCase(), pageColor('chart-reference')],
    // Okabe–Ito's black series and white separators (map cells) would vanish on a dark card.
    ['#000000', pageColor('chart-text')],
    ['#ffffff', pageColor('surface')],
  ]);
}

/** Multiplies every `font.size` by `factor`, keeping at least MIN_FONT (in place). */
function scaleFonts(value: unknown, factor: number): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (
      key === 'font' &&
      child &&
      typeof child === 'object' &&
      typeof (child as { size?: unknown }).size === 'number'
    ) {
      const font = child as { size: number };
      font.size = Math.max(MIN_FONT, Math.round(font.size * factor));
    } else scaleFonts(child, factor);
  }
}

/** A number as a tooltip shows it: up to six significant digits, nothing rounded away below that. */
export function exact(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value)
    ? String(Number(value.toPrecision(6)))
    : String(value);
}

type Options = Record<string, unknown> & { plugins?: Record<string, Record<string, unknown>> };

/** The title of an axis of `options`, if it has one. */
function axisTitle(options: Options, id: string): string {
  const scales = options.scales as
    | Record<string, { title?: { display?: boolean; text?: unknown } }>
    | undefined;
  const title = scales?.[id]?.title;
  return title && title.display !== false && typeof title.text === 'string' ? title.text : '';
}

/** Tooltips naming the series and the exact value under the pointer. */
function tooltipOptions(options: Options): Record<string, unknown> {
  const xTitle = axisTitle(options, 'x');
  return {
    enabled: true,
    callbacks: {
      title(items: TooltipItem<'line'>[]) {
        const item = items[0];
        if (!item) return '';
        const raw = item.raw as { x?: unknown } | undefined;
        const x = raw && typeof raw === 'object' && 'x' in raw ? raw.x : item.label;
        return xTitle ? `${xTitle}: ${exact(x)}` : exact(x);
      },
      label(item: TooltipItem<'line'>) {
        const name = item.dataset.label ?? '';
        const raw = item.raw as { y?: unknown } | number | null;
        const y = raw && typeof raw === 'object' ? raw.y : raw;
        // A map cell is a bar from row r to r + 1: its series (colour bin) is what it says.
        if (Array.isArray(y)) return name;
        return name ? `${name}: ${exact(y)}` : exact(y);
      },
    },
  };
}

/** The configuration for a box `width` pixels wide, in the current theme. */
export function adapt(chart: WireChart, width: number): ChartConfiguration {
  const copy = JSON.parse(JSON.stringify(chart.config)) as PlainConfig;
  const themed = (isDark() ? recolor(copy, darkSwap(chart.colors)) : copy) as PlainConfig;
  const options = themed.options as Options;
  scaleFonts(options, Math.min(1, width / DESIGN_WIDTH));
  const plugins = { ...(options.plugins ?? {}) };
  if (width < NARROW && plugins.legend?.position === 'right')
    plugins.legend = { ...plugins.legend, position: 'bottom' };
  plugins.tooltip = tooltipOptions(options);
  const { events: _off, ...rest } = options;
  return {
    ...themed,
    options: { ...rest, plugins, responsive: true, maintainAspectRatio: false, animation: false },
  } as unknown as ChartConfiguration;
}

/**
 * Draws `make(width)` into `canvas` inside `box`, and draws it again when the box's width
 * changes enough to change its fonts or legend, or the colour scheme changes. Returns the
 * Chart.js instance of the moment (for live updates) and a function that stops it.
 */
export function drawChart(
  box: HTMLElement,
  canvas: HTMLCanvasElement,
  make: (width: number) => ChartConfiguration,
): { current(): ChartJs | undefined; stop(): void } {
  let chart: ChartJs | undefined;
  let drawnWidth = 0;
  const draw = () => {
    if (!ChartCtor) return;
    chart?.destroy();
    drawnWidth = box.clientWidth || DESIGN_WIDTH;
    chart = new ChartCtor(canvas, make(drawnWidth));
  };
  const entry: DrawnChart = { canvas, redraw: draw };
  drawn.add(entry);
  // Chart.js follows the box's size by itself; fonts and the legend's place follow here.
  const observer = new ResizeObserver(() => {
    const width = box.clientWidth;
    if (width > 0 && Math.abs(width - drawnWidth) > 24) draw();
  });
  observer.observe(box);
  draw();
  const stop = () => {
    observer.disconnect();
    drawn.delete(entry);
    stops.delete(canvas);
    chart?.destroy();
    chart = undefined;
  };
  stops.set(canvas, stop);
  return { current: () => chart, stop };
}

/** A box of the chart's shape holding a canvas that describes itself as `alt`. */
export function chartBox(alt: string, ratio: number): { box: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': alt } });
  const box = el('div', { class: 'chart-box' }, [canvas]);
  // A variable, not the property itself: on a phone style.css makes the box taller than the PNG.
  box.style.setProperty('--ratio', String(ratio));
  return { box, canvas };
}

/** Width over height of an image, 16:9 when unknown. */
export function ratioOf(size: { width?: number; height?: number }): number {
  return size.width && size.height ? size.width / size.height : 16 / 9;
}
