import { describe, expect, it } from 'vitest';
import { isUserError, type UserError } from '../../../src/bot/errors.js';
import type { JobHooks, JobPort, JobTicket } from '../../../src/bot/jobs/types.js';
import type { ExperimentSpec } from '../../../src/engine/spec.js';
import { validateSpec } from '../../../src/engine/validate.js';

/*
 * The job contract, as any job service must keep it: run against the in-process service (on the
 * real engine's worker threads) and against the Redis service (on real worker processes). Each
 * test makes its own service, with its own specs, so a result cached by one test never answers
 * another.
 */

/** The limits a contract test may ask for. */
export interface ContractLimits {
  maxQueued?: number;
  maxQueuedPerUser?: number;
  maxRunningPerUser?: number;
}

/** What the suite needs from one implementation. */
export interface ContractRig {
  /** A new service on the shared engine or queue; the suite closes it. */
  service(limits?: ContractLimits): Promise<JobPort>;
  /** Engine runs started so far, over every service of the rig. */
  runsStarted(): number;
  /** Seeds no other test of this rig uses. */
  freshSeed(): number;
}

/** A train of about a third of a second on one wasm thread. */
const quick = (seed: number) =>
  spec({ depth: 2, width: 8, steps: 60, points: 64, seeds: 1, gridSize: 0, seed });
/** A train of several seconds: long enough to cancel mid-run. */
const slow = (seed: number) =>
  spec({ depth: 4, width: 32, steps: 3000, points: 256, seeds: 1, gridSize: 0, seed });

function spec(values: Record<string, unknown>): ExperimentSpec {
  const checked = validateSpec({ experiment: 'train', ...values });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.spec;
}

function accepted(answer: UserError | JobTicket): JobTicket {
  if (isUserError(answer)) throw new Error(`refused: ${answer.code}: ${answer.message}`);
  return answer;
}

const ask = (user: string, spec: ExperimentSpec) => ({ user, conversation: 'class', spec });

/** Polls until `check` holds, or fails after `ms`. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Registers the contract's tests for one implementation. */
export function describeJobContract(name: string, rig: () => ContractRig): void {
  const withService = async (limits: ContractLimits, body: (service: JobPort) => Promise<void>) => {
    const service = await rig().service(limits);
    try {
      await body(service);
    } finally {
      await service.close();
    }
  };

  describe(`job contract: ${name}`, { timeout: 120_000 }, () => {
    it('runs a job: the ticket first, then onStart and progress, then exactly one outcome', async () => {
      await withService({}, async (service) => {
        const events: string[] = [];
        const hooks: JobHooks = {
          onStart: () => events.push('start'),
          onProgress: () => events.push('progress'),
        };
        const job = quick(rig().freshSeed());
        const ticket = accepted(await service.submit(ask('ann', job), hooks));
        expect(events).toEqual([]); // hooks wait until the caller holds its ticket
        expect(ticket.cached).toBe(false);
        expect(service.position(ticket.id)).toBeTypeOf('number');
        const outcome = await ticket.done;
        expect(outcome.status).toBe('done');
        if (outcome.status === 'done') expect(outcome.result.spec).toEqual(job);
        expect(events[0]).toBe('start');
        const afterEnd = events.length;
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(events).toHaveLength(afterEnd); // nothing after the outcome
        expect(service.position(ticket.id)).toBeUndefined();
        expect(await service.cancel(ticket.id, 'ann')).toBe('already-finished');
      });
    });

    it('answers a finished spec from the cache without another run', async () => {
      await withService({}, async (service) => {
        const job = quick(rig().freshSeed());
        await accepted(await service.submit(ask('ann', job))).done;
        const runs = rig().runsStarted();
        const again = accepted(await service.submit(ask('bob', job)));
        expect(again.cached).toBe(true);
        expect(await again.done).toMatchObject({ status: 'done', cached: true });
        expect(rig().runsStarted()).toBe(runs);
      });
    });

    it('runs identical requests arriving together once, and answers each', async () => {
      await withService({}, async (service) => {
        const job = quick(rig().freshSeed());
        const before = rig().runsStarted();
        const tickets = (
          await Promise.all(['ann', 'bob', 'cid'].map((user) => service.submit(ask(user, job))))
        ).map(accepted);
        expect(new Set(tickets.map((t) => t.id)).size).toBe(3);
        const outcomes = await Promise.all(tickets.map((t) => t.done));
        for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'done', cached: false });
        const [first, ...rest] = outcomes;
        for (const outcome of rest) {
          if (outcome.status === 'done' && first?.status === 'done')
            expect(outcome.result).toEqual(first.result);
        }
        expect(rig().runsStarted() - before).toBe(1);
      });
    });

    it('lets only the submitter cancel a running job, and remembers it ended', async () => {
      await withService({}, async (service) => {
        let started = false;
        const ticket = accepted(
          await service.submit(ask('ann', slow(rig().freshSeed())), { onStart: () => (started = true) }),
        );
        await until(() => started, 60_000, 'the start');
        expect(await service.cancel(ticket.id, 'bob')).toBe('not-yours');
        expect(await service.cancel(ticket.id, 'ann')).toBe('cancelled');
        expect(await ticket.done).toEqual({ status: 'cancelled' });
        expect(await service.cancel(ticket.id, 'ann')).toBe('already-finished');
        expect(await service.cancel('00000000-0000-4000-8000-000000000000', 'ann')).toBe('not-found');
      });
    });

    it('keeps a cancelled request from stopping the run an identical request still waits for', async () => {
      await withService({}, async (service) => {
        const job = quick(rig().freshSeed());
        const [leaving, staying] = (
          await Promise.all([service.submit(ask('ann', job)), service.submit(ask('bob', job))])
        ).map(accepted);
        expect(await service.cancel(leaving!.id, 'ann')).toBe('cancelled');
        expect(await leaving!.done).toEqual({ status: 'cancelled' });
        expect(await staying!.done).toMatchObject({ status: 'done' });
      });
    });

    it('refuses a request beyond the per-user limit, naming it', async () => {
      await withService({ maxRunningPerUser: 1, maxQueuedPerUser: 1 }, async (service) => {
        const first = accepted(await service.submit(ask('ann', slow(rig().freshSeed()))));
        const second = accepted(await service.submit(ask('ann', slow(rig().freshSeed()))));
        const third = await service.submit(ask('ann', slow(rig().freshSeed())));
        expect(isUserError(third) && third.code).toBe('too-many-jobs');
        expect(service.snapshot().jobs.filter((job) => job.user === 'ann')).toHaveLength(2);
        await service.cancel(second.id, 'ann');
        await service.cancel(first.id, 'ann');
      });
    });

    it('waits in drain for live jobs, then refuses new ones once closed and cancels the rest', async () => {
      const service = await rig().service({});
      const ticket = accepted(await service.submit(ask('ann', quick(rig().freshSeed()))));
      let settled = false;
      void ticket.done.then(() => {
        settled = true;
      });
      await service.drain(60_000);
      // One turn of the event loop lets the ticket's handler run if the job had already finished.
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(true);
      expect((await ticket.done).status).toBe('done');
      const running = accepted(await service.submit(ask('bob', slow(rig().freshSeed()))));
      await service.close();
      expect(await running.done).toEqual({ status: 'cancelled' });
      const refused = await service.submit(ask('cid', quick(rig().freshSeed())));
      expect(isUserError(refused) && refused.code).toBe('shutting-down');
    });
  });
}
