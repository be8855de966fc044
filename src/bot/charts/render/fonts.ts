import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';

/*
 * Skia draws no text at all, silently, when no font matches: a server without fonts would send
 * charts with no titles, labels or legends. We ship DejaVu Sans (assets/fonts, Bitstream Vera
 * licence) and register it under our own family name, so charts never depend on system fonts.
 */

/** The family name charts are drawn with. */
export const CHART_FONT_FAMILY = 'Depth Tutor Sans';

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

let registered = false;

/** The assets/fonts folder, found by walking up from this module (works from src/ and dist/). */
export function findFontDirectory(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(join(candidate, FONT_FILES[0]!))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`assets/fonts/${FONT_FILES[0]} not found above ${start}`);
    dir = parent;
  }
}

/** Registers the bundled font once per process; later calls do nothing. */
export function registerChartFont(): void {
  if (registered) return;
  const dir = findFontDirectory();
  for (const file of FONT_FILES) {
    if (GlobalFonts.registerFromPath(join(dir, file), CHART_FONT_FAMILY) === null) {
      throw new Error(`could not register the chart font ${join(dir, file)}`);
    }
  }
  registered = true;
}
