import { LIVE_POINT_BUDGET } from '../../engine/live.js';
import type { LiveCurve, LiveResult, Progress, UnitStatus } from '../../engine/result.js';
import type { JobProgress } from './types.js';

/**
 * Converts the engine's progress into what a chat message shows, or undefined for a report that
 * carries no usable fraction. The unit and the partial results pass through as they are.
 */
export function toJobProgress(progress: Progress): JobProgress | undefined {
  if (!Number.isFinite(progress.fraction)) return undefined;
  const percent = Math.min(100, Math.max(0, Math.floor(progress.fraction * 100)));
  return {
    percent,
    ...(isFiniteNumber(progress.loss) && { loss: progress.loss }),
    ...(progress.unit && { unit: progress.unit }),
    ...(progress.live && { live: progress.live }),
  };
}

/*
 * A queue worker's progress crosses Redis as JSON; the replica reads it back with the checks
 * below, so that a malformed or oversized report (another version of the worker, a hand-edited
 * job) loses the parts that do not fit instead of reaching a chat message or a page.
 */

const MAX_LABEL = 120;
const MAX_CURVES = 200;
const MAX_CELLS = 1024;

/** Reads a JobProgress back from a worker's payload, or undefined when it has no usable percent. */
export function readJobProgress(data: unknown): JobProgress | undefined {
  if (!isRecord(data) || !isFiniteNumber(data.percent)) return undefined;
  const percent = Math.min(100, Math.max(0, Math.floor(data.percent)));
  const unit = readUnit(data.unit);
  const live = readLive(data.live);
  return {
    percent,
    ...(isFiniteNumber(data.loss) && { loss: data.loss }),
    ...(unit && { unit }),
    ...(live && { live }),
  };
}

function readUnit(data: unknown): UnitStatus | undefined {
  if (!isRecord(data)) return undefined;
  const { index, count, label, step, steps, loss } = data;
  if (![index, count, step, steps].every(isCount) || typeof label !== 'string') return undefined;
  if (label.length === 0 || label.length > MAX_LABEL) return undefined;
  return {
    index: index as number,
    count: count as number,
    label,
    step: step as number,
    steps: steps as number,
    ...(isFiniteNumber(loss) && { loss }),
  };
}

function readLive(data: unknown): LiveResult | undefined {
  if (!isRecord(data)) return undefined;
  if (data.kind === 'curves') {
    const { steps, curves } = data;
    if (!isCount(steps) || !Array.isArray(curves) || curves.length > MAX_CURVES) return undefined;
    const read = curves.map(readCurve);
    if (!read.every((c): c is LiveCurve => c !== undefined)) return undefined;
    // A curve may hold two points beyond its share of the budget: step 0 and the final step.
    const points = read.reduce((sum, c) => sum + c.points.length, 0);
    if (points > LIVE_POINT_BUDGET + 2 * read.length) return undefined;
    return { kind: 'curves', steps, curves: read };
  }
  if (data.kind === 'map') {
    const { axis, values, depths, cells } = data;
    if (typeof axis !== 'string' || !Array.isArray(values) || !Array.isArray(depths) || !Array.isArray(cells))
      return undefined;
    if (cells.length > MAX_CELLS || cells.length !== values.length * depths.length) return undefined;
    if (!values.every((v) => isFiniteNumber(v) || (typeof v === 'string' && v.length <= MAX_LABEL)))
      return undefined;
    if (!depths.every(isCount)) return undefined;
    if (!cells.every((c) => c === null || c === 'diverged' || isFiniteNumber(c))) return undefined;
    return {
      kind: 'map',
      axis: axis as Extract<LiveResult, { kind: 'map' }>['axis'],
      values: values as (number | string)[],
      depths: depths as number[],
      cells: cells as (number | 'diverged' | null)[],
    };
  }
  return undefined;
}

function readCurve(data: unknown): LiveCurve | undefined {
  if (!isRecord(data) || typeof data.label !== 'string' || data.label.length > MAX_LABEL) return undefined;
  const { points } = data;
  if (!Array.isArray(points)) return undefined;
  const pairs = points.every(
    (p) => Array.isArray(p) && p.length === 2 && isCount(p[0]) && isFiniteNumber(p[1]),
  );
  return pairs ? { label: data.label, points: points as [number, number][] } : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

/**
 * A leading-edge throttle: lets the first report through at once, then at most one per
 * `intervalMs`, dropping the rest. Chat platforms rate-limit message edits (Discord allows about
 * five per five seconds per channel), and a dropped report is soon superseded by a newer one.
 */
export function createProgressThrottle(intervalMs: number, now: () => number): () => boolean {
  let lastDelivered: number | undefined;
  return () => {
    const time = now();
    if (lastDelivered !== undefined && time - lastDelivered < intervalMs) return false;
    lastDelivered = time;
    return true;
  };
}
