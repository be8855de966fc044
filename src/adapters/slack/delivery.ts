import type { webApi } from '@slack/bolt';
import type { Logger } from '../../bot/logger.js';
import { shownImageFile } from '../../bot/replies/image-file.js';
import type { Reply, ReplyImage } from '../../bot/types.js';
import { chartsAreLinked, privateMessage, replyMessage, type SlackMessage } from './blocks.js';
import { escapeSlack, toPlainText } from './mrkdwn.js';
import type { ChannelPacer } from './pacer.js';
import { slackError, slackSafeError } from './safe-error.js';

/*
 * The Web API calls that put replies into Slack. Public answers are Block Kit messages (posted,
 * or edited in place of a run's status message) followed by the charts, one message each, uploaded with
 * files.uploadV2 (getUploadURLExternal → upload → completeUploadExternal; the old files.upload is
 * retired). Private answers go to the asker alone through the interaction's response_url, or
 * chat.postEphemeral when there is none.
 */

/** A message sent through a response_url (or as a slash command's ack body). */
export interface ResponseMessage extends SlackMessage {
  response_type: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
}

/** Posts through an interaction's response_url (Bolt's `respond`). */
export type Respond = (message: ResponseMessage) => Promise<unknown>;

/** What delivering needs. */
export interface DeliveryDeps {
  client: webApi.WebClient;
  pacer: ChannelPacer;
  logger: Logger;
}

const chartNote = (images: readonly ReplyImage[]) =>
  images.length === 0
    ? undefined
    : `${images.length} chart${images.length === 1 ? '' : 's'} below: ${images.map((i) => escapeSlack(i.alt)).join('; ')}`.slice(
        0,
        2000,
      );

/**
 * Uploads a reply's charts into a channel, one message per chart, in order. Slack tiles several
 * images of one message into a grid, each a fraction of a phone's width; an image alone in its
 * message is shown as wide as the screen allows.
 */
export async function uploadCharts(deps: DeliveryDeps, channel: string, reply: Reply): Promise<void> {
  // Charts with public URLs are already in the message as image blocks.
  if (reply.images.length === 0 || chartsAreLinked(reply)) return;
  for (const [i, image] of reply.images.map(shownImageFile).entries()) {
    await deps.client.files.uploadV2({
      channel_id: channel,
      ...(i === 0 ? { initial_comment: `Charts: ${toPlainText(reply.headline, 200)}` } : {}),
      file_uploads: [
        {
          file: image.data,
          filename: image.name,
          title: image.name.replace(/\.(png|gif)$/i, '').replace(/[-_]/g, ' '),
          alt_text: image.alt.slice(0, 1000),
        },
      ],
    });
  }
}

/**
 * A public answer in a channel: edits `statusTs` into the answer when there is a status message,
 * else posts a new message; then uploads the charts. Resolves with what could not be done, for
 * the caller to tell the asker privately.
 */
export async function deliverPublic(
  deps: DeliveryDeps,
  channel: string,
  reply: Reply,
  statusTs?: string,
): Promise<{ posted: boolean; problem?: string }> {
  const message = replyMessage(reply, chartsAreLinked(reply) ? undefined : chartNote(reply.images));
  try {
    await deps.pacer.run(channel, async () => {
      if (statusTs) await deps.client.chat.update({ channel, ts: statusTs, ...message });
      else await deps.client.chat.postMessage({ channel, ...message });
    });
  } catch (error) {
    deps.logger.warn({ channel, slackError: slackError(error) }, 'slack: could not post the answer');
    return { posted: false, problem: slackError(error) };
  }
  try {
    await uploadCharts(deps, channel, reply);
  } catch (error) {
    deps.logger.warn({ channel, slackError: slackError(error) }, 'slack: could not upload the charts');
    return { posted: true, problem: slackError(error) };
  }
  return { posted: true };
}

/**
 * A private answer for one user: through the response_url when there is one (it works in
 * channels the bot is not in), else, or when that fails (a response_url expires after 30 minutes
 * and five uses), chat.postEphemeral.
 */
export async function deliverPrivate(
  deps: DeliveryDeps,
  target: { channel: string; userId: string; respond?: Respond | undefined },
  reply: Reply,
): Promise<void> {
  const message = privateMessage(reply);
  if (target.respond) {
    try {
      await target.respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    } catch (error) {
      deps.logger.warn(
        { err: slackSafeError(error) },
        'slack: response_url refused a private answer; trying chat.postEphemeral',
      );
    }
  }
  await deps.client.chat.postEphemeral({ channel: target.channel, user: target.userId, ...message });
}

/** The private note sent when Slack refused part of a public answer, e.g. because the bot is not in the channel. */
export function problemNote(problem: string): Reply {
  const hint =
    problem === 'not_in_channel' || problem === 'channel_not_found'
      ? 'I am not a member of this channel: invite me with `/invite @depth-tutor` to see the charts here.'
      : `Slack said \`${problem}\`.`;
  return {
    visibility: 'private',
    headline: 'Part of the answer could not be shown.',
    blocks: [hint],
    fields: [],
    images: [],
    buttons: [],
  };
}

/**
 * A private note to one user, unprompted (a schedule's owner): an ephemeral message in the
 * conversation that names them, so only they see it; when Slack refuses that (they or the bot
 * are not in the conversation), a direct message from the app.
 */
export async function notifyPrivately(
  deps: DeliveryDeps,
  target: { conversation: string; user: string },
  reply: Reply,
): Promise<void> {
  const message = privateMessage(reply);
  const mention = `<@${target.user}>`;
  const named = {
    text: `${mention} ${message.text}`,
    blocks: [
      { type: 'section' as const, text: { type: 'mrkdwn' as const, text: mention } },
      ...message.blocks,
    ],
  };
  try {
    await deps.client.chat.postEphemeral({ channel: target.conversation, user: target.user, ...named });
  } catch (error) {
    deps.logger.info(
      { slackError: slackError(error), user: target.user },
      'slack: ephemeral note refused; sending a direct message',
    );
    await deps.client.chat.postMessage({ channel: target.user, ...named });
  }
}
