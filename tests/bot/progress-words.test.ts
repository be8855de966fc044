import { describe, expect, it } from 'vitest';
import { progressHooks, progressSentence, progressWords } from '../../src/bot/progress-words.js';
import type { ProgressUpdate } from '../../src/bot/types.js';

/*
 * The one place progress becomes words: every platform shows these, so they are pinned here.
 */

const unit = (label: string, step: number, steps: number, loss?: number) => ({
  index: 1,
  count: 3,
  label,
  step,
  steps,
  ...(loss === undefined ? {} : { loss }),
});

describe('progress words', () => {
  it('names the unit that reported, its step and its own loss, in three significant digits', () => {
    expect(
      progressSentence({ kind: 'running', percent: 61, unit: unit('seed 2 of 3', 180, 300, 0.52) }),
    ).toBe('running · seed 2 of 3, step 180 of 300, loss 0.520');
    expect(
      progressSentence({
        kind: 'running',
        percent: 35,
        loss: 0.0013,
        unit: unit('cell 7 of 20: depth 8, σ_w² 1.76', 120, 300, Math.LN2),
      }),
    ).toBe('running · cell 7 of 20: depth 8, σ_w² 1.76, step 120 of 300, loss 0.693');
    // A tiny loss keeps its digits instead of rounding to 0.000.
    expect(
      progressWords({ kind: 'running', percent: 10, unit: unit('seed 1 of 1', 10, 300, 0.0013) }).detail,
    ).toBe('seed 1 of 1, step 10 of 300, loss 0.00130');
    expect(progressWords({ kind: 'running', percent: 10, unit: unit('seed 1 of 1', 0, 300) }).detail).toBe(
      'seed 1 of 1, step 0 of 300',
    );
  });

  it('gives the status label: queued #n, starting, running (with a whole percent), done', () => {
    expect(progressWords({ kind: 'queued', position: 2 })).toEqual({ status: 'queued #2' });
    expect(progressWords({ kind: 'queued', position: 0 })).toEqual({ status: 'starting' });
    expect(progressWords(undefined)).toEqual({ status: 'starting' });
    expect(progressWords({ kind: 'running', percent: 140.7 })).toEqual({ status: 'running', percent: 100 });
    expect(progressWords({ kind: 'running', percent: 44.9, loss: 0.41234 })).toEqual({
      status: 'running',
      percent: 44,
      detail: 'loss 0.412',
    });
    expect(progressSentence({ kind: 'done' })).toBe('done');
  });
});

describe('progress hooks', () => {
  function recorded() {
    const shown: ProgressUpdate[] = [];
    const hooks = progressHooks({ progress: (update) => shown.push(update) });
    return { shown, ...hooks };
  }

  it('shows where the ticket stood, then queued → running → done, and nothing after done', () => {
    const { shown, hooks, initial, done } = recorded();
    initial({ position: 2, cached: false });
    hooks.onQueued?.(1);
    hooks.onStart?.();
    hooks.onProgress?.({ percent: 40, unit: unit('seed 1 of 3', 120, 300, 0.6) });
    hooks.onStart?.();
    done();
    hooks.onProgress?.({ percent: 99 });
    hooks.onQueued?.(1);
    expect(shown.map((u) => progressWords(u).status)).toEqual([
      'queued #2',
      'queued #1',
      'running',
      'running',
      'done',
    ]);
  });

  it('keeps a hook’s newer word over the ticket’s, and says done at once for a cached answer', () => {
    const early = recorded();
    early.hooks.onProgress?.({ percent: 5 });
    early.initial({ position: 1, cached: false });
    expect(early.shown.map((u) => u.kind)).toEqual(['running']);
    const cached = recorded();
    cached.initial({ position: 0, cached: true });
    expect(cached.shown).toEqual([{ kind: 'done' }]);
    const now = recorded();
    now.initial({ position: 0, cached: false });
    expect(now.shown).toEqual([{ kind: 'running', percent: 0 }]);
  });
});
