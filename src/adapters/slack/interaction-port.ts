import type { RequestPort, WorkingState } from '../../bot/lifecycle/request-port.js';
import type { Reply } from '../../bot/types.js';
import { echoMessage, privateMessage, replyMessage, statusMessage, stoppedMessage } from './blocks.js';
import {
  type DeliveryDeps,
  deliverPrivate,
  deliverPublic,
  problemNote,
  type Respond,
  type ResponseMessage,
} from './delivery.js';

/*
 * One slash command or button press as the bot core's request port.
 *
 * Slack wants an ack within 3 s, and an ack may carry a message: the echo of an accepted run, the
 * whole answer when the bot answers at once (errors and help ephemeral, lessons in the channel),
 * or a short "working" note when the deadline strikes. Buttons are acked on arrival
 * (block_actions acks carry no message).
 *
 * A public run then gets a status message in the channel (chat.postMessage), edited as it
 * progresses (chat.update, paced per channel) and finally edited into the answer, charts uploaded
 * after it. An ephemeral message cannot be edited by chat.update, and a response_url allows only
 * five uses, hence the separate status message. A run that ends privately (cancelled, timed out,
 * crashed) strikes its status message through and tells the asker the details alone.
 */

/** One interaction as the port needs it. */
export interface SlackInteraction {
  userId: string;
  channel: string;
  /** What was typed or pressed, e.g. `/train depth:8`. */
  invocation: string;
  /** A slash command's ack (it may carry a message); undefined for a button, acked on arrival. */
  ack?: ((message?: ResponseMessage) => Promise<void>) | undefined;
  respond?: Respond | undefined;
}

const WORKING: ResponseMessage = { response_type: 'ephemeral', text: 'Working on it…', blocks: [] };

/** The port of one interaction, and a promise that resolves once Slack has its ack. */
export function slackInteractionPort(
  deps: DeliveryDeps,
  it: SlackInteraction,
): { port: RequestPort; acked: Promise<void> } {
  const log = deps.logger;
  let acked = it.ack === undefined;
  let signalAcked!: () => void;
  const ackedPromise = new Promise<void>((resolve) => {
    signalAcked = resolve;
  });
  if (acked) signalAcked();
  let statusTs: string | undefined;
  let statusPosted = false;
  const toAsker = { channel: it.channel, userId: it.userId, respond: it.respond };

  async function ackOnce(message?: ResponseMessage): Promise<void> {
    if (acked || !it.ack) return;
    acked = true;
    try {
      await it.ack(message);
    } finally {
      signalAcked();
    }
  }

  const status = (working: WorkingState) =>
    statusMessage({
      summary: working.summary,
      userId: it.userId,
      invocation: it.invocation,
      ...(working.progress ? { progress: working.progress } : {}),
      ...(working.cancelButton ? { cancelButton: working.cancelButton } : {}),
    });

  async function postStatus(working: WorkingState): Promise<void> {
    statusPosted = true;
    try {
      const posted = await deps.pacer.run(it.channel, () =>
        deps.client.chat.postMessage({ channel: it.channel, ...status(working) }),
      );
      statusTs = posted?.ts;
    } catch (error) {
      // Typically not_in_channel in a private channel: the run goes on, and the answer falls back.
      log.warn({ err: error }, 'slack: could not post the status message');
    }
  }

  async function finishPrivately(reply: Reply, working: WorkingState | undefined): Promise<void> {
    if (!acked) return ackOnce({ response_type: 'ephemeral', ...privateMessage(reply) });
    if (statusTs && working) {
      const stopped = stoppedMessage(working.summary, it.userId);
      const ts = statusTs;
      await deps.pacer
        .run(it.channel, () => deps.client.chat.update({ channel: it.channel, ts, ...stopped }))
        .catch((error: unknown) => log.warn({ err: error }, 'slack: could not mark the run stopped'));
    }
    await deliverPrivate(deps, toAsker, reply);
  }

  async function finishPublicly(reply: Reply): Promise<void> {
    if (!acked && reply.images.length === 0) {
      return ackOnce({ response_type: 'in_channel', ...replyMessage(reply) });
    }
    await ackOnce();
    const inChannel = () => ({
      response_type: 'in_channel' as const,
      replace_original: false,
      ...replyMessage(reply),
    });
    if (!statusTs && reply.images.length === 0 && it.respond) {
      // No status message to edit and nothing to upload: the response_url needs no channel membership.
      await it.respond(inChannel());
      return;
    }
    const outcome = await deliverPublic(deps, it.channel, reply, statusTs);
    if (!outcome.posted && it.respond) await it.respond(inChannel());
    if (outcome.problem) await deliverPrivate(deps, toAsker, problemNote(outcome.problem));
  }

  const port: RequestPort = {
    async acknowledge(visibility, working) {
      if (!working) return ackOnce(WORKING);
      await ackOnce({ response_type: 'ephemeral', ...echoMessage(working.summary, visibility === 'public') });
      if (working.visibility === 'public') await postStatus(working);
    },
    async showProgress(working, superseded) {
      if (working.visibility !== 'public') return;
      if (!statusPosted) return postStatus(working);
      const ts = statusTs;
      if (!ts) return;
      await deps.pacer.run(
        it.channel,
        () => deps.client.chat.update({ channel: it.channel, ts, ...status(working) }),
        { skipIf: superseded },
      );
    },
    async deliver(reply, { working }) {
      try {
        await (reply.visibility === 'public' ? finishPublicly(reply) : finishPrivately(reply, working));
      } finally {
        signalAcked();
      }
    },
  };
  return { port, acked: ackedPromise };
}
