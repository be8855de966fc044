import { type Canvas, createCanvas, type ImageData, type SKRSContext2D } from '@napi-rs/canvas';
import type { DataPoints, TrainingFrames } from '../../../engine/result.js';
import type { NoLearningLevel } from '../../no-learning.js';
import { CHART_FONT_FAMILY, registerChartFont } from '../render/fonts.js';
import { GRID_COLOR, REFERENCE_COLOR, TEXT_COLOR } from '../style.js';
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

const MARGIN = 16;
const GAP = 24;
const TOP = 56;
const BOTTOM = 40;

/** Side of each map panel: two panels side by side are drawn a little smaller. */
const mapSide = (runs: number) => (runs === 1 ? 280 : 240);

/** Pixel size of the scene's frames. */
export function sceneSize(scene: AnimationScene): { width: number; height: number } {
  const side = mapSide(scene.runs.length);
  return {
    width: 2 * MARGIN + (scene.runs.length + 1) * side + scene.runs.length * GAP,
    height: TOP + side + BOTTOM,
  };
}

/** Where run number `index`'s map panel sits in every frame. */
export function mapBox(scene: AnimationScene, index: number): Box {
  const side = mapSide(scene.runs.length);
  return { x: MARGIN + index * (side + GAP), y: TOP, side };
}

const font = (px: number, bold = false) => `${bold ? 'bold ' : ''}${px}px "${CHART_FONT_FAMILY}"`;

/** Per scene, the reusable parts of each map panel: its pixel buffer and its points layer. */
const panelCache = new WeakMap<AnimationScene, { image: ImageData; points: Canvas }[]>();

function panelsOf(ctx: SKRSContext2D, scene: AnimationScene) {
  let panels = panelCache.get(scene);
  if (!panels) {
    const side = mapSide(scene.runs.length);
    panels = scene.runs.map((run) => ({
      image: ctx.createImageData(side, side),
      points: pointsLayer(run.frames, scene.data, side),
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
  ctx.font = font(15, true);
  const loss = grid.frames[frame]!.loss;
  ctx.fillText(`${run.label} · loss ${loss.toFixed(3)}`, box.x, box.y - 8);
}

/** Where the loss chart sits in every frame: right of the map panels. */
export function lossBox(scene: AnimationScene): Box {
  const side = mapSide(scene.runs.length);
  return { x: MARGIN + scene.runs.length * (side + GAP), y: TOP, side };
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
  ctx.font = font(13);
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
  ctx.font = font(15, true);
  ctx.fillText('training loss', box.x, box.y - 8);
  ctx.font = font(13);
  ctx.fillText('0', box.x - 12, box.y + box.side + 4);
  ctx.fillText(`step ${scene.steps}`, box.x + box.side - 56, box.y + box.side + 18);
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
  ctx.font = font(18, true);
  ctx.fillText(`${scene.title} · step ${step} of ${scene.steps}`, MARGIN, 26);
  scene.runs.forEach((_run, i) => {
    drawMap(ctx, scene, i, frame);
  });
  drawLossChart(ctx, scene, step, lossBox(scene));
  ctx.fillStyle = TEXT_COLOR;
  ctx.font = font(13);
  ctx.fillText('background: orange = class 0, blue = class 1, pale = unsure', MARGIN, height - 12);
  // The frame is opaque (white background), so the canvas's premultiplied pixels are plain RGBA;
  // data() copies them about four times faster than getImageData.
  return canvas.data();
}
