import { type Canvas, createCanvas, type ImageData, type SKRSContext2D } from '@napi-rs/canvas';
import type { DataPoints, TrainingFrames } from '../../../engine/result.js';
import type { NoLearningLevel } from '../../no-learning.js';
import { CHART_FONT_FAMILY, registerChartFont } from '../render/fonts.js';
import { CHART_LAYOUT, GRID_COLOR, MIN_FONT_PX, REFERENCE_COLOR, TEXT_COLOR } from '../style.js';
import { fillMapPixels, pointsLayer } from './map-layers.js';

/** One run shown in an animation: its map panel and its line on the loss chart. */
export interface AnimatedRun {
  /** e.g. "depth 8". */
  label: string;
  color: string;
  frames: TrainingFrames;
  lossCurve: { steps: number[]; losses: number[] };
}

/** What every frame of one animation shares. */
export interface AnimationScene {
  title: string;
  runs: AnimatedRun[];
  data: DataPoints;
  steps: number;
  /** Top of the loss axis. */
  maxLoss: number;
  /** The run's no-learning level (ln 2 or 0.25, by its loss), drawn as a dashed line. */
  reference: NoLearningLevel;
}

/*
 * Frames are laid out for a phone, like the still charts (style.ts): 480 px wide, so that shown
 * 360 px wide no text is under 11 px. The panels (each run's map, then the loss chart) sit two to a
 * row: one run gives one row, two runs two rows, a near 4:5 frame. GIFs are drawn at one device
 * pixel per layout pixel: a sharper GIF would cost its size and encoding time four-fold.
 */

const WIDTH = CHART_LAYOUT.width;
const MARGIN = 16;
const GAP = 20;
/** Above the first row: the title, the step counter and the first panels' labels. */
const TOP = 78;
/** Between rows: the loss panel's step label and the next panels' labels. */
const ROW_GAP = 52;
/** Below the last row: the step label and the two lines of the colour key. */
const BOTTOM = 70;
/** Side of every square panel: two across the frame. */
const SIDE = (WIDTH - 2 * MARGIN - GAP) / 2;
/** Text sizes: MIN_FONT_PX for the small print, larger for the title. */
const TEXT = { title: MIN_FONT_PX + 2, label: MIN_FONT_PX, small: MIN_FONT_PX } as const;

/** Square panel number `index` (maps first, then the loss chart), two to a row. */
function panelBox(index: number): Box {
  const row = Math.floor(index / 2);
  return { x: MARGIN + (index % 2) * (SIDE + GAP), y: TOP + row * (SIDE + ROW_GAP), side: SIDE };
}

/** Pixel size of the scene's frames. */
export function sceneSize(scene: AnimationScene): { width: number; height: number } {
  const rows = Math.ceil((scene.runs.length + 1) / 2);
  return { width: WIDTH, height: TOP + rows * SIDE + (rows - 1) * ROW_GAP + BOTTOM };
}

/** Where run number `index`'s map panel sits in every frame. */
export function mapBox(_scene: AnimationScene, index: number): Box {
  return panelBox(index);
}

const font = (px: number, bold = false) => `${bold ? 'bold ' : ''}${px}px "${CHART_FONT_FAMILY}"`;

/** Per scene, the reusable parts of each map panel: its pixel buffer and its points layer. */
const panelCache = new WeakMap<AnimationScene, { image: ImageData; points: Canvas }[]>();

function panelsOf(ctx: SKRSContext2D, scene: AnimationScene) {
  let panels = panelCache.get(scene);
  if (!panels) {
    panels = scene.runs.map((run) => ({
      image: ctx.createImageData(SIDE, SIDE),
      points: pointsLayer(run.frames, scene.data, SIDE),
    }));
    panelCache.set(scene, panels);
  }
  return panels;
}

function drawMap(ctx: SKRSContext2D, scene: AnimationScene, index: number, frame: number): void {
  const run = scene.runs[index]!;
  const grid = run.frames;
  const box = mapBox(scene, index);
  const panel = panelsOf(ctx, scene)[index]!;
  fillMapPixels(panel.image, grid, grid.frames[frame]!.probabilities);
  ctx.putImageData(panel.image, box.x, box.y);
  ctx.drawImage(panel.points, box.x, box.y);
  ctx.strokeStyle = run.color;
  ctx.lineWidth = 3;
  ctx.strokeRect(box.x, box.y, box.side, box.side);
  ctx.fillStyle = TEXT_COLOR;
  ctx.font = font(TEXT.label, true);
  const loss = grid.frames[frame]!.loss;
  ctx.fillText(`${run.label} · loss ${loss.toFixed(3)}`, box.x, box.y - 8);
}

/** Where the loss chart sits in every frame: right of the map panels. */
export function lossBox(scene: AnimationScene): Box {
  return panelBox(scene.runs.length);
}

/** A square panel's top-left corner and side, in pixels. */
export interface Box {
  x: number;
  y: number;
  side: number;
}

function drawLossChart(ctx: SKRSContext2D, scene: AnimationScene, step: number, box: Box): void {
  const toX = (s: number) => box.x + (s / Math.max(1, scene.steps)) * box.side;
  const toY = (loss: number) => box.y + box.side - (Math.min(loss, scene.maxLoss) / scene.maxLoss) * box.side;
  ctx.strokeStyle = GRID_COLOR;
  ctx.lineWidth = 1;
  ctx.strokeRect(box.x, box.y, box.side, box.side);
  // The loss of a model that answers 50/50 everywhere, for this run's loss.
  const { level, label } = scene.reference;
  ctx.setLineDash([6, 4]);
  ctx.strokeStyle = REFERENCE_COLOR;
  ctx.beginPath();
  ctx.moveTo(box.x, toY(level));
  ctx.lineTo(box.x + box.side, toY(level));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = REFERENCE_COLOR;
  ctx.font = font(TEXT.small);
  ctx.fillText(label, box.x + 4, toY(level) - 5);
  for (const run of scene.runs) {
    ctx.strokeStyle = run.color;
    ctx.lineWidth = 3;
    ctx.beginPath();
    run.lossCurve.steps.forEach((s, i) => {
      if (s > step) return;
      const point = [toX(s), toY(run.lossCurve.losses[i]!)] as const;
      if (i === 0) ctx.moveTo(...point);
      else ctx.lineTo(...point);
    });
    ctx.stroke();
    // A dot at this frame's loss: the curve's growing tip, visible even at step 0.
    const now = run.frames.frames.find((f) => f.step === step);
    if (now && Number.isFinite(now.loss)) {
      ctx.fillStyle = run.color;
      ctx.beginPath();
      ctx.arc(toX(step), toY(now.loss), 5, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.fillStyle = TEXT_COLOR;
  ctx.font = font(TEXT.label, true);
  ctx.fillText('training loss', box.x, box.y - 8);
  ctx.font = font(TEXT.small);
  ctx.textAlign = 'right';
  ctx.fillText('0', box.x - 3, box.y + box.side + 4);
  ctx.fillText(`step ${scene.steps}`, box.x + box.side, box.y + box.side + 20);
  ctx.textAlign = 'left';
}

/** Draws frame number `frame` of the scene and returns its RGBA pixels. */
export function drawFrame(scene: AnimationScene, frame: number): Uint8Array {
  registerChartFont();
  const { width, height } = sceneSize(scene);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const step = scene.runs[0]!.frames.frames[frame]!.step;
  ctx.fillStyle = TEXT_COLOR;
  ctx.font = font(TEXT.title, true);
  ctx.fillText(scene.title, MARGIN, 24);
  ctx.font = font(TEXT.small);
  ctx.fillText(`step ${step} of ${scene.steps}`, MARGIN, 46);
  scene.runs.forEach((_run, i) => {
    drawMap(ctx, scene, i, frame);
  });
  drawLossChart(ctx, scene, step, lossBox(scene));
  ctx.fillStyle = TEXT_COLOR;
  ctx.font = font(TEXT.small);
  ctx.fillText('background: orange = class 0,', MARGIN, height - 32);
  ctx.fillText('blue = class 1, pale = unsure', MARGIN, height - 10);
  // The frame is opaque (white background), so the canvas's premultiplied pixels are plain RGBA;
  // data() copies them about four times faster than getImageData.
  return canvas.data();
}
