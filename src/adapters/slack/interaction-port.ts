import type { RequestPort, WorkingState } from '../../bot/lifecycle/request-port.js';
import type { Reply } from '../../bot/types.js';
import { echoMessage, privateMessage, replyMessage } from './blocks.js';
import {
  type DeliveryDeps,
  deliverPrivate,
  deliverPublic,
  problemNote,
  type Respond,
  type ResponseMessage,
} from './delivery.js';
import { runStatus } from './run-status.js';

/*
 * One slash command or button press as the bot core's request port.
 *
 * Slack wants an ack within 3 s, and an ack may carry a message: the echo of an accepted run, the
 * whole answer when the bot answers at once (errors and help ephemeral, lessons in the channel),
 * or a short "working" note when the deadline strikes. Buttons are acked on arrival
 * (block_actions acks carry no message).
 *
 * A public run then gets a status message in the channel (run-status.ts), finally edited into
 * the answer, charts uploaded after it (a response_url allows only five uses). A run that ends
 * privately (cancelled, timed out, crashed) strikes its status message through and tells the
 * asker the details alone.
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

/** Slack's one ack of an interaction, and a promise that resolves once it went out (or never will). */
function slackAck(ack: SlackInteraction['ack']) {
  let done = ack === undefined;
  let signal!: () => void;
  const sent = new Promise<void>((resolve) => {
    signal = resolve;
  });
  if (done) signal();
  return {
    sent,
    get done() {
      return done;
    },
    async once(message?: ResponseMessage): Promise<void> {
      if (done || !ack) return;
      done = true;
      try {
        await ack(message);
      } finally {
        signal();
      }
    },
    release: () => signal(),
  };
}

/** The port of one interaction, and a promise that resolves once Slack has its ack. */
export function slackInteractionPort(
  deps: DeliveryDeps,
  it: SlackInteraction,
): { port: RequestPort; acked: Promise<void> } {
  const ack = slackAck(it.ack);
  const status = runStatus(deps, it);
  const toAsker = { channel: it.channel, userId: it.userId, respond: it.respond };
  const inChannel = (reply: Reply): ResponseMessage => ({
    response_type: 'in_channel',
    replace_original: false,
    ...replyMessage(reply),
  });

  async function finishPrivately(reply: Reply, working: WorkingState | undefined): Promise<void> {
    if (!ack.done) return ack.once({ response_type: 'ephemeral', ...privateMessage(reply) });
    if (working) await status.markStopped(working.summary);
    await deliverPrivate(deps, toAsker, reply);
  }

  async function finishPublicly(reply: Reply): Promise<void> {
    if (!ack.done && reply.images.length === 0) return ack.once(inChannel(reply));
    await ack.once();
    if (!status.ts && reply.images.length === 0 && it.respond) {
      // No status message to edit and nothing to upload: the response_url needs no channel membership.
      await it.respond(inChannel(reply));
      return;
    }
    const outcome = await deliverPublic(deps, it.channel, reply, status.ts);
    if (!outcome.posted && it.respond) await it.respond(inChannel(reply));
    if (outcome.problem) await deliverPrivate(deps, toAsker, problemNote(outcome.problem));
  }

  const port: RequestPort = {
    async acknowledge(visibility, working) {
      if (!working) return ack.once(WORKING);
      await ack.once({
        response_type: 'ephemeral',
        ...echoMessage(working.summary, visibility === 'public'),
      });
      if (working.visibility === 'public') await status.post(working);
    },
    async showProgress(working, superseded) {
      if (working.visibility !== 'public') return;
      await (status.tried ? status.update(working, superseded) : status.post(working));
    },
    async deliver(reply, { working }) {
      try {
        await (reply.visibility === 'public' ? finishPublicly(reply) : finishPrivately(reply, working));
      } finally {
        ack.release();
      }
    },
  };
  return { port, acked: ack.sent };
}
