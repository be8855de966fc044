import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../src/bot/errors.js';
import { createJobService } from '../../../src/bot/jobs/job-service.js';
import type { JobOutcome, JobTicket } from '../../../src/bot/jobs/types.js';
import { createControllableEngine, fakeClock, flush, trainSpec } from './fake-engine.js';

/*
 * Random interleavings of submits, cancels, engine results, engine failures and progress reports.
 * After every step the limits must hold and the queue must be work-conserving; at the end every
 * accepted job must have ended exactly once, and no hook may have fired after its job ended.
 */

const USERS = ['ann', 'bob', 'cid', 'dan'];

const operation = fc.oneof(
  fc.record({ op: fc.constant('submit' as const), user: fc.nat(3), seed: fc.nat(4) }),
  fc.record({ op: fc.constant('cancel' as const), ticket: fc.nat(40), user: fc.nat(3) }),
  fc.record({
    op: fc.constantFrom('succeed' as const, 'fail' as const, 'progress' as const),
    run: fc.nat(40),
  }),
  fc.record({ op: fc.constant('tick' as const), ms: fc.nat(1500) }),
);

describe('job service invariants', () => {
  it('hold under random interleavings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 20, maxLength: 80 }),
        fc.integer({ min: 1, max: 3 }),
        async (ops, concurrency) => {
          const engine = createControllableEngine();
          const clock = fakeClock();
          const service = createJobService({
            engine,
            concurrency,
            maxQueued: 5,
            now: clock.now,
            progressIntervalMs: 500,
          });
          const tickets: { ticket: JobTicket; user: string; ended: boolean; outcomes: JobOutcome[] }[] = [];
          const lateHooks: string[] = [];

          for (const step of ops) {
            if (step.op === 'submit') {
              const user = USERS[step.user]!;
              const entry = {
                ticket: undefined as unknown as JobTicket,
                user,
                ended: false,
                outcomes: [] as JobOutcome[],
              };
              const late = (name: string) => () => {
                // The service forgets a job the moment it ends, before `done` callbacks run.
                if (entry.ended || service.position(entry.ticket.id) === undefined) lateHooks.push(name);
              };
              const answer = await service.submit(
                { user, conversation: 'c', spec: trainSpec(step.seed) },
                { onQueued: late('queued'), onStart: late('start'), onProgress: late('progress') },
              );
              if (isUserError(answer)) {
                expect(['too-many-jobs', 'queue-full']).toContain(answer.code);
                continue;
              }
              entry.ticket = answer;
              answer.done.then((outcome) => {
                entry.ended = true;
                entry.outcomes.push(outcome);
              });
              tickets.push(entry);
            } else if (step.op === 'cancel') {
              const entry = tickets[step.ticket % Math.max(1, tickets.length)];
              if (entry) await service.cancel(entry.ticket.id, USERS[step.user]!);
            } else if (step.op === 'tick') {
              clock.advance(step.ms);
            } else {
              const run = engine.runs[step.run % Math.max(1, engine.runs.length)];
              if (step.op === 'succeed') run?.succeed();
              else if (step.op === 'fail') run?.fail(new Error('engine failed'));
              else run?.progress({ fraction: 0.5, unitsDone: 0, units: 1 });
            }
            await flush();

            const snapshot = service.snapshot();
            expect(snapshot.running).toBeLessThanOrEqual(concurrency);
            expect(snapshot.queued).toBeLessThanOrEqual(5);
            for (const load of Object.values(snapshot.perUser)) {
              expect(load.running).toBeLessThanOrEqual(1);
              expect(load.queued).toBeLessThanOrEqual(2);
            }
            const queued = snapshot.jobs.filter((job) => job.state === 'queued');
            expect(queued.map((job) => job.position)).toEqual(queued.map((_, index) => index + 1));
            // Work-conserving: a free slot means everyone waiting has a job running already.
            if (snapshot.running < concurrency) {
              for (const job of queued) expect(snapshot.perUser[job.user]?.running).toBeGreaterThan(0);
            }
          }

          await service.close();
          await flush();
          for (const entry of tickets) {
            expect(entry.outcomes).toHaveLength(1);
            expect(service.position(entry.ticket.id)).toBeUndefined();
          }
          expect(lateHooks).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
