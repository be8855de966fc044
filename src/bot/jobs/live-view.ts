import type { JobRequest, JobSnapshot, JobSummary } from './types.js';

/*
 * How the live records look from outside (/status, the playground's queue panel): counts per user
 * and one summary per record, running ones first.
 */

/** The part of a job record the view reads (a record has more; this keeps the import one-way). */
interface ViewedRecord {
  readonly id: string;
  readonly request: JobRequest;
  readonly state: 'queued' | 'running' | 'finished';
  readonly position: number;
}

/** Per-user counts and summaries: running records first, then the waiting ones in line order. */
export function liveView(records: Iterable<ViewedRecord>): Pick<JobSnapshot, 'perUser' | 'jobs'> {
  // A Map, then fromEntries: a user id such as "__proto__" stays an ordinary key.
  const perUser = new Map<string, { running: number; queued: number }>();
  const running: ViewedRecord[] = [];
  const waiting: ViewedRecord[] = [];
  for (const record of records) {
    const counts = perUser.get(record.request.user) ?? { running: 0, queued: 0 };
    perUser.set(record.request.user, counts);
    if (record.state === 'running') {
      counts.running += 1;
      running.push(record);
    } else if (record.state === 'queued') {
      counts.queued += 1;
      waiting.push(record);
    }
  }
  waiting.sort((a, b) => a.position - b.position);
  return { perUser: Object.fromEntries(perUser), jobs: [...running, ...waiting].map(summarize) };
}

function summarize(record: ViewedRecord): JobSummary {
  const { user, conversation, label } = record.request;
  const summary: JobSummary = {
    id: record.id,
    user,
    conversation,
    state: record.state === 'running' ? 'running' : 'queued',
    position: record.state === 'running' ? 0 : record.position,
  };
  if (label !== undefined) summary.label = label;
  return summary;
}
