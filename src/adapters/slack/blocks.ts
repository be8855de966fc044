import type { types } from '@slack/bolt';
import { progressSentence, progressWords } from '../../bot/progress-words.js';
import { fitHeadline } from '../../bot/replies/fit-headline.js';
import type { ProgressUpdate, Reply, ReplyButton } from '../../bot/types.js';
import { escapeSlack, splitText, toMrkdwn, toPlainText, truncate } from './mrkdwn.js';

/*
 * Neutral replies as Block Kit. Limits from Slack's Block Kit reference: header text 150
 * characters, section text 3000, context 10 elements, actions 25 elements, button label 75,
 * action_id 255, 50 blocks in a message.
 */

type Block = types.KnownBlock;

/** A message body for chat.postMessage / chat.update / response_url / ack. */
export interface SlackMessage {
  /** Notification and screen-reader fallback. */
  text: string;
  blocks: Block[];
}

const MAX_HEADER = 150;
const MAX_SECTION = 3000;
const MAX_MESSAGE_BLOCKS = 50;

/** A reply button as a Block Kit button; its id travels as action_id and value, so it works after a restart. */
export function toSlackButton(button: ReplyButton): types.Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: toPlainText(button.label, 75) },
    action_id: button.id,
    value: button.id,
    ...(button.style === 'secondary' ? {} : { style: button.style }),
  };
}

function sections(markdown: string): Block[] {
  return splitText(toMrkdwn(markdown), MAX_SECTION).map((text) => ({
    type: 'section',
    text: { type: 'mrkdwn', text },
  }));
}

function factsContext(reply: Reply): Block[] {
  if (reply.fields.length === 0) return [];
  return [
    {
      type: 'context',
      elements: reply.fields.slice(0, 10).map((f) => ({
        type: 'mrkdwn' as const,
        text: truncate(`*${escapeSlack(f.label)}:* ${toMrkdwn(f.value)}`, 2000),
      })),
    },
  ];
}

function actions(buttons: ReplyButton[]): Block[] {
  if (buttons.length === 0) return [];
  return [{ type: 'actions', elements: buttons.slice(0, 25).map(toSlackButton) }];
}

/** The header block, and a section with the rest of a headline too long for a header (never cut). */
function headlineBlocks(reply: Reply): Block[] {
  const { title, lead } = fitHeadline(
    reply,
    (whole) => toPlainText(whole, Number.POSITIVE_INFINITY).length <= MAX_HEADER,
  );
  return [
    { type: 'header', text: { type: 'plain_text', text: toPlainText(title, MAX_HEADER) } },
    ...(lead === undefined ? [] : sections(lead)),
  ];
}

/**
 * A reply as a message: header, explanation, the configuration as context, buttons. Charts are
 * named in a last context line when they are uploaded separately (`chartNote`).
 */
export function replyMessage(reply: Reply, chartNote?: string): SlackMessage {
  const blocks: Block[] = [
    ...headlineBlocks(reply),
    ...reply.blocks.flatMap(sections),
    ...imageBlocks(reply),
    ...factsContext(reply),
    ...(chartNote
      ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: chartNote }] }]
      : []),
    ...actions(reply.buttons),
  ];
  return { text: toPlainText(reply.headline, 300), blocks: fitBlocks(blocks) };
}

/** True when every chart has a public URL (public QuickChart): image blocks then replace the upload. */
export function chartsAreLinked(reply: Reply): boolean {
  return reply.images.length > 0 && reply.images.every((image) => image.url !== undefined);
}

function imageBlocks(reply: Reply): Block[] {
  if (!chartsAreLinked(reply)) return [];
  return reply.images.map((image) => ({
    type: 'image' as const,
    image_url: image.url!,
    alt_text: image.alt.slice(0, 2000),
    title: { type: 'plain_text' as const, text: image.name.replace(/\.png$/i, '').replace(/[-_]/g, ' ') },
  }));
}

/** A private note (error, refusal, help) for the asker alone: compact, no header block. */
export function privateMessage(reply: Reply): SlackMessage {
  const body = [`*${toMrkdwn(reply.headline)}*`, ...reply.blocks.map(toMrkdwn)].join('\n\n');
  const blocks: Block[] = [
    ...splitText(body, MAX_SECTION).map((text) => ({
      type: 'section' as const,
      text: { type: 'mrkdwn' as const, text },
    })),
    ...factsContext(reply),
    ...actions(reply.buttons),
  ];
  return { text: toPlainText(reply.headline, 300), blocks: fitBlocks(blocks) };
}

function fitBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= MAX_MESSAGE_BLOCKS) return blocks;
  // Keep the buttons (last block) and cut the middle: a reply this long is a bug, not a lesson.
  return [...blocks.slice(0, MAX_MESSAGE_BLOCKS - 1), blocks[blocks.length - 1]!];
}

/** A text progress bar, e.g. `▓▓▓▓░░░░░░ 40%`. */
export function progressBar(percent: number): string {
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  const filled = Math.round(clamped / 10);
  return `${'▓'.repeat(filled)}${'░'.repeat(10 - filled)} ${clamped}%`;
}

/** The bot core's words (the same on every platform), behind a bar while the run runs. */
function progressLine(progress: ProgressUpdate | undefined): string {
  const { percent } = progressWords(progress);
  const sentence = escapeSlack(progressSentence(progress));
  return percent === undefined ? sentence : `${progressBar(percent)} · ${sentence}`;
}

/** The public status message of an accepted run: what runs, for whom, how far it is, and Cancel. */
export function statusMessage(options: {
  summary: string;
  userId: string;
  invocation: string;
  progress?: ProgressUpdate;
  cancelButton?: ReplyButton;
}): SlackMessage {
  const summary = toMrkdwn(options.summary);
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`*${summary}*`, MAX_SECTION) } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: truncate(
            `<@${options.userId}> ran \`${escapeSlack(options.invocation)}\` · ${progressLine(options.progress)}`,
            2000,
          ),
        },
      ],
    },
    ...actions(options.cancelButton ? [options.cancelButton] : []),
  ];
  return { text: toPlainText(options.summary, 300), blocks };
}

/** What the public status message becomes when its run ends privately (cancelled, timed out, crashed). */
export function stoppedMessage(summary: string, userId: string): SlackMessage {
  const text = `~${toMrkdwn(summary)}~\nThis run stopped before it finished; <@${userId}> got the details.`;
  return {
    text: `Stopped: ${toPlainText(summary, 280)}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, MAX_SECTION) } }],
  };
}

/** The asker's immediate ack: the parsed configuration and the queue position. */
export function echoMessage(summary: string, isPublic: boolean): SlackMessage {
  const where = isPublic ? ' Progress and the answer appear in this channel.' : '';
  const text = `Accepted: ${toMrkdwn(summary)}.${where}`;
  return {
    text: `Accepted: ${toPlainText(summary, 280)}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}
