import type { Logger } from '../logger.js';
import type { CommandIo, Reply } from '../types.js';
import { createCallQueue } from './call-queue.js';
import { createProgressThrottle, type ProgressThrottle } from './progress-throttle.js';
import type { LifecycleTiming, RequestPort, Visibility, WorkingState } from './request-port.js';

/*
 * One request's life, from arrival to its one final answer, on any platform: the deadline for
 * the first response, the acceptance, coalesced progress, the platform's answer window, and the
 * answer. Every call to the port goes through one queue (call-queue.ts).
 */

/** A running request: the io the bot uses, and the call that delivers the final answer (once). */
export interface RequestSession {
  io: CommandIo;
  /** Delivers the answer; a second call waits for the first answer instead of sending another. */
  finish(reply: Reply): Promise<void>;
}

/** What one session knows so far. */
interface SessionState {
  acknowledged?: Visibility;
  working?: WorkingState;
  latest?: WorkingState['progress'];
  windowClosed: boolean;
  finished: boolean;
}

type Enqueue = (call: string, task: () => Promise<void>) => Promise<void>;

/** The io the bot's command uses: accept once, report progress any number of times. */
function sessionIo(
  state: SessionState,
  port: RequestPort,
  enqueue: Enqueue,
  throttle: ProgressThrottle,
): CommandIo {
  const quiet = () => state.finished || state.windowClosed;
  return {
    async accept(info) {
      if (state.finished || state.working) return;
      const working: WorkingState = {
        visibility: info.visibility,
        summary: info.summary,
        ...(state.latest ? { progress: state.latest } : {}),
        ...(info.cancelButton ? { cancelButton: info.cancelButton } : {}),
      };
      state.working = working;
      const first = !state.acknowledged;
      if (first) state.acknowledged = info.visibility;
      return enqueue(first ? 'acknowledge' : 'show accepted', async () => {
        if (!first && quiet()) return;
        throttle.shownNow();
        await (first ? port.acknowledge(info.visibility, working) : port.showProgress(working, quiet));
      });
    },
    progress(update) {
      if (quiet()) return;
      state.latest = update;
      if (!state.working) return;
      state.working = { ...state.working, progress: update };
      if (state.acknowledged) throttle.nudge();
    },
  };
}

/** Runs `then` after `ms` unless the request has been answered by then; no timer without `ms`. */
function after(ms: number | undefined, state: SessionState, then: () => void): NodeJS.Timeout | undefined {
  if (ms === undefined) return undefined;
  const timer = setTimeout(() => state.finished || then(), ms);
  timer.unref();
  return timer;
}

/** Starts the clocks of one request; `defaultVisibility` is used if the deadline strikes first. */
export function createRequestSession(options: {
  port: RequestPort;
  timing: LifecycleTiming;
  defaultVisibility: Visibility;
  log: Logger;
  /** How the port's errors are logged; default as they are. */
  loggable?: (error: unknown) => unknown;
}): RequestSession {
  const { port, timing, log } = options;
  const loggable = options.loggable ?? ((error: unknown) => error);
  const state: SessionState = { windowClosed: false, finished: false };
  const quiet = () => state.finished || state.windowClosed;
  const calls = createCallQueue((call, error) =>
    log.warn({ err: loggable(error), call }, 'platform call failed'),
  );
  const enqueue: Enqueue = (call, task) => calls.run(call, task);
  const throttle = createProgressThrottle({
    intervalMs: timing.progressIntervalMs,
    show: () =>
      enqueue('progress', async () => {
        if (quiet() || !state.working) return;
        throttle.shownNow();
        await port.showProgress(state.working, quiet);
      }),
  });

  const timers = [
    after(timing.ackDeadlineMs, state, () => {
      if (state.acknowledged) return;
      state.acknowledged = options.defaultVisibility;
      void enqueue('acknowledge (deadline)', () => port.acknowledge(options.defaultVisibility));
    }),
    after(timing.answerWindowMs, state, () => {
      state.windowClosed = true;
      throttle.stop();
      const working = state.working;
      if (port.windowClosing) void enqueue('window closing', () => port.windowClosing!(working));
    }),
  ];

  let delivered: Promise<void> | undefined;
  return {
    io: sessionIo(state, port, enqueue, throttle),
    finish(reply) {
      if (delivered) return delivered;
      state.finished = true;
      throttle.stop();
      for (const timer of timers) clearTimeout(timer);
      const { acknowledged, working } = state;
      const context = { ...(acknowledged ? { acknowledged } : {}), ...(working ? { working } : {}) };
      delivered = enqueue('answer', () =>
        port.deliver(reply, context).catch((error: unknown) => {
          log.error({ err: loggable(error) }, 'could not deliver the answer');
        }),
      );
      return delivered;
    },
  };
}
