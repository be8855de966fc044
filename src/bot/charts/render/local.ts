import { createCanvas } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration, type Plugin, registerables } from 'chart.js';
import type { ChartConfig } from '../draft.js';
import { TEXT_COLOR } from '../style.js';
import { CHART_FONT_FAMILY, registerChartFont } from './fonts.js';
import { type ChartRenderer, DEFAULT_PIXEL_RATIO, type RenderSize } from './renderer.js';

/*
 * Offline rendering: Chart.js draws on a Skia canvas from @napi-rs/canvas (a prebuilt binary
 * from npm, no compiler, no system libraries). Chart.js runs synchronously on the calling
 * thread (tens of milliseconds); PNG encoding runs on libuv's thread pool.
 */

/** Options of the local renderer. */
export interface LocalRendererOptions {
  /** Device pixels per CSS pixel: more makes sharper but larger images. Default DEFAULT_PIXEL_RATIO (1.5). */
  devicePixelRatio?: number;
}

let chartJsReady = false;

/** Registers Chart.js's controllers once and points its defaults at the bundled font. */
function prepareChartJs(): void {
  if (chartJsReady) return;
  registerChartFont();
  Chart.register(...registerables);
  Chart.defaults.font.family = CHART_FONT_FAMILY;
  Chart.defaults.color = TEXT_COLOR;
  chartJsReady = true;
}

// A chart canvas is transparent by default, which chat clients in dark mode show as black.
const whiteBackground: Plugin = {
  id: 'depthTutorWhiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** A renderer that draws charts in this process with Chart.js on @napi-rs/canvas. */
export function createLocalRenderer(options: LocalRendererOptions = {}): ChartRenderer {
  prepareChartJs();
  const devicePixelRatio = options.devicePixelRatio ?? DEFAULT_PIXEL_RATIO;
  return {
    async render(config: ChartConfig, size: RenderSize): Promise<Buffer> {
      const canvas = createCanvas(size.width, size.height);
      // Chart.js attaches listeners to the data arrays it is given: clone, so that the caller's
      // configuration stays plain JSON.
      const ownConfig = structuredClone(config) as unknown as ChartConfiguration;
      ownConfig.options = {
        ...ownConfig.options,
        animation: false,
        responsive: false,
        events: [],
        devicePixelRatio,
      };
      ownConfig.plugins = [whiteBackground];
      const chart = new Chart(canvas as unknown as HTMLCanvasElement, ownConfig);
      try {
        return await canvas.encode('png');
      } finally {
        chart.destroy();
      }
    },
  };
}
