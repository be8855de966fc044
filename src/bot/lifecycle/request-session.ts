import type { Logger } from '../logger.js';
import type { CommandIo, Reply } from '../types.js';
import { createProgressThrottle } from './progress-throttle.js';
import type { LifecycleTiming, RequestPort, Visibility, WorkingState } from './request-port.js';

/*
 * One request's life, from arrival to its one final answer, on any platform. Every call to the
 * port goes through one queue, so a progress display never overtakes the answer, and a failed
 * call is logged without stopping the ones after it.
 */

/** A running request: the io the bot uses, and the call that delivers the final answer (once). */
export interface RequestSession {
  io: CommandIo;
  /** Delivers the answer; a second call waits for the first answer instead of sending another. */
  finish(reply: Reply): Promise<void>;
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
  let acknowledged: Visibility | undefined;
  let working: WorkingState | undefined;
  let latest: WorkingState['progress'];
  let windowClosed = false;
  let finished = false;
  let queue: Promise<void> = Promise.resolve();
  let delivered: Promise<void> | undefined;

  function enqueue(call: string, task: () => Promise<void>): Promise<void> {
    const run = queue
      .then(task)
      .catch((error: unknown) => log.warn({ err: loggable(error), call }, 'platform call failed'));
    queue = run;
    return run;
  }

  const quiet = () => finished || windowClosed;
  const throttle = createProgressThrottle({
    intervalMs: timing.progressIntervalMs,
    show: () =>
      enqueue('progress', async () => {
        if (quiet() || !working) return;
        throttle.shownNow();
        await port.showProgress(working, quiet);
      }),
  });

  const timers: NodeJS.Timeout[] = [];
  const after = (ms: number | undefined, then: () => void) => {
    if (ms === undefined) return;
    const timer = setTimeout(then, ms);
    timer.unref();
    timers.push(timer);
  };
  after(timing.ackDeadlineMs, () => {
    if (finished || acknowledged) return;
    acknowledged = options.defaultVisibility;
    void enqueue('acknowledge (deadline)', () => port.acknowledge(options.defaultVisibility));
  });
  after(timing.answerWindowMs, () => {
    if (finished) return;
    windowClosed = true;
    throttle.stop();
    const state = working;
    if (port.windowClosing) void enqueue('window closing', () => port.windowClosing!(state));
  });

  const io: CommandIo = {
    async accept(info) {
      if (finished || working) return;
      working = {
        visibility: info.visibility,
        summary: info.summary,
        ...(latest ? { progress: latest } : {}),
        ...(info.cancelButton ? { cancelButton: info.cancelButton } : {}),
      };
      const state = working;
      if (!acknowledged) {
        acknowledged = info.visibility;
        return enqueue('acknowledge', async () => {
          throttle.shownNow();
          await port.acknowledge(info.visibility, state);
        });
      }
      return enqueue('show accepted', async () => {
        if (quiet()) return;
        throttle.shownNow();
        await port.showProgress(state, quiet);
      });
    },
    progress(update) {
      if (quiet()) return;
      latest = update;
      if (!working) return;
      working = { ...working, progress: update };
      if (acknowledged) throttle.nudge();
    },
  };

  return {
    io,
    finish(reply) {
      if (delivered) return delivered;
      finished = true;
      throttle.stop();
      for (const timer of timers) clearTimeout(timer);
      const context = { ...(acknowledged ? { acknowledged } : {}), ...(working ? { working } : {}) };
      delivered = queue.then(() =>
        port.deliver(reply, context).catch((error: unknown) => {
          log.error({ err: loggable(error) }, 'could not deliver the answer');
        }),
      );
      queue = delivered;
      return delivered;
    },
  };
}
