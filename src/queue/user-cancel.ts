import type { JobBook } from '../bot/jobs/shared.js';
import type { CancelResult } from '../bot/jobs/types.js';
import type { Canceller } from './cancellation.js';
import type { ReplicaJob } from './replica-jobs.js';
import type { ReplicaLedger } from './replica-ledger.js';
import type { Report } from './report.js';
import { withTimeout } from './time.js';

/*
 * A user's cancel, on any replica. A request this replica holds leaves its run here (and the run
 * leaves the queue when no one else waits for it). Any other id may belong to a request another
 * replica took, so Redis is asked, within the time a bot interaction can wait.
 */

/** A BullMQ job id as this service makes them (a UUID): anything else cannot be on the queue. */
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What cancelling needs from the job service. */
export interface UserCancelContext {
  readonly book: JobBook<ReplicaJob>;
  readonly ledger: Pick<ReplicaLedger, 'leave'>;
  readonly canceller: Pick<Canceller, 'cancelElsewhere'>;
  connected(): boolean;
  readonly redisTimeoutMs: number;
  readonly report: Report;
}

/** Cancels the user's job `jobId`, wherever it was submitted. */
export async function cancelForUser(
  context: UserCancelContext,
  jobId: string,
  user: string,
): Promise<CancelResult> {
  const target = context.book.cancelTarget(jobId, user);
  if (typeof target === 'string') return target;
  if (target) {
    context.ledger.leave(target.record, { status: 'cancelled' });
    return 'cancelled';
  }
  if (!JOB_ID.test(jobId) || !context.connected()) return 'not-found';
  try {
    return await withTimeout(
      context.canceller.cancelElsewhere(jobId, user),
      context.redisTimeoutMs,
      'cancelling a job',
    );
  } catch (error) {
    context.report(error, 'cancel');
    return 'not-found';
  }
}
