import type { WorkingState } from '../../bot/lifecycle/request-port.js';
import { progressSentence, progressWords } from '../../bot/progress-words.js';
import type { ProgressUpdate, Reply } from '../../bot/types.js';
import { clip } from './embed-limits.js';
import { buttonRows, type DiscordMessage, toDiscordMarkdown } from './message-payload.js';

/*
 * The deferred message while a run works: its summary, then a line that moves (queue position,
 * or a bar with the percentage and the current loss), and the requester's Cancel button.
 */

/** Discord's cap on a message's plain text. */
const MAX_CONTENT = 2000;
const BAR_CELLS = 10;

/**
 * `▰▰▰▰▱▱▱▱▱▱ 45% · running · seed 2 of 3, step 180 of 300, loss 0.520`, `⏳ queued #3` or
 * `✅ done`: the bot core's words (progressSentence), behind a bar while the run runs.
 */
export function progressLine(update: ProgressUpdate): string {
  const { status, percent } = progressWords(update);
  if (percent === undefined) return `${status === 'done' ? '✅' : '⏳'} ${progressSentence(update)}`;
  const filled = Math.round((percent / 100) * BAR_CELLS);
  return `${'▰'.repeat(filled)}${'▱'.repeat(BAR_CELLS - filled)} ${percent}% · ${progressSentence(update)}`;
}

/** The in-flight message body; `note` is added when the result will come as a channel message. */
export function workingMessage(state: Omit<WorkingState, 'visibility'> & { note?: string }): DiscordMessage {
  const lines = [toDiscordMarkdown(state.summary)];
  if (state.progress) lines.push(progressLine(state.progress));
  if (state.note) lines.push(`_${state.note}_`);
  return {
    content: clip(lines.join('\n'), MAX_CONTENT),
    embeds: [],
    components: state.cancelButton ? buttonRows([state.cancelButton]) : [],
    files: [],
  };
}

/** The summary (when there is one) above a closing line. */
const withSummary = (summary: string, line: string) =>
  summary ? `${toDiscordMarkdown(summary)}\n${line}` : line;

/** What a public message says when its run ends with a private answer (cancelled, failed, timed out). */
export function stoppedMessage(summary: string, reply: Reply): DiscordMessage {
  return {
    content: clip(withSummary(summary, `⏹ ${toDiscordMarkdown(reply.headline)}`), MAX_CONTENT),
    embeds: [],
    components: [],
    files: [],
  };
}

/** What a private message says when the result went to the channel publicly. */
export function postedBelowMessage(summary: string): DiscordMessage {
  return {
    content: clip(withSummary(summary, '✅ Done: the result is posted in the channel.'), MAX_CONTENT),
    embeds: [],
    components: [],
    files: [],
  };
}
