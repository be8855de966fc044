import type { WorkingState } from '../../bot/lifecycle/request-port.js';
import { statusMessage, stoppedMessage } from './blocks.js';
import type { DeliveryDeps } from './delivery.js';
import { slackSafeError } from './safe-error.js';

/*
 * The public status message of an accepted run: posted in the channel (chat.postMessage), edited
 * as the run progresses (chat.update), struck through when the run ends privately. An ephemeral
 * message cannot be edited by chat.update, hence a message of its own. Every write goes through
 * the channel's pacer.
 */

/** One run's status message. */
export interface RunStatus {
  /** Posts it; a refusal (typically not_in_channel) is logged and leaves no message. */
  post(working: WorkingState): Promise<void>;
  /** Shows new progress, unless `superseded()` by the time the channel's turn comes. */
  update(working: WorkingState, superseded: () => boolean): Promise<void>;
  /** Strikes it through: the run stopped, its asker got the details. */
  markStopped(summary: string): Promise<void>;
  /** Whether a post was tried. */
  readonly tried: boolean;
  /** The message's ts, once posted. */
  readonly ts: string | undefined;
}

/** The status message of a run by `userId` in `channel`, invoked as `invocation`. */
export function runStatus(
  deps: DeliveryDeps,
  run: { userId: string; channel: string; invocation: string },
): RunStatus {
  const { channel } = run;
  let ts: string | undefined;
  let tried = false;
  const message = (working: WorkingState) =>
    statusMessage({
      summary: working.summary,
      userId: run.userId,
      invocation: run.invocation,
      ...(working.progress ? { progress: working.progress } : {}),
      ...(working.cancelButton ? { cancelButton: working.cancelButton } : {}),
    });

  return {
    async post(working) {
      tried = true;
      try {
        const posted = await deps.pacer.run(channel, () =>
          deps.client.chat.postMessage({ channel, ...message(working) }),
        );
        ts = posted?.ts;
      } catch (error) {
        // The run goes on, and its answer falls back to the response_url.
        deps.logger.warn({ err: slackSafeError(error) }, 'slack: could not post the status message');
      }
    },
    async update(working, superseded) {
      const at = ts;
      if (!at) return;
      await deps.pacer.run(channel, () => deps.client.chat.update({ channel, ts: at, ...message(working) }), {
        skipIf: superseded,
      });
    },
    async markStopped(summary) {
      const at = ts;
      if (!at) return;
      const stopped = stoppedMessage(summary, run.userId);
      await deps.pacer
        .run(channel, () => deps.client.chat.update({ channel, ts: at, ...stopped }))
        .catch((error: unknown) =>
          deps.logger.warn({ err: slackSafeError(error) }, 'slack: could not mark the run stopped'),
        );
    },
    get tried() {
      return tried;
    },
    get ts() {
      return ts;
    },
  };
}
