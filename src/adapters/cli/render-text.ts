import type { Reply } from '../../bot/types.js';

/** Light markdown as a terminal shows it: emphasis marks dropped, code kept in backticks. */
function plain(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|\s)[*_](\S.*?\S|\S)[*_](?=\s|[.,;:!?)]|$)/g, '$1$2');
}

/** A reply as plain text for a terminal, with the chart files it was saved to. */
export function renderReplyText(reply: Reply, savedImages: string[] = []): string {
  const lines = [plain(reply.headline), ''];
  for (const block of reply.blocks) lines.push(plain(block), '');
  for (const field of reply.fields) lines.push(`${field.label}: ${plain(field.value)}`);
  if (savedImages.length > 0) lines.push('', 'Charts:', ...savedImages.map((file) => `  ${file}`));
  else if (reply.images.length > 0)
    lines.push('', `${reply.images.length} chart(s); add --out DIR to save them as PNG files.`);
  const next = reply.buttons.filter((b) => !b.id.startsWith('dt1:cancel'));
  if (next.length > 0)
    lines.push('', 'Try next:', ...next.map((b) => `  ${b.label}: depth-tutor ${b.id.slice(4)}`));
  return `${lines.join('\n').trimEnd()}\n`;
}
