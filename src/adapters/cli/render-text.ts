import { COMMANDS } from '../../bot/commands/index.js';
import type { Reply } from '../../bot/types.js';

/*
 * A reply as a terminal shows it. The bot writes for chat: `/train depth:8` in backticks, bold and
 * italics in asterisks. On a shell the same command is `depth-tutor train depth:8`, typed without
 * backticks, so the text is rewritten into what the reader can paste.
 */

const NAMES = COMMANDS.map((c) => c.name).sort((a, b) => b.length - a.length);
/** A slash command at the start of a word: "/train depth:8", "(/help train)". */
const SLASH_COMMAND = new RegExp(`(^|[\\s(\`'"])\\/(${NAMES.join('|')})(?![\\w-])`, 'g');

/** Chat markdown as plain terminal text: emphasis marks and code backticks dropped, commands as shell commands. */
export function plainText(text: string): string {
  return text
    .replace(SLASH_COMMAND, '$1depth-tutor $2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|\s)[*_](\S.*?\S|\S)[*_](?=\s|[.,;:!?)]|$)/g, '$1$2');
}

/** A reply as plain text for a terminal, with the chart files it was saved to. */
export function renderReplyText(reply: Reply, savedImages: string[] = []): string {
  const lines = [plainText(reply.headline), ''];
  for (const block of reply.blocks) lines.push(plainText(block), '');
  for (const field of reply.fields) lines.push(`${field.label}: ${plainText(field.value)}`);
  if (savedImages.length > 0) lines.push('', 'Charts:', ...savedImages.map((file) => `  ${file}`));
  else if (reply.images.length > 0)
    lines.push('', `${reply.images.length} chart(s); add --out DIR to save them as PNG files.`);
  const next = reply.buttons.filter((b) => !b.id.startsWith('dt1:cancel'));
  if (next.length > 0)
    lines.push('', 'Try next:', ...next.map((b) => `  ${plainText(b.label)}: depth-tutor ${b.id.slice(4)}`));
  return `${lines.join('\n').trimEnd()}\n`;
}
