import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { DataPoints, TrainingFrames } from '../../../engine/result.js';
import { cellColor } from '../builders/decision-boundary.js';
import { CHART_FONT_FAMILY, registerChartFont } from '../render/fonts.js';
import { CLASS_COLORS, GRID_COLOR, REFERENCE_COLOR, TEXT_COLOR } from '../style.js';

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
}

const MARGIN = 16;
const GAP = 24;
const TOP = 56;
const BOTTOM = 40;

/** Side of each map panel: two panels side by side are drawn a little smaller. */
const mapSide = (runs: number) => (runs === 1 ? 300 : 260);

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

function drawMap(ctx: SKRSContext2D, run: AnimatedRun, frame: number, data: DataPoints, box: Box): void {
  const grid = run.frames;
  const probabilities = grid.frames[frame]!.probabilities;
  const cell = box.side / grid.size;
  for (let row = 0; row < grid.size; row++) {
    for (let col = 0; col < grid.size; col++) {
      ctx.fillStyle = cellColor(probabilities[row * grid.size + col] ?? Number.NaN);
      // Rows run from yMin up: row 0 is drawn at the bottom. Cells overlap by a pixel: no seams.
      ctx.fillRect(box.x + col * cell, box.y + box.side - (row + 1) * cell, cell + 1, cell + 1);
    }
  }
  const toX = (v: number) => box.x + ((v - grid.xMin) / (grid.xMax - grid.xMin || 1)) * box.side;
  const toY = (v: number) => box.y + box.side - ((v - grid.yMin) / (grid.yMax - grid.yMin || 1)) * box.side;
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#ffffff';
  data.x.forEach(([x, y], i) => {
    ctx.beginPath();
    ctx.arc(toX(x), toY(y), 3, 0, 2 * Math.PI);
    ctx.fillStyle = CLASS_COLORS[data.y[i]! > 0.5 ? 1 : 0];
    ctx.fill();
    ctx.stroke();
  });
  ctx.strokeStyle = run.color;
  ctx.lineWidth = 3;
  ctx.strokeRect(box.x, box.y, box.side, box.side);
  ctx.fillStyle = TEXT_COLOR;
  ctx.font = font(15, true);
  const loss = grid.frames[frame]!.loss;
  ctx.fillText(`${run.label} · loss ${loss.toFixed(3)}`, box.x, box.y - 8);
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
  // ln 2: the loss of a model that answers 50/50 everywhere.
  ctx.setLineDash([6, 4]);
  ctx.strokeStyle = REFERENCE_COLOR;
  ctx.beginPath();
  ctx.moveTo(box.x, toY(Math.LN2));
  ctx.lineTo(box.x + box.side, toY(Math.LN2));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = REFERENCE_COLOR;
  ctx.font = font(13);
  ctx.fillText('ln 2 = guessing', box.x + 4, toY(Math.LN2) - 5);
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
  }
  ctx.fillStyle = TEXT_COLOR;
  ctx.font = font(15, true);
  ctx.fillText('training loss', box.x, box.y - 8);
  ctx.font = font(13);
  ctx.fillText('0', box.x - 12, box.y + box.side + 4);
  ctx.fillText(`step ${scene.steps}`, box.x + box.side - 56, box.y + box.side + 18);
}

/** Draws frame number `frame` of the scene and returns its RGBA pixels. */
export function drawFrame(scene: AnimationScene, frame: number): Uint8ClampedArray {
  registerChartFont();
  const { width, height } = sceneSize(scene);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const side = mapSide(scene.runs.length);
  const step = scene.runs[0]!.frames.frames[frame]!.step;
  ctx.fillStyle = TEXT_COLOR;
  ctx.font = font(18, true);
  ctx.fillText(`${scene.title} · step ${step} of ${scene.steps}`, MARGIN, 26);
  scene.runs.forEach((run, i) => {
    drawMap(ctx, run, frame, scene.data, mapBox(scene, i));
  });
  drawLossChart(ctx, scene, step, { x: MARGIN + scene.runs.length * (side + GAP), y: TOP, side });
  ctx.fillStyle = TEXT_COLOR;
  ctx.font = font(13);
  ctx.fillText('background: orange = class 0, blue = class 1, pale = unsure', MARGIN, height - 12);
  return ctx.getImageData(0, 0, width, height).data;
}
