import { describe, expect, it } from 'vitest';
import { readJobProgress, toJobProgress } from '../../../src/bot/jobs/progress.js';
import { LIVE_POINT_BUDGET } from '../../../src/engine/live.js';

/*
 * A queue worker's progress crosses Redis as JSON: the replica keeps what is well formed and
 * within bounds, and drops the rest rather than show it in a chat message or a page.
 */

const unit = { index: 2, count: 3, label: 'seed 2 of 3', step: 180, steps: 300, loss: 0.52 };
const curves = {
  kind: 'curves',
  steps: 300,
  curves: [
    {
      label: 'seed 1 of 3',
      points: [
        [0, 0.69],
        [10, 0.6],
      ],
    },
  ],
};

describe('job progress across the queue', () => {
  it('reads back what the worker sent: percent, loss, unit and live curves', () => {
    const sent = toJobProgress({
      fraction: 0.617,
      loss: 0.52,
      unitsDone: 1,
      units: 3,
      unit,
      live: curves as never,
    });
    expect(sent).toEqual({ percent: 61, loss: 0.52, unit, live: curves });
    expect(readJobProgress(JSON.parse(JSON.stringify(sent)))).toEqual(sent);
    const map = {
      kind: 'map',
      axis: 'weightScale',
      values: [0.5, 1.76],
      depths: [2],
      cells: [0.3, 'diverged'],
    };
    expect(readJobProgress({ percent: 50, live: map })).toEqual({ percent: 50, live: map });
  });

  it('drops malformed or oversized parts, keeping the rest', () => {
    expect(readJobProgress({ percent: 'ten' })).toBeUndefined();
    expect(readJobProgress({ percent: 12.9, loss: 'x', unit: { ...unit, step: -1 } })).toEqual({
      percent: 12,
    });
    expect(readJobProgress({ percent: 5, unit: { ...unit, label: 'x'.repeat(500) } })).toEqual({
      percent: 5,
    });
    const tooMany = {
      kind: 'curves',
      steps: 3000,
      curves: [
        { label: 'seed 1 of 1', points: Array.from({ length: LIVE_POINT_BUDGET + 3 }, (_, i) => [i, 0.5]) },
      ],
    };
    expect(readJobProgress({ percent: 5, live: tooMany })).toEqual({ percent: 5 });
    const badCell = { kind: 'map', axis: 'width', values: [4], depths: [2], cells: ['<b>'] };
    expect(readJobProgress({ percent: 5, live: badCell })).toEqual({ percent: 5 });
    const wrongShape = { kind: 'map', axis: 'width', values: [4, 8], depths: [2], cells: [0.1] };
    expect(readJobProgress({ percent: 5, live: wrongShape })).toEqual({ percent: 5 });
  });
});
