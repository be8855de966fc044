import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireEvent, WireLive, WireWorking } from '../../../src/adapters/playground/web/wire.js';
import { MAX_POINTS_PER_CURVE } from '../../../src/engine/live.js';
import { type RunningPlayground, startRealPlayground } from './harness.js';

/*
 * What the page's event stream carries while a real run goes (real engine, real job service):
 * the bot's progress words, and partial results sent once whole, then as append-only deltas of
 * bounded size that rebuild exactly the curves the engine measured.
 */

let playground: RunningPlayground & { close(): Promise<void> };

beforeAll(async () => {
  playground = await startRealPlayground();
});

afterAll(async () => {
  await playground?.close();
});

type Curves = Extract<WireLive, { kind: 'curves' }>;

/** Applies a delta to a page's copy, as the page does; a gap or an overlap fails the test. */
function applyDelta(copy: Map<number, [number, number][]>, live: Curves): void {
  for (const curve of live.curves) {
    const known = copy.get(curve.index) ?? [];
    expect(curve.from).toBe(known.length);
    copy.set(curve.index, [...known, ...curve.points]);
  }
}

describe('live progress on the event stream', () => {
  it('sends the words, then curves once whole and after that only new points, bounded', async () => {
    const ada = await playground.visitor('Ada');
    const stream = await ada.events();
    await ada.command('/compare depths:1,2 seeds:2 steps:900 points:200');
    const reply = await stream.waitFor((e) => e.type === 'message' && e.message.kind === 'reply', 60_000);
    stream.close();
    const id = reply.type === 'message' ? reply.message.id : '';
    const mine = stream.events.filter(
      (e) => ('id' in e ? e.id : e.type === 'message' ? e.message.id : '') === id,
    );

    const working = mine.find(
      (e): e is Extract<WireEvent, { type: 'message' }> & { message: WireWorking } =>
        e.type === 'message' && e.message.kind === 'working',
    )?.message;
    expect(working?.summary).not.toMatch(/starting|queued/);
    const progress = mine.filter((e): e is Extract<WireEvent, { type: 'progress' }> => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    const statuses = [working?.progress?.status, ...progress.map((e) => e.progress.status)];
    expect(statuses[0]).toBe('running');
    // Running, then done once the engine finished (while the charts are drawn), never back.
    const firstDone = statuses.indexOf('done');
    if (firstDone >= 0) expect(statuses.slice(firstDone).every((s) => s === 'done')).toBe(true);
    const details = progress.map((e) => e.progress.detail).filter((d) => d !== undefined);
    expect(details.length).toBeGreaterThan(0);
    for (const detail of details)
      expect(detail).toMatch(/^depth [12], seed [12] of 2, step \d+ of 900, loss \d\.\d{2}/);

    const copy = new Map<number, [number, number][]>();
    if (working?.live?.kind === 'curves') applyDelta(copy, working.live);
    for (const event of progress) {
      if (!event.live) continue;
      expect(event.live.kind).toBe('curves');
      applyDelta(copy, event.live as Curves);
      // Bounded: one event never carries more than every curve's whole share.
      expect(JSON.stringify(event).length).toBeLessThan(4 * (MAX_POINTS_PER_CURVE + 2) * 40 + 2000);
    }
    expect(copy.size).toBeGreaterThan(0);
    for (const points of copy.values()) {
      expect(points.length).toBeLessThanOrEqual(MAX_POINTS_PER_CURVE + 1);
      const steps = points.map(([step]) => step);
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
      expect(new Set(steps).size).toBe(steps.length);
      expect(steps.every((s) => s >= 0 && s <= 900)).toBe(true);
      expect(points.every(([, loss]) => Number.isFinite(loss) && loss > 0)).toBe(true);
    }
  });
});
