import type { JobHooks } from './jobs/types.js';
import type { CommandIo, ProgressUpdate } from './types.js';

/*
 * How a run's progress reaches the person who asked, in the same words on every platform: the
 * job's hooks become io.progress calls with a status that only moves forward (queued → running →
 * done), and one function turns an update into words. Discord, Slack, the playground and the CLI
 * each fit those words into their own message, within their own edit limits.
 */

/** The state of a run in a word or two: "queued #2", "starting", "running", "done". */
export type ProgressStatus = `queued #${number}` | 'starting' | 'running' | 'done';

/** What every platform says about an update. */
export interface ProgressWords {
  status: ProgressStatus;
  /** Which unit reported and how far it is: "seed 2 of 3, step 180 of 300, loss 0.520". */
  detail?: string;
  /** Whole percent of the whole run, while it runs. */
  percent?: number;
}

/** A loss as progress shows it: three significant digits, so 0.00130 and 0.693 both read right. */
export function formatProgressLoss(loss: number): string {
  return Number.isFinite(loss) ? loss.toPrecision(3) : String(loss);
}

/** The words for an update (none yet: the run is starting). */
export function progressWords(update: ProgressUpdate | undefined): ProgressWords {
  if (!update) return { status: 'starting' };
  if (update.kind === 'done') return { status: 'done' };
  if (update.kind === 'queued')
    return update.position > 0 ? { status: `queued #${update.position}` } : { status: 'starting' };
  const percent = Math.max(0, Math.min(100, Math.floor(update.percent)));
  const { unit } = update;
  if (unit) {
    const loss = unit.loss === undefined ? '' : `, loss ${formatProgressLoss(unit.loss)}`;
    return { status: 'running', percent, detail: `${unit.label}, step ${unit.step} of ${unit.steps}${loss}` };
  }
  // An older queue worker reports no unit: the latest loss is then all there is.
  if (update.loss !== undefined && Number.isFinite(update.loss))
    return { status: 'running', percent, detail: `loss ${formatProgressLoss(update.loss)}` };
  return { status: 'running', percent };
}

/** The words as one line: "running · seed 2 of 3, step 180 of 300, loss 0.520". */
export function progressSentence(update: ProgressUpdate | undefined): string {
  const words = progressWords(update);
  return words.detail ? `${words.status} · ${words.detail}` : words.status;
}

/**
 * The job hooks of a run shown through `io`. Nothing follows "done", and a start after the first
 * progress report changes nothing; a run handed back to the line (its queue worker died) does
 * show "queued" again, since it is. `initial` shows where the ticket stood when it was accepted,
 * unless a hook has already said more.
 */
export function progressHooks(io: Pick<CommandIo, 'progress'>): {
  hooks: JobHooks;
  initial(ticket: { position: number; cached: boolean }): void;
  done(): void;
} {
  let stage: 'none' | 'queued' | 'running' | 'done' = 'none';
  const show = (next: typeof stage, update: ProgressUpdate) => {
    if (stage === 'done') return;
    stage = next;
    io.progress(update);
  };
  return {
    hooks: {
      onQueued: (position) => show('queued', { kind: 'queued', position }),
      onStart: () => stage === 'running' || show('running', { kind: 'running', percent: 0 }),
      onProgress: (p) => show('running', { kind: 'running', ...p }),
    },
    initial(ticket) {
      if (stage !== 'none') return;
      if (ticket.cached) show('done', { kind: 'done' });
      else if (ticket.position > 0) show('queued', { kind: 'queued', position: ticket.position });
      else show('running', { kind: 'running', percent: 0 });
    },
    done: () => show('done', { kind: 'done' }),
  };
}
