import { type Canvas, createCanvas, type ImageData } from '@napi-rs/canvas';
import type { DataPoints, TrainingFrames } from '../../../engine/result.js';
import { cellColor } from '../builders/decision-boundary.js';
import { CLASS_COLORS } from '../style.js';

/*
 * The two layers of a map panel, built for speed: an animation draws 30 of them per run, within the
 * encoding budget. The probability map is written pixel by pixel from a colour table (no canvas
 * path per cell), and the training points, the same in every frame, are drawn once and stamped.
 */

/** RGB of the map colour for p = i / 255, i = 0..255; cellColor's scale (the still chart's). */
const COLOR_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = (cellColor(i / 255).match(/\d+/g) ?? ['255', '255', '255']).map(Number);
    table.set([r!, g!, b!], 3 * i);
  }
  return table;
})();

/** Fills `image` (side × side) with the map of one frame's probabilities, nearest grid cell per pixel. */
export function fillMapPixels(
  image: ImageData,
  grid: TrainingFrames,
  probabilities: readonly number[],
): void {
  const side = image.width;
  const pixels = image.data;
  for (let py = 0; py < side; py++) {
    // Row 0 of the grid is the bottom of the plane.
    const row = grid.size - 1 - Math.min(grid.size - 1, Math.floor((py * grid.size) / side));
    for (let px = 0; px < side; px++) {
      const col = Math.min(grid.size - 1, Math.floor((px * grid.size) / side));
      const p = probabilities[row * grid.size + col] ?? 0.5;
      const level = 3 * Math.round(Math.min(1, Math.max(0, Number.isFinite(p) ? p : 0.5)) * 255);
      const at = 4 * (py * side + px);
      pixels[at] = COLOR_TABLE[level]!;
      pixels[at + 1] = COLOR_TABLE[level + 1]!;
      pixels[at + 2] = COLOR_TABLE[level + 2]!;
      pixels[at + 3] = 255;
    }
  }
}

/** The training points on a transparent side × side layer, placed on the grid's extent. */
export function pointsLayer(grid: TrainingFrames, data: DataPoints, side: number): Canvas {
  const canvas = createCanvas(side, side);
  const ctx = canvas.getContext('2d');
  const toX = (v: number) => ((v - grid.xMin) / (grid.xMax - grid.xMin || 1)) * side;
  const toY = (v: number) => side - ((v - grid.yMin) / (grid.yMax - grid.yMin || 1)) * side;
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#ffffff';
  data.x.forEach(([x, y], i) => {
    ctx.beginPath();
    ctx.arc(toX(x), toY(y), 3, 0, 2 * Math.PI);
    ctx.fillStyle = CLASS_COLORS[data.y[i]! > 0.5 ? 1 : 0];
    ctx.fill();
    ctx.stroke();
  });
  return canvas;
}
