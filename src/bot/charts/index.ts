/*
 * Charts of experiment results: pure builders (result → Chart.js JSON with alt text) and renderers
 * (JSON → PNG, locally or on a QuickChart server).
 */

export { ANIMATION_MAX_BYTES, withAnimation } from './animation/attach.js';
export { chartsFor } from './charts-for.js';
export type { ChartConfig, ChartDraft } from './draft.js';
export { chartDraftsFor } from './drafts.js';
export { measureRender, type RenderTiming } from './measure.js';
export { type ChartRendererOptions, createChartRenderer } from './render/create.js';
export type { ChartImage, ChartRenderer, RenderSize } from './render/renderer.js';
export { DEFAULT_PIXEL_RATIO, DEFAULT_SIZE } from './render/renderer.js';
