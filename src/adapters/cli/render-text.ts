import { decodeButton } from '../../bot/buttons.js';
import { COMMANDS } from '../../bot/commands/index.js';
import { optionText } from '../../bot/options/option-text.js';
import { parseOptionText } from '../../bot/options/parse-text.js';
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

/**
 * The command a button runs, as the reader types it. Button ids use short keys (`lr:0.01`) to fit
 * Discord's 100 characters; a terminal has room for the names the docs and the "Repeat it" line
 * use (`learning_rate:0.01`). Commands with free-text options (a quiz vote) stay as they are.
 */
function buttonCommand(id: string): string {
  const decoded = decodeButton(id);
  const definition = COMMANDS.find((c) => c.name === decoded?.command);
  if (!decoded || !definition) return id.slice(4);
  const asIs = `${decoded.command} ${decoded.text}`.trim();
  const options = Object.entries(definition.options);
  const fields = options.flatMap(([name, o]) => (o.kind === 'text' ? [] : [[name, o] as const]));
  if (fields.length < options.length) return asIs;
  const parsed = parseOptionText(decoded.text, definition.options, definition);
  if (!parsed.ok) return asIs;
  return `${decoded.command} ${optionText(parsed.values, Object.fromEntries(fields))}`.trim();
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
    lines.push(
      '',
      'Try next:',
      ...next.map((b) => `  ${plainText(b.label)}: depth-tutor ${buttonCommand(b.id)}`),
    );
  return `${lines.join('\n').trimEnd()}\n`;
}
