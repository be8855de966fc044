import { capitalize } from '../../explain/format.js';
import type { AnimatedRun } from './draw-frame.js';

/** A map whose probabilities span less than this over the whole plane shows no boundary at all. */
export const FLAT_SPREAD = 0.05;
/** The map has taken shape once its probabilities span this much (confident on both sides). */
export const SHAPED_SPREAD = 0.5;

const spread = (p: number[]) => Math.max(...p) - Math.min(...p);
const mean = (p: number[]) => p.reduce((a, b) => a + b, 0) / Math.max(1, p.length);

/** One sentence on what one run's map does over the animation, from its recorded frames only. */
export function describeRun(run: AnimatedRun, steps: number): string {
  const frames = run.frames.frames;
  const first = frames[0]!;
  const last = frames.at(-1)!;
  const losses = `loss ${first.loss.toFixed(3)} → ${last.loss.toFixed(3)}`;
  if (frames.every((f) => spread(f.probabilities) < FLAT_SPREAD)) {
    const p = mean(last.probabilities);
    const end = Math.abs(p - 0.5) < 0.02 ? 'a 50/50 wash' : `${Math.round(p * 100)}% class 1 everywhere`;
    return `the ${run.label} net's map stays flat, with no boundary, for all ${steps} steps, ending as ${end} (${losses})`;
  }
  const shaped = frames.find((f) => spread(f.probabilities) >= SHAPED_SPREAD);
  if (shaped) return `the ${run.label} net's boundary takes shape by step ${shaped.step} (${losses})`;
  return `the ${run.label} net's map changes only faintly: it never becomes confident (${losses})`;
}

/** Alt text of an animation: what it shows, then what each run's map does. */
export function describeAnimation(title: string, runs: readonly AnimatedRun[], steps: number): string {
  const count = runs[0]?.frames.frames.length ?? 0;
  const parts = runs.map((run) => describeRun(run, steps));
  return `Animation in ${count} frames of training (${title}): the model's class-1 probability over the plane with the training points, and the loss curve growing alongside. ${capitalize(parts.join('; '))}.`;
}
