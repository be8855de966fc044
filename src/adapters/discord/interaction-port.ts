import type { RequestPort } from '../../bot/lifecycle/request-port.js';
import type { Logger } from '../../bot/logger.js';
import type { Reply } from '../../bot/types.js';
import type { DiscordMessage, DiscordReply } from './message-payload.js';
import { postedBelowMessage, stoppedMessage, workingMessage } from './progress-view.js';
import { safeError } from './safe-error.js';

/*
 * One interaction as the bot core's request port. Discord's rules: the first response is a defer
 * or a reply, and its visibility cannot change later; edits and follow-ups go through the
 * interaction token, which lives 15 minutes, after which only a channel message reaches anyone.
 */

/** The calls on one interaction; reply-port.ts makes them on a real discord.js interaction. */
export interface InteractionCalls {
  defer(ephemeral: boolean): Promise<void>;
  reply(message: DiscordMessage, ephemeral: boolean): Promise<void>;
  edit(message: DiscordMessage): Promise<void>;
  followUp(message: DiscordMessage, ephemeral: boolean): Promise<void>;
  /** A new channel message, for when the interaction token is about to expire. */
  sendToChannel(message: DiscordMessage, mentionUserId?: string): Promise<void>;
}

const LATE_NOTE = 'This is taking a while: the result will be posted in this channel.';

/**
 * Sends a reply's further charts, one message each, in order, after its answer went out. The answer
 * is the final answer: a chart that fails is logged and skipped, never answered again.
 */
export async function sendCharts(
  charts: readonly DiscordMessage[],
  send: (message: DiscordMessage) => Promise<void>,
  log: Logger,
): Promise<void> {
  for (const [i, chart] of charts.entries()) {
    try {
      await send(chart);
    } catch (error) {
      log.warn({ err: safeError(error), chart: i + 2 }, 'a chart message failed; the answer stands');
    }
  }
}

/** The request port of one interaction by `userId`. */
export function interactionPort(options: {
  calls: InteractionCalls;
  userId: string;
  toMessage: (reply: Reply) => DiscordReply;
  log: Logger;
}): RequestPort {
  const { calls, userId, toMessage } = options;
  let viaChannel = false;
  const mentionFor = (reply: Reply) => (reply.visibility === 'private' ? userId : undefined);

  return {
    async acknowledge(visibility, working) {
      await calls.defer(visibility === 'private');
      if (working) await calls.edit(workingMessage(working));
    },
    showProgress: (working) => calls.edit(workingMessage(working)),
    async windowClosing(working) {
      viaChannel = true;
      if (working) await calls.edit(workingMessage({ ...working, note: LATE_NOTE }));
    },
    async deliver(reply, { acknowledged, working }) {
      const { answer: message, charts } = toMessage(reply);
      const summary = working?.summary ?? '';
      const hidden = reply.visibility === 'private';
      // Charts follow the answer the way it went: as follow-ups of the interaction, or into the channel.
      let more = (chart: DiscordMessage) => calls.followUp(chart, hidden);
      const toChannel = (chart: DiscordMessage) => calls.sendToChannel(chart);
      try {
        if (viaChannel) {
          await calls.sendToChannel(message, mentionFor(reply));
          more = toChannel;
        } else if (!acknowledged) await calls.reply(message, hidden);
        else if (acknowledged === reply.visibility) await calls.edit(message);
        else if (acknowledged === 'public') {
          // The channel saw the run start; it learns briefly that it stopped, the asker gets the details.
          await calls.edit(stoppedMessage(summary, reply));
          await calls.followUp(message, true);
        } else {
          await calls.edit(postedBelowMessage(summary));
          await calls.followUp(message, false);
        }
      } catch (error) {
        // The interaction must not be left hanging: try a follow-up, then a channel message.
        options.log.warn({ err: safeError(error) }, 'final answer failed; trying a follow-up');
        try {
          if (!acknowledged || viaChannel) throw error;
          await calls.followUp(message, hidden);
        } catch {
          await calls.sendToChannel(message, mentionFor(reply));
          more = toChannel;
        }
      }
      await sendCharts(charts, more, options.log);
    },
  };
}
