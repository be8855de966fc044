import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { baseOptions } from '../../../src/bot/charts/builders/common.js';
import type { ChartConfig } from '../../../src/bot/charts/draft.js';
import { createLocalRenderer } from '../../../src/bot/charts/render/local.js';
import { countPixels, dark } from './png.js';

/*
 * Run in a child process with system fonts hidden (DISABLE_SYSTEM_FONTS_LOAD=1 stops
 * @napi-rs/canvas from scanning the font folders; FONTCONFIG_FILE points at an empty config).
 * Prints, as JSON: the font families visible before our registration, the dark pixels of text drawn
 * with a system family name (the control: none expected), and the dark pixels in the title strip
 * of a chart with a title and of the same chart with an empty title.
 */

const familiesBefore = GlobalFonts.families.length;

const control = createCanvas(400, 100);
const ctx = control.getContext('2d');
ctx.fillStyle = '#ffffff';
ctx.fillRect(0, 0, 400, 100);
ctx.fillStyle = '#000000';
ctx.font = '40px sans-serif';
ctx.fillText('Training loss', 10, 60);
const controlDark = await countPixels(await control.encode('png'), dark);

function titleOnly(title: string): ChartConfig {
  // No axes, no legend: the title is the only text, so dark pixels near the top are its glyphs.
  const hidden = { x: { display: false }, y: { display: false } };
  return {
    type: 'line',
    data: { datasets: [] },
    options: baseOptions(title, undefined, hidden, { display: false }),
  };
}

const renderer = createLocalRenderer();
const size = { width: 800, height: 450 };
const titleStrip = { x: 0, y: 0, width: 800, height: 50 };
const titled = await countPixels(
  await renderer.render(titleOnly('Training loss by depth'), size),
  dark,
  titleStrip,
);
const untitled = await countPixels(await renderer.render(titleOnly(''), size), dark, titleStrip);

process.stdout.write(JSON.stringify({ familiesBefore, controlDark, titled, untitled }));
