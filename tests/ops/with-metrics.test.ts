import { describe, expect, it } from 'vitest';
import { isUserError, type UserError } from '../../src/bot/errors.js';
import { createJobService } from '../../src/bot/jobs/job-service.js';
import type { JobOutcome, JobRequest, JobTicket } from '../../src/bot/jobs/types.js';
import { createJobMetrics } from '../../src/ops/metrics.js';
import { withJobMetrics } from '../../src/ops/with-metrics.js';
import { accepted, createControllableEngine, trainSpec } from '../bot/jobs/fake-engine.js';

const ask = (user: string, seed: number): JobRequest => ({ user, conversation: 'c', spec: trainSpec(seed) });
const flush = () => new Promise((resolve) => setImmediate(resolve));

function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('job metrics around a job service', () => {
  it('counts outcomes and refusals of the in-process service, and reads its queue from the snapshot', async () => {
    const engine = createControllableEngine();
    const inner = createJobService({ engine, concurrency: 1, maxQueuedPerUser: 1 });
    const metrics = createJobMetrics(() => inner.snapshot());
    const jobs = withJobMetrics(inner, metrics);

    const first = accepted(await jobs.submit(ask('ann', 1)));
    const second = accepted(await jobs.submit(ask('ann', 2)));
    const refused = await jobs.submit(ask('ann', 3));
    expect(isUserError(refused) && refused.code).toBe('too-many-jobs');
    let text = await metrics.render();
    expect(sample(text, 'tutor_jobs_running')).toBe(1);
    expect(sample(text, 'tutor_jobs_queued')).toBe(1);

    engine.runs[0]!.succeed();
    await first.done;
    expect(await jobs.cancel(second.id, 'ann')).toBe('cancelled');
    await second.done;
    await flush();
    text = await metrics.render();
    expect(sample(text, 'tutor_jobs_finished_total{status="done"}')).toBe(1);
    expect(sample(text, 'tutor_jobs_finished_total{status="cancelled"}')).toBe(1);
    expect(sample(text, 'tutor_jobs_refused_total{code="too-many-jobs"}')).toBe(1);
    expect(sample(text, 'tutor_job_duration_seconds_count')).toBe(1);
    expect(sample(text, 'tutor_job_queue_wait_seconds_count')).toBe(1);
    await jobs.close();
  });

  it('wraps a service whose submit answers with a promise, as the Redis one does', async () => {
    const done: JobOutcome = { status: 'done', result: {} as never, cached: true, queuedMs: 0, runMs: 0 };
    const answers: (UserError | JobTicket)[] = [
      { id: 'a', position: 0, cached: true, done: Promise.resolve(done) },
      { kind: 'user-error', code: 'queue-unavailable', message: 'down' },
    ];
    const service = { submit: async (_job: JobRequest) => answers.shift()!, extra: () => 'kept' };
    const metrics = createJobMetrics(() => ({ queued: 0, running: 0 }));
    const jobs = withJobMetrics(service, metrics);
    expect(jobs.extra()).toBe('kept');
    await jobs.submit(ask('bob', 1));
    expect(await jobs.submit(ask('bob', 2))).toMatchObject({ code: 'queue-unavailable' });
    await flush();
    const text = await metrics.render();
    expect(sample(text, 'tutor_jobs_finished_total{status="done"}')).toBe(1);
    expect(sample(text, 'tutor_jobs_refused_total{code="queue-unavailable"}')).toBe(1);
    // A cached answer has no run time to record, but it did wait (zero seconds).
    expect(sample(text, 'tutor_job_duration_seconds_count')).toBe(0);
    expect(sample(text, 'tutor_job_queue_wait_seconds_count')).toBe(1);
  });
});
