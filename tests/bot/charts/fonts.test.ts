import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  CHART_FONT_FAMILY,
  findFontDirectory,
  registerChartFont,
} from '../../../src/bot/charts/render/fonts.js';

/*
 * A server without fonts draws charts without any text, silently. This test renders in a child
 * process that cannot see a single system font: Skia scans /usr/share/fonts by itself (fontconfig
 * settings do not stop it), so the child runs in its own mount namespace with an empty tmpfs over
 * that folder (unshare needs root, which this project's machines and CI run as), plus
 * DISABLE_SYSTEM_FONTS_LOAD for @napi-rs/canvas's extra folders and an empty fontconfig file.
 */

const CHILD = fileURLToPath(new URL('./no-system-fonts.child.ts', import.meta.url));
const HIDE_FONTS =
  'if [ -d /usr/share/fonts ]; then mount -t tmpfs tmpfs /usr/share/fonts || exit 97; fi; exec "$@"';

interface ChildReport {
  familiesBefore: number;
  controlDark: number;
  titled: number;
  untitled: number;
}

function runWithoutSystemFonts(): ChildReport {
  const dir = mkdtempSync(join(tmpdir(), 'no-fonts-'));
  const fontconfig = join(dir, 'fonts.conf');
  writeFileSync(fontconfig, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n');
  const child = spawnSync(
    'unshare',
    ['--mount', '--', 'sh', '-c', HIDE_FONTS, 'sh', process.execPath, '--import', 'tsx', CHILD],
    {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, DISABLE_SYSTEM_FONTS_LOAD: '1', FONTCONFIG_FILE: fontconfig },
    },
  );
  if (child.status !== 0) {
    throw new Error(`child failed (status ${child.status}, ${child.error?.message ?? ''}): ${child.stderr}`);
  }
  return JSON.parse(child.stdout) as ChildReport;
}

describe('bundled chart font', () => {
  it('draws chart text on a machine with no system fonts', () => {
    const report = runWithoutSystemFonts();
    // The control: with fonts hidden, text in a system family draws nothing at all.
    expect(report.familiesBefore).toBe(0);
    expect(report.controlDark).toBe(0);
    // Our chart's title still shows, and only the title makes the strip dark.
    expect(report.untitled).toBe(0);
    expect(report.titled).toBeGreaterThan(500);
  });

  it('finds assets/fonts from the source tree and registers the family once', () => {
    expect(findFontDirectory()).toMatch(/assets[/\\]fonts$/);
    registerChartFont();
    registerChartFont();
    const ours = GlobalFonts.families.filter((f) => f.family === CHART_FONT_FAMILY);
    expect(ours).toHaveLength(1);
    expect(ours[0]!.styles.map((s) => s.weight).sort()).toEqual([400, 700]);
  });

  it('says where it looked when the font files are missing', () => {
    expect(() => findFontDirectory(tmpdir())).toThrow(/assets\/fonts\/DejaVuSans\.ttf not found/);
  });
});
