import { withSlackCommandNames } from './command-names.js';

/*
 * The bot writes light markdown (`*bold*` or `**bold**`, `_italics_`, `code`, bullet lines).
 * Slack's mrkdwn is close but not equal: bold is a single star, `&`, `<` and `>` must be escaped
 * or Slack reads them as mentions and links, and there are no list items, only text bullets.
 */

/** Escapes the three characters Slack's message formatting treats as control characters. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Light markdown from the bot as Slack mrkdwn, with Slack's names for renamed commands. */
export function toMrkdwn(text: string): string {
  return withSlackCommandNames(escapeSlack(text))
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/^(\s*)[-*] (?=\S)/gm, '$1• ');
}

/** Plain text (header blocks, button labels, notification fallbacks): markup stripped, cut to `max`. */
export function toPlainText(text: string, max: number): string {
  const plain = withSlackCommandNames(text)
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|\s)[*_](\S(?:.*?\S)?)[*_](?=\s|[.,;:!?)]|$)/g, '$1$2');
  return truncate(plain, max);
}

/** Cuts text to at most `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Splits long mrkdwn into pieces of at most `max` characters, at paragraph or line breaks where possible. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    const at = cut > max / 2 ? cut : max;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}
