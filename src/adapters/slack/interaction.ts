import { apologyReply } from '../../bot/replies/plain-replies.js';
import type { CommandIo, ProgressUpdate, Reply, ReplyButton } from '../../bot/types.js';
import { echoMessage, privateMessage, replyMessage, statusMessage, stoppedMessage } from './blocks.js';
import {
  type DeliveryDeps,
  deliverPrivate,
  deliverPublic,
  problemNote,
  type Respond,
  type ResponseMessage,
} from './delivery.js';
import type { RunHistory } from './history.js';

/*
 * One slash command or button press, from arrival to its one final answer.
 *
 * Slack wants an ack within 3 s. A slash command is acked when the bot accepts it (with an
 * ephemeral echo of the parsed configuration and queue position), or with the bot's answer when
 * it answers at once (errors and help ephemeral, lessons in the channel), or after
 * `ackDeadlineMs` with a short "working" note, whichever comes first. Buttons are acked on
 * arrival (block_actions acks carry no message).
 *
 * A public run then gets a status message in the channel (chat.postMessage), edited as it
 * progresses (chat.update, paced per channel) and finally edited into the answer, charts uploaded
 * after it. An ephemeral message cannot be edited by chat.update, and a response_url allows only
 * five uses, hence the separate status message. A run that ends privately (cancelled, timed out,
 * crashed) strikes its status message through and tells the asker the details alone.
 */

/** One interaction as the flow needs it. */
export interface Interaction {
  requestId: string;
  userId: string;
  channel: string;
  /** What was typed or pressed, e.g. `/train depth:8`. */
  invocation: string;
  /** A slash command's ack (it may carry a message); undefined for a button, acked on arrival. */
  ack?: ((message?: ResponseMessage) => Promise<void>) | undefined;
  respond?: Respond | undefined;
}

/** What the flow needs besides the interaction. */
export interface FlowDeps extends DeliveryDeps {
  history: RunHistory;
  ackDeadlineMs: number;
}

type AcceptInfo = { visibility: 'public' | 'private'; summary: string; cancelButton?: ReplyButton };

const WORKING: ResponseMessage = { response_type: 'ephemeral', text: 'Working on it…', blocks: [] };

/** Runs one interaction through the bot. `acked` resolves once Slack has its ack; `done` after the final answer. */
export function runInteraction(
  deps: FlowDeps,
  it: Interaction,
  call: (io: CommandIo) => Promise<Reply>,
): { acked: Promise<void>; done: Promise<void> } {
  const log = deps.logger.child({ requestId: it.requestId, user: it.userId, channel: it.channel });
  let acked = it.ack === undefined;
  let signalAcked!: () => void;
  const ackedPromise = new Promise<void>((resolve) => {
    signalAcked = resolve;
  });
  if (acked) signalAcked();
  let accepted: AcceptInfo | undefined;
  let statusTs: Promise<string | undefined> | undefined;
  let latest: ProgressUpdate | undefined;
  let editPending = false;
  let finished = false;

  async function ackOnce(message?: ResponseMessage): Promise<void> {
    if (acked || !it.ack) return;
    acked = true;
    try {
      await it.ack(message);
    } catch (error) {
      log.error({ err: error }, 'slack: ack failed');
    } finally {
      signalAcked();
    }
  }

  const status = (progress?: ProgressUpdate) =>
    statusMessage({
      summary: accepted?.summary ?? '',
      userId: it.userId,
      invocation: it.invocation,
      ...(progress ? { progress } : {}),
      ...(accepted?.cancelButton ? { cancelButton: accepted.cancelButton } : {}),
    });

  async function postStatus(): Promise<string | undefined> {
    try {
      const posted = await deps.pacer.run(it.channel, () =>
        deps.client.chat.postMessage({ channel: it.channel, ...status(latest) }),
      );
      return posted?.ts;
    } catch (error) {
      // Typically not_in_channel in a private channel: the run goes on, and the answer falls back.
      log.warn({ err: error }, 'slack: could not post the status message');
      return undefined;
    }
  }

  function editProgress(): void {
    if (!statusTs || editPending || finished) return;
    editPending = true;
    const edit = async () => {
      editPending = false;
      const ts = await statusTs;
      if (ts) await deps.client.chat.update({ channel: it.channel, ts, ...status(latest) });
    };
    deps.pacer.run(it.channel, edit, { skipIf: () => finished }).catch((error: unknown) => {
      log.warn({ err: error }, 'slack: progress edit failed');
    });
  }

  const io: CommandIo = {
    async accept(info) {
      if (accepted || finished) return;
      accepted = info;
      await ackOnce({
        response_type: 'ephemeral',
        ...echoMessage(info.summary, info.visibility === 'public'),
      });
      if (info.visibility === 'public') statusTs = postStatus();
    },
    progress(update) {
      latest = update;
      editProgress();
    },
  };

  async function finishPrivately(reply: Reply): Promise<void> {
    if (!acked) return ackOnce({ response_type: 'ephemeral', ...privateMessage(reply) });
    const ts = await statusTs;
    if (ts && accepted) {
      const stopped = stoppedMessage(accepted.summary, it.userId);
      await deps.pacer
        .run(it.channel, () => deps.client.chat.update({ channel: it.channel, ts, ...stopped }))
        .catch((error: unknown) => log.warn({ err: error }, 'slack: could not mark the run stopped'));
    }
    await deliverPrivate(deps, { channel: it.channel, userId: it.userId, respond: it.respond }, reply);
  }

  async function finishPublicly(reply: Reply): Promise<void> {
    if (!acked && reply.images.length === 0) {
      return ackOnce({ response_type: 'in_channel', ...replyMessage(reply) });
    }
    await ackOnce();
    // A finished run goes into the history whatever Slack then does with its message.
    if (accepted) {
      deps.history.record(it.userId, {
        at: Date.now(),
        invocation: it.invocation,
        headline: reply.headline,
        channel: it.channel,
      });
    }
    const ts = await statusTs;
    if (!ts && reply.images.length === 0 && it.respond) {
      // No status message to edit and nothing to upload: the response_url needs no channel membership.
      await it.respond({ response_type: 'in_channel', replace_original: false, ...replyMessage(reply) });
    } else {
      const outcome = await deliverPublic(deps, it.channel, reply, ts);
      if (!outcome.posted && it.respond) {
        await it.respond({ response_type: 'in_channel', replace_original: false, ...replyMessage(reply) });
      }
      if (outcome.problem) await tellProblem(outcome.problem);
    }
  }

  async function tellProblem(problem: string): Promise<void> {
    await deliverPrivate(
      deps,
      { channel: it.channel, userId: it.userId, respond: it.respond },
      problemNote(problem),
    );
  }

  const deadline = setTimeout(() => void ackOnce(WORKING), deps.ackDeadlineMs);
  const done = call(io)
    .catch((error: unknown) => {
      // The bot promises never to reject; if it ever does, the user still gets one answer.
      log.error({ err: error }, 'slack: bot call rejected');
      return apologyReply(it.requestId);
    })
    .then(async (reply) => {
      finished = true;
      clearTimeout(deadline);
      await (reply.visibility === 'public' ? finishPublicly(reply) : finishPrivately(reply));
    })
    .catch((error: unknown) => {
      log.error({ err: error, invocation: it.invocation }, 'slack: could not deliver the final answer');
    })
    .finally(() => {
      clearTimeout(deadline);
      signalAcked();
    });
  return { acked: ackedPromise, done };
}
