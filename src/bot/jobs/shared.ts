/*
 * The parts of the job service that every implementation shares, exported from one place: the
 * Redis service (src/queue) imports the contract (types.ts) and this module, nothing else of the
 * bot core.
 */

export { describeError } from './describe-error.js';
export { type CancelTarget, createJobBook, type JobBook, settledWithin } from './job-book.js';
export { checkedLimit, JOB_DEFAULTS, resolveSharedLimits, type SharedLimits } from './job-config.js';
export type { JobRecord } from './job-record.js';
export { readJobProgress, toJobProgress } from './progress.js';
export { queueFull, queueUnavailable, shuttingDown, tooManyJobs } from './refusals.js';
export { canonicalJson, specKey } from './spec-key.js';
