import type { ResolvedJobConfig } from './job-config.js';
import type { Job } from './job-state.js';
import type { JobRequest, JobSnapshot, JobSummary } from './types.js';

/** An engine failure as plain data; `done` carries it instead of rejecting. */
export function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (typeof message === 'string') return { name: typeof name === 'string' ? name : 'Error', message };
  }
  return { name: 'Error', message: String(error) };
}

/** The snapshot of the live jobs: running first, then the queue in order. */
export function snapshotOf(
  live: Iterable<Job>,
  queue: readonly Job[],
  runningRuns: number,
  config: ResolvedJobConfig,
  cache: JobSnapshot['cache'],
): JobSnapshot {
  // A Map, then fromEntries: a user id such as "__proto__" stays an ordinary key.
  const perUser = new Map<string, { running: number; queued: number }>();
  const running: JobSummary[] = [];
  for (const job of live) {
    const { user } = job.request;
    const counts = perUser.get(user) ?? { running: 0, queued: 0 };
    perUser.set(user, counts);
    if (job.state === 'running') {
      counts.running += 1;
      running.push(summarizeJob(job));
    } else if (job.state === 'queued') {
      counts.queued += 1;
    }
  }
  const { progressIntervalMs: _, ...capacity } = config;
  return {
    running: runningRuns,
    queued: queue.length,
    capacity,
    perUser: Object.fromEntries(perUser),
    jobs: [...running, ...queue.map(summarizeJob)],
    cache,
  };
}

/** The status-command view of a job, in-process or on the queue. */
export function summarizeJob(job: {
  id: string;
  request: JobRequest;
  state: string;
  position: number;
}): JobSummary {
  const { user, conversation, label } = job.request;
  const summary: JobSummary = {
    id: job.id,
    user,
    conversation,
    state: job.state === 'running' ? 'running' : 'queued',
    position: job.position,
  };
  if (label !== undefined) summary.label = label;
  return summary;
}
