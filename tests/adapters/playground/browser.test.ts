import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/engine/index.js';
import { launchChromium, watchedPage } from './chromium.js';
import { type RunningPlayground, startRealPlayground } from './harness.js';

/*
 * The whole tutor in a real browser: the real engine (worker thread, TensorFlow.js), the real
 * job service, charts and lessons, the playground server, and Debian's Chromium typing into the
 * page like a student. Screenshots land in /tmp for a person to look at.
 */

let playground: RunningPlayground & { close(): Promise<void> };
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let url: string;
const pageErrors: string[] = [];
const TEACHER_TOKEN = 'a token for the teacher';

beforeAll(async () => {
  playground = await startRealPlayground({ teacherToken: TEACHER_TOKEN });
  url = playground.url;
  browser = await launchChromium();
  page = await watchedPage(browser.context, pageErrors);
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

/** The part of an <img> the checks read (the test's own types have no DOM). */
type LoadedImage = { complete: boolean; naturalWidth: number };
/** The page's Chart.js, as far as the checks use it. */
type ChartGlobal = { Chart: { getChart(canvas: unknown): unknown } };

const replies = () => page.locator('.msg.bot:not(.private)').filter({ has: page.locator('h3') });

/**
 * The widths of a reply's charts: PNGs loaded (an animation's still) and charts the page drew
 * with Chart.js (a canvas holding a chart).
 */
async function allImagesLoaded(card: ReturnType<Page['locator']>): Promise<number[]> {
  const images = card.locator('figure img');
  const drawn = card.locator('.chart-figure canvas');
  await expect.poll(async () => (await images.count()) + (await drawn.count())).toBeGreaterThan(0);
  await expect
    .poll(() => images.evaluateAll((all) => all.every((img) => (img as unknown as LoadedImage).complete)))
    .toBe(true);
  await expect
    .poll(() =>
      drawn.evaluateAll((all) =>
        all.every((c) => (globalThis as unknown as ChartGlobal).Chart.getChart(c) !== undefined),
      ),
    )
    .toBe(true);
  const stills = await images.evaluateAll((all) =>
    all.map((img) => (img as unknown as LoadedImage).naturalWidth),
  );
  const charts = await drawn.evaluateAll((all) => all.map((c) => (c as unknown as { width: number }).width));
  return [...stills, ...charts];
}

describe('playground in Chromium', () => {
  it('opens on a welcome and completes commands and options from the definitions', async () => {
    await page.goto(url);
    await expect.poll(() => page.locator('#status').textContent()).toBe('live');
    expect(await page.locator('.welcome').textContent()).toContain('#class');
    const input = page.locator('#command');
    await input.click();
    await input.pressSequentially('/tr');
    expect(await page.locator('#suggestions .suggestion.selected code').textContent()).toBe('/train');
    await page.keyboard.press('Tab');
    expect(await input.inputValue()).toBe('/train ');
    await input.pressSequentially('act');
    expect(await page.locator('#suggestions .suggestion.selected').textContent()).toMatch(
      /^activation:.*one of .*relu/,
    );
    await page.keyboard.press('Enter');
    expect(await input.inputValue()).toBe('/train activation:');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect(await input.inputValue()).toMatch(/^\/train activation:\w+ $/);
    // Two-word options are offered as the docs and replies write them.
    await input.pressSequentially('learningr');
    expect(await page.locator('#suggestions .suggestion.selected').textContent()).toMatch(
      /^learning_rate:.*a number from/,
    );
    await page.keyboard.press('Tab');
    expect(await input.inputValue()).toMatch(/^\/train activation:\w+ learning_rate:$/);
    await input.fill('');
  });

  it('runs /train depth:8: a progress bar, then the charts and the explanation', async () => {
    const input = page.locator('#command');
    await input.pressSequentially('/train depth:8');
    // A number has no choices: the list only hints at the range, so Enter sends.
    expect(await page.locator('#suggestions .suggestion.hint').textContent()).toContain(
      `from ${LIMITS.depth.min} to ${LIMITS.depth.max}`,
    );
    await page.keyboard.press('Enter');
    expect(await input.inputValue()).toBe('');
    await page.locator('.msg.echo .command', { hasText: '/train depth:8' }).waitFor();
    await page.locator('.working .bar').waitFor({ timeout: 10_000 });
    expect(await page.locator('.working .btn-danger').textContent()).toBe('Cancel');
    // The run takes about two seconds here; the first progress report comes at once, in the bot's
    // words: which seed, its step and its loss.
    await expect
      .poll(() => page.locator('.working .progress-text').textContent(), { timeout: 10_000 })
      .toMatch(/\d+% · seed [123] of 3, step \d+ of 300, loss \d\.\d+/);

    const reply = replies().filter({ hasText: 'depth 8' });
    await reply.waitFor({ timeout: 60_000 });
    expect(await page.locator('.working').count()).toBe(0);
    const widths = await allImagesLoaded(reply);
    expect(widths.every((w) => w > 0)).toBe(true);
    expect(await reply.locator('p').first().textContent()).toMatch(/loss/i);
    expect(await reply.locator('dd').first().textContent()).toContain('/train depth:8');
    await page.screenshot({ path: '/tmp/playground-first-run.png' });
  });

  it('shows the training animation on request: the still first, Play swaps in the GIF, Pause freezes it', async () => {
    const reply = replies().filter({ hasText: 'depth 8' });
    const figure = reply.locator('figure.animated');
    expect(await figure.count()).toBe(1);
    const still = await figure.locator('img').getAttribute('src');
    expect(still).toMatch(/^\/images\/[0-9a-f]{32}\.png$/);
    await figure.locator('button.play').click();
    const gif = figure.locator('img');
    await expect.poll(() => gif.getAttribute('src')).toMatch(/^\/images\/[0-9a-f]{32}\.gif$/);
    expect(await gif.getAttribute('alt')).toMatch(/depth-8 net's map stays flat, with no boundary/);
    await expect
      .poll(() => gif.evaluate((img) => (img as unknown as LoadedImage).naturalWidth))
      .toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/playground-animation.png' });
    await figure.locator('button.play').click();
    expect(await figure.locator('button.play').textContent()).toBe('▶ Play');
    // Paused on the frame that was showing: a canvas of the GIF's size, not the still again.
    expect(
      await figure.locator('canvas').evaluate((c) => (c as unknown as { width: number }).width),
    ).toBeGreaterThan(0);
    expect(await figure.locator('img').count()).toBe(0);
  });

  it('shows a clear private error for a bad command', async () => {
    await page.locator('#command').fill(`/train depth:${LIMITS.depth.max + 10}`);
    await page.keyboard.press('Enter');
    const note = page.locator('.msg.private', { hasText: 'depth' });
    await note.waitFor();
    expect(await note.textContent()).toMatch(new RegExp(`Only you can see this.*depth.*${LIMITS.depth.max}`));
  });

  it('answers a follow-up button with a second reply', async () => {
    const first = replies().filter({ hasText: 'depth 8' });
    await first.getByRole('button', { name: 'Go deeper' }).click();
    await page.locator('.msg.echo', { hasText: 'Go deeper' }).waitFor();
    const second = replies().filter({ hasText: 'depth 16' });
    await second.waitFor({ timeout: 60_000 });
    const widths = await allImagesLoaded(second);
    expect(widths.every((w) => w > 0)).toBe(true);
    expect(await replies().count()).toBe(2);
    await page.screenshot({ path: '/tmp/playground.png' });
  });

  it('enlarges a chart and fits a phone screen', async () => {
    await replies().last().locator('.chart-figure button', { hasText: 'Enlarge' }).first().click();
    await page.locator('#lightbox[open] canvas').waitFor();
    await page.screenshot({ path: '/tmp/playground-lightbox.png' });
    await page.keyboard.press('Escape');
    await replies().last().locator('figure.animated img').click();
    await page.locator('#lightbox[open] img').waitFor();
    await page.locator('#lightbox-close').click();
    await expect.poll(() => page.locator('#lightbox[open]').count()).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    // Expressions as strings: they run in the page, and this file is compiled without the DOM's types.
    // Neither the page nor the message list inside it scrolls sideways.
    const overflow = Number(
      await page.evaluate(
        "Math.max(document.documentElement.scrollWidth - window.innerWidth, document.querySelector('#messages').scrollWidth - document.querySelector('#messages').clientWidth)",
      ),
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // The charts follow the new width (Chart.js and the page both watch their box).
    const chartWidth = () =>
      replies()
        .last()
        .locator('.chart-figure canvas')
        .first()
        .evaluate((canvas) => canvas.getBoundingClientRect().width);
    await expect.poll(chartWidth).toBeLessThanOrEqual(390);

    await page.screenshot({ path: '/tmp/playground-phone.png' });
    expect(pageErrors).toEqual([]);
  });

  it('shows names and reply text as text, never as markup', async () => {
    await page.locator('#name').fill('Ada <i>L</i>');
    await page.locator('#name').press('Enter');
    await page.locator('#command').fill('/status');
    await page.keyboard.press('Enter');
    const author = page.locator('.msg.echo.mine .author').last();
    await expect.poll(() => author.textContent()).toBe('Ada <i>L</i> (you)');
    // Beside the name, the server's tag; no teacher badge for a student, whatever the name says.
    const meta = page.locator('.msg.echo.mine .meta').last();
    expect(await meta.locator('.tag').textContent()).toMatch(/^#[a-z2-9]{5}$/);
    expect(await meta.locator('.badge-teacher').count()).toBe(0);
    const hostile = '<img src=x onerror="window.hacked=1">';
    await playground.adapter.post('class', {
      visibility: 'public',
      headline: hostile,
      blocks: ['**safe** <b>tag</b> `<script>`'],
      fields: [],
      images: [],
      buttons: [],
    });
    const card = page.locator('.msg.bot', { hasText: 'onerror' });
    await card.waitFor();
    expect(await card.locator('h3').textContent()).toBe(hostile);
    expect(await card.locator('strong').textContent()).toBe('safe');
    expect(await card.locator('img, b, i, script').count()).toBe(0);
    expect(await page.evaluate('window.hacked')).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });

  it('keeps the session cookie from the page’s scripts, and signs a teacher in with the token', async () => {
    expect(await page.evaluate('document.cookie')).toBe('');
    const button = page.locator('#teacher');
    expect(await button.textContent()).toBe('I teach');
    await button.click();
    await page.locator('#teacher-token').fill('a wrong token here');
    await page.locator('#teacher-form button[type=submit]').click();
    await expect.poll(() => page.locator('#teacher-error').textContent()).toMatch(/not right/);
    await page.locator('#teacher-token').fill(TEACHER_TOKEN);
    await page.locator('#teacher-form button[type=submit]').click();
    await expect.poll(() => button.textContent()).toBe('teacher');
    await page.locator('#command').fill('/settings');
    await page.keyboard.press('Enter');
    // No classroom database here, so /settings says so; a student would hear "Only teachers" instead.
    await page.locator('.msg.private', { hasText: '/settings needs the classroom database' }).waitFor();
    expect(await page.locator('.msg.private', { hasText: 'Only teachers' }).count()).toBe(0);
    // Chromium reports the wrong token's 403 as a failed resource; nothing else may have gone wrong.
    expect(pageErrors).toEqual([expect.stringMatching(/status of 403/)]);
  });
});
