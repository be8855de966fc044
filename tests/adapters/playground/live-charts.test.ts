import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchedPage } from './chromium.js';
import { type RunningPlayground, startRealPlayground } from './harness.js';

/*
 * The page as a phone and a laptop show it, with the real tutor behind it (engine worker thread,
 * TensorFlow.js, job service, chart builders): charts drawn by Chart.js in the page, a live loss
 * chart and a map that fills in while the run goes, the bot's progress words, no sideways
 * scrolling, a dark theme whose text passes WCAG AA as rendered, and a chart enlarged and closed
 * with the keyboard alone. Screenshots land in /tmp for a person to look at.
 */

let playground: RunningPlayground & { close(): Promise<void> };
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let url: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  playground = await startRealPlayground();
  url = playground.url;
  browser = await launchChromium();
  page = await watchedPage(browser.context, pageErrors);
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

// Expressions run in the page as strings: this file is compiled without the DOM's types.
/** How far the page, or the message list inside it, scrolls sideways. */
const overflow = async () =>
  Number(
    await page.evaluate(`Math.max(
      document.documentElement.scrollWidth - document.documentElement.clientWidth,
      document.querySelector('#messages').scrollWidth - document.querySelector('#messages').clientWidth)`),
  );

/** The points a Chart.js chart in the page holds, per dataset (the page's own Chart instance). */
const chartPoints = (selector: string) =>
  page.evaluate(`(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)});
    const chart = canvas && window.Chart.getChart(canvas);
    return chart ? chart.data.datasets.map((d) => d.data.length) : null;
  })()`) as Promise<number[] | null>;

async function send(text: string): Promise<void> {
  await page.locator('#command').fill(text);
  await page.keyboard.press('Enter');
  await page.locator('.msg.echo .command', { hasText: text }).last().waitFor();
}

/**
 * Every visible element's own text against the background it is drawn on: WCAG 2's contrast
 * ratio from the computed colours (4.5:1, or 3:1 for large text), and the chart's text against
 * its box. Returns the failures, each with its text, colours and ratio.
 */
const CONTRAST_CHECK = `(() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = (el) => { for (let n = el; n; n = n.parentElement) { const c = parse(getComputedStyle(n).backgroundColor);
    if (c && c.a > 0.5) return c; } return parse(getComputedStyle(document.documentElement).backgroundColor) || { r: 255, g: 255, b: 255, a: 1 }; };
  const failures = [];
  let checked = 0;
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join('');
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || style.visibility === 'hidden' || el.closest('[hidden], dialog:not([open])')) continue;
    if (el.matches(':disabled')) continue;
    const fg = parse(style.color); const bg = background(el);
    const size = parseFloat(style.fontSize); const bold = Number(style.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const r = ratio(fg, bg); checked++;
    if (r < need) failures.push({ text: own.slice(0, 40), color: style.color, background: bg, ratio: r.toFixed(2) });
  }
  for (const canvas of document.querySelectorAll('.chart-box canvas')) {
    const chart = window.Chart.getChart(canvas); if (!chart) continue;
    const bg = background(canvas.parentElement);
    const title = chart.options.plugins.title;
    const colors = [title && title.display ? title.color : null, ...Object.values(chart.options.scales).map((s) => s.display === false ? null : s.ticks.color)];
    for (const color of colors.filter(Boolean)) {
      const probe = document.createElement('span'); probe.style.color = color; document.body.append(probe);
      const fg = parse(getComputedStyle(probe).color); probe.remove(); checked++;
      const r = ratio(fg, bg); if (r < 4.5) failures.push({ text: 'chart text', color, background: bg, ratio: r.toFixed(2) });
    }
  }
  return { checked, failures };
})()`;

describe('the playground on a phone (390 × 844)', () => {
  it('fits the screen: no sideways scroll, the name field and buttons whole and thumb-sized', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url);
    await expect.poll(() => page.locator('#status').getAttribute('class')).toBe('status live');
    expect(await overflow()).toBeLessThanOrEqual(0);
    const name = await page.locator('#name').boundingBox();
    expect(name).not.toBeNull();
    expect(name!.x).toBeGreaterThanOrEqual(0);
    expect(name!.x + name!.width).toBeLessThanOrEqual(390);
    expect(name!.height).toBeGreaterThanOrEqual(44);
    const send = await page.locator('.composer .send').boundingBox();
    expect(send!.height).toBeGreaterThanOrEqual(44);
    expect(send!.x + send!.width).toBeLessThanOrEqual(390);
    await page.locator('#name').fill('Ada');
    await page.locator('#name').press('Enter');
  });

  it('/compare draws its loss curves live, says which run reports, then draws the reply charts', async () => {
    await send('/compare depths:1,3 seeds:2 steps:1500 points:200');
    await page.locator('.msg .working').waitFor({ timeout: 10_000 });
    const id = await page.locator('.msg.bot:has(.working)').last().getAttribute('data-id');
    const working = page.locator(`.msg[data-id="${id}"] .working`);
    // The bot's words, the same as Discord's and Slack's: which run, its step, its loss.
    await expect
      .poll(() => working.locator('.progress-text').textContent(), { timeout: 20_000 })
      .toMatch(/^\d+% · depth [13], seed [12] of 2, step \d+ of 1500, loss \d\.\d+/);
    expect(await working.locator('.status-label').textContent()).toBe('running');
    // The live chart holds points while the run still goes.
    await expect
      .poll(
        async () => {
          const points = await chartPoints(`.msg[data-id="${id}"] .live-chart canvas`);
          return (points ?? []).reduce((a, b) => a + b, 0);
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(2);
    expect(await working.count()).toBe(1);
    await page.screenshot({ path: '/tmp/playground-live-compare-phone.png' });

    const reply = page.locator(`.msg.bot[data-id="${id}"]`, { has: page.locator('h3') });
    await reply.locator('.chart-figure canvas').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('.working').count()).toBe(0);
    const figures = reply.locator('.chart-figure');
    expect(await figures.count()).toBeGreaterThanOrEqual(2);
    const points = await chartPoints('.chart-figure canvas');
    expect(points?.some((n) => n > 0)).toBe(true);
    // The PNG stays one tap away, for downloading.
    expect(await figures.first().locator('a[download]').getAttribute('href')).toMatch(
      /^\/images\/[0-9a-f]{32}\.png$/,
    );
    // Charts take the card's whole width, and nothing is wider than the screen.
    const box = await figures.first().locator('.chart-box').boundingBox();
    const card = await reply.locator('.card').boundingBox();
    expect(box!.width).toBeGreaterThan(card!.width - 40);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/playground-compare-phone.png', fullPage: false });
  });

  it('/map fills its grid cell by cell before the run ends, naming the cell that reports', async () => {
    await send('/map depths:1,2,3 values:0.5,1.76 steps:800 points:200');
    await page.locator('.msg .working').waitFor({ timeout: 10_000 });
    const id = await page.locator('.msg.bot:has(.working)').last().getAttribute('data-id');
    const working = page.locator(`.msg[data-id="${id}"] .working`);
    await expect
      .poll(() => working.locator('.progress-text').textContent(), { timeout: 20_000 })
      .toMatch(/cell [1-6] of 6: depth [123], σ_w² (0\.5|1\.76), step \d+ of 800, loss \d\.\d+/);
    // At least one finished cell on the page while the map is still working.
    await expect
      .poll(async () => (await chartPoints(`.msg[data-id="${id}"] .live-chart canvas`))?.[0] ?? 0, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    expect(await working.count()).toBe(1);
    const cells = (await chartPoints(`.msg[data-id="${id}"] .live-chart canvas`))?.[0] ?? 0;
    expect(cells).toBeLessThan(6);
    await page.screenshot({ path: '/tmp/playground-live-map-phone.png' });
    // The reply takes the working message's place, under its id.
    const reply = page.locator(`.msg.bot[data-id="${id}"]`, { has: page.locator('h3') });
    await reply.locator('.chart-figure canvas').first().waitFor({ timeout: 60_000 });
    expect(await reply.locator('h3').textContent()).toMatch(/map|depth/i);
    expect(await page.locator('.working').count()).toBe(0);
    expect(await overflow()).toBeLessThanOrEqual(0);
  });

  it('enlarges a chart with the keyboard alone: Tab to it, Enter opens, Escape closes', async () => {
    await page.locator('#command').focus();
    let focusedChart = false;
    for (let i = 0; i < 80 && !focusedChart; i++) {
      await page.keyboard.press('Shift+Tab');
      focusedChart = Boolean(
        await page.evaluate('document.activeElement.matches(".chart-box[role=button]")'),
      );
    }
    expect(focusedChart).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#lightbox[open] .chart-box canvas').waitFor();
    expect(await chartPoints('#lightbox .chart-box canvas')).not.toBeNull();
    await page.screenshot({ path: '/tmp/playground-enlarged-phone.png' });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#lightbox[open]').count()).toBe(0);
    expect(await page.evaluate('document.activeElement.matches(".chart-box[role=button]")')).toBe(true);
    await page.keyboard.press('Space');
    await page.locator('#lightbox[open] .chart-box canvas').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#lightbox[open]').count()).toBe(0);
  });

  it('follows a dark system theme: dark page, chart text redrawn light, every text at WCAG AA', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const background = String(
      await page.evaluate('getComputedStyle(document.documentElement).backgroundColor'),
    );
    expect(background).toBe('rgb(13, 17, 23)');
    // The charts redraw in the dark colours once the page has seen the scheme change.
    await expect
      .poll(async () =>
        String(
          await page.evaluate(
            "window.Chart.getChart(document.querySelector('.chart-figure canvas')).options.plugins.title.color",
          ),
        ).toLowerCase(),
      )
      .toBe('#e6edf3');
    const { checked, failures } = (await page.evaluate(CONTRAST_CHECK)) as {
      checked: number;
      failures: unknown[];
    };
    expect(checked).toBeGreaterThan(30);
    expect(failures).toEqual([]);
    await page.screenshot({ path: '/tmp/playground-dark-phone.png' });
  });

  it('passes the same checks in the light theme', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    // The charts redraw in the light colours when the scheme changes back.
    await expect
      .poll(() =>
        page.evaluate(
          "window.Chart.getChart(document.querySelector('.chart-figure canvas')).options.plugins.title.color",
        ),
      )
      .toBe('#1a1a1a');
    const { failures } = (await page.evaluate(CONTRAST_CHECK)) as { failures: unknown[] };
    expect(failures).toEqual([]);
  });
});

describe('the playground on a laptop (1280 × 800)', () => {
  it('has no sideways scroll, and its charts fill the column and redraw at the new width', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(overflow).toBeLessThanOrEqual(0);
    const figure = page.locator('.chart-figure').first();
    const box = await figure.locator('.chart-box').boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    const canvasWidth = Number(
      await figure.locator('canvas').evaluate((c) => (c as unknown as { clientWidth: number }).clientWidth),
    );
    expect(canvasWidth).toBeGreaterThan(box!.width - 20);
    await page.screenshot({ path: '/tmp/playground-laptop.png' });
    // And back to the narrowest phone: the charts shrink with the screen.
    await page.setViewportSize({ width: 360, height: 740 });
    await expect.poll(overflow).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
  });
});
