import type { ChartConfiguration, Chart as ChartJs, Plugin, TooltipItem } from 'chart.js';
import { canDrawCharts, chartBox, drawChart, exact, pageColor } from './charts.js';
import { el } from './dom.js';
import type { WireLive } from './wire.js';

/*
 * The chart a running job draws as it goes: the loss of each training run so far (train,
 * compare), or the map's grid filling in cell by cell. The first copy is whole (in the working
 * message); progress events then bring only the points a page has not seen, and a whole map.
 * The final reply's charts take its place when the run is done.
 */

/** A live chart in a working card. */
export interface LiveChart {
  element: HTMLElement;
  /** Adds what a progress event brought. */
  apply(live: WireLive): void;
}

type Curves = Extract<WireLive, { kind: 'curves' }>;
type MapLive = Extract<WireLive, { kind: 'map' }>;

/** The live chart for the first copy of a job's partial results, if the page can draw. */
export function createLiveChart(first: WireLive): LiveChart | undefined {
  if (!canDrawCharts) return undefined;
  return first.kind === 'curves' ? curvesChart(first) : mapChart(first);
}

/** Axis and title styling in the page's chart colours, at a phone-legible size. */
function text(size = 12) {
  return { color: pageColor('chart-text'), font: { size } };
}

function axis(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { display: true, text: title, ...text() },
    ticks: text(11),
    grid: { color: pageColor('chart-grid') },
    border: { color: pageColor('chart-grid') },
    ...extra,
  };
}

// Curves

function curvesChart(first: Curves): LiveChart {
  const state = {
    steps: first.steps,
    colors: first.colors,
    curves: [] as { label: string; points: [number, number][] }[],
  };
  const merge = (live: Curves): void => {
    state.steps = live.steps;
    for (const curve of live.curves) {
      const known = state.curves[curve.index] ?? { label: curve.label, points: [] };
      state.curves[curve.index] = known;
      // A delta starts where this page's copy ends; anything else is a gap, left for the reply.
      if (curve.from > known.points.length) continue;
      known.points.length = curve.from;
      known.points.push(...curve.points);
    }
  };
  merge(first);
  const datasets = () =>
    state.curves.map((curve, i) => {
      const color = state.colors[i % state.colors.length] ?? pageColor('chart-text');
      return {
        label: curve?.label ?? `run ${i + 1}`,
        data: (curve?.points ?? []).map(([x, y]) => ({ x, y })),
        borderColor: color,
        backgroundColor: color,
        borderWidth: 2,
        pointRadius: 0,
        pointHitRadius: 6,
        tension: 0,
      };
    });
  const config = (width: number): ChartConfiguration =>
    ({
      type: 'line',
      data: { datasets: datasets() },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        parsing: true,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: axis('training step', { type: 'linear', min: 0, max: state.steps }),
          y: axis('training loss', { type: 'linear', min: 0 }),
        },
        plugins: {
          title: { display: true, text: 'Training loss so far', ...text(width < 560 ? 13 : 15) },
          // Many runs (a depth sweep) make a legend taller than the chart: tooltips name them.
          legend: { display: state.curves.length <= 6, labels: { ...text(11), boxWidth: 14 } },
          tooltip: {
            callbacks: {
              title: (items: TooltipItem<'line'>[]) => `step ${exact((items[0]?.raw as { x: number })?.x)}`,
              label: (item: TooltipItem<'line'>) =>
                `${item.dataset.label}: loss ${exact((item.raw as { y: number }).y)}`,
            },
          },
        },
      },
    }) as unknown as ChartConfiguration;
  return mount(
    'Training loss of each run so far, drawn as the run goes',
    config,
    (live) => live.kind === 'curves' && merge(live),
    (chart) => {
      chart.data.datasets = datasets() as never;
      chart.update('none');
    },
  );
}

// Map

/** A colour between `a` and `b` (#RRGGBB), `t` from 0 to 1. */
function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const parts = [0, 1, 2].map((i) => Math.round(channel(a, i) + (channel(b, i) - channel(a, i)) * t));
  return `#${parts.map((p) => p.toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance of #RRGGBB (WCAG 2). */
function luminance(hex: string): number {
  const linear = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * linear[0]! + 0.7152 * linear[1]! + 0.0722 * linear[2]!;
}

/** Black or white, whichever reads better on `background`. */
function inkOn(background: string): string {
  const l = luminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

// Losses above this all get the "high" colour; the number in the cell says how high.
const TOP_LOSS = 0.7;

interface CellPoint {
  x: string;
  y: [number, number];
  depth: number;
  value: number | 'diverged';
}

function mapChart(first: MapLive): LiveChart {
  let live = first;
  const colorOf = (value: number | 'diverged') => {
    if (value === 'diverged') return live.colors.diverged;
    const t = Math.min(1, Math.max(0, value / TOP_LOSS));
    return t < 0.5
      ? mix(live.colors.low, live.colors.mid, t * 2)
      : mix(live.colors.mid, live.colors.high, t * 2 - 1);
  };
  const rows = () => [...new Set(live.depths)].sort((a, b) => a - b);
  const points = (): CellPoint[] => {
    const sorted = rows();
    return live.cells.flatMap((value, i) => {
      if (value === null) return [];
      const depth = live.depths[Math.floor(i / live.values.length)]!;
      const row = sorted.indexOf(depth);
      return [
        { x: live.values[i % live.values.length]!, y: [row, row + 1] as [number, number], depth, value },
      ];
    });
  };
  const done = () => live.cells.filter((c) => c !== null).length;
  const subtitle = () =>
    `${done()} of ${live.cells.length} cells done · colour: mean final loss, green low to red high`;
  // The value is written in each finished cell, in black or white, whichever reads better.
  const labels: Plugin<'bar'> = {
    id: 'depthTutorCellValues',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const meta = chart.getDatasetMeta(0);
      const data = chart.data.datasets[0]?.data as unknown as CellPoint[];
      ctx.save();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.font = `600 ${chart.width < 560 ? 11 : 13}px system-ui, sans-serif`;
      meta.data.forEach((bar, i) => {
        const cell = data[i];
        if (!cell) return;
        const { x, y, base } = bar.getProps(['x', 'y', 'base'], true) as {
          x: number;
          y: number;
          base: number;
        };
        ctx.fillStyle = inkOn(colorOf(cell.value));
        ctx.fillText(cell.value === 'diverged' ? 'NaN' : cell.value.toFixed(3), x, (y + base) / 2);
      });
      ctx.restore();
    },
  };
  const datasets = () => {
    const cells = points();
    return [
      {
        label: 'mean final loss',
        data: cells,
        backgroundColor: cells.map((c) => colorOf(c.value)),
        borderColor: pageColor('surface'),
        borderWidth: 2,
        borderSkipped: false,
        grouped: false,
        barPercentage: 1,
        categoryPercentage: 1,
      },
    ];
  };
  const config = (width: number): ChartConfiguration =>
    ({
      type: 'bar',
      data: { labels: [...live.values], datasets: datasets() },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: axis(live.axisTitle, { type: 'category', offset: true, grid: { display: false } }),
          y: { type: 'linear', display: false, min: 0, max: rows().length },
          depths: axis('depth (hidden layers)', {
            type: 'category',
            axis: 'y',
            position: 'left',
            labels: [...rows()].reverse().map(String),
            offset: true,
            grid: { display: false },
          }),
        },
        plugins: {
          title: {
            display: true,
            text: `Map so far: depth × ${live.axisTitle}`,
            ...text(width < 560 ? 13 : 15),
          },
          subtitle: { display: true, text: subtitle(), ...text(11) },
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: () => '',
              label: (item: TooltipItem<'bar'>) => {
                const cell = item.raw as CellPoint;
                const value = cell.value === 'diverged' ? 'diverged (not a number)' : exact(cell.value);
                return `depth ${cell.depth}, ${live.axisTitle} ${cell.x}: mean final loss ${value}`;
              },
            },
          },
        },
      },
      plugins: [labels],
    }) as unknown as ChartConfiguration;
  return mount(
    'The map so far, one cell per finished depth and column',
    config,
    (next) => {
      if (next.kind === 'map') live = next;
    },
    (chart) => {
      chart.data.datasets = datasets() as never;
      const subtitleOptions = (chart.options.plugins as { subtitle?: { text?: string } }).subtitle;
      if (subtitleOptions) subtitleOptions.text = subtitle();
      chart.update('none');
    },
  );
}

/**
 * Puts the chart in a figure: each later copy is folded into the chart's state by `merge`, then
 * shown by `refresh` (a chart not drawn yet reads the state when it is).
 */
function mount(
  alt: string,
  config: (width: number) => ChartConfiguration,
  merge: (live: WireLive) => void,
  refresh: (chart: ChartJs) => void,
): LiveChart {
  const { box, canvas } = chartBox(alt, 16 / 9);
  const element = el('figure', { class: 'live-chart' }, [box]);
  let handle: ReturnType<typeof drawChart> | undefined;
  // Drawn once the figure is in the page, so that it has a width.
  requestAnimationFrame(() => {
    if (element.isConnected) handle = drawChart(box, canvas, config);
  });
  return {
    element,
    apply(live) {
      merge(live);
      const chart = handle?.current();
      if (chart) refresh(chart);
    },
  };
}
