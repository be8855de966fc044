/*
 * The light markdown replies use (bold, italics, inline code, bullet lines), parsed into plain
 * tokens. The page then builds elements from them with textContent only, so no reply text is
 * ever parsed as HTML. No DOM here: the parser is tested in Node.
 */

/** A run of text with one style. */
export interface Inline {
  style: 'text' | 'code' | 'bold' | 'italic';
  text: string;
}

/** A paragraph (its lines kept as line breaks) or a bullet list. */
export type Block = { kind: 'paragraph'; lines: Inline[][] } | { kind: 'list'; items: Inline[][] };

// `code` first, so stars and underscores inside code stay literal. A single `*` or `_` only
// counts when it hugs a word on the inside and not on the outside, so `2*3*4` and
// snake_case_names stay as they are.
const INLINE =
  /`([^`\n]+)`|\*\*([^*\n]+?)\*\*|(?<![\p{L}\p{N}*])\*([^*\s](?:[^*\n]*?[^*\s])?)\*(?![\p{L}\p{N}*])|(?<![\p{L}\p{N}_])_([^_\s](?:[^_\n]*?[^_\s])?)_(?![\p{L}\p{N}_])/gu;

/** Splits one line into styled runs. */
export function parseInline(line: string): Inline[] {
  const runs: Inline[] = [];
  let at = 0;
  for (const match of line.matchAll(INLINE)) {
    const start = match.index;
    if (start > at) runs.push({ style: 'text', text: line.slice(at, start) });
    const [, code, strong, bold, italic] = match;
    if (code !== undefined) runs.push({ style: 'code', text: code });
    else if (strong !== undefined) runs.push({ style: 'bold', text: strong });
    else if (bold !== undefined) runs.push({ style: 'bold', text: bold });
    else runs.push({ style: 'italic', text: italic ?? '' });
    at = start + match[0].length;
  }
  if (at < line.length) runs.push({ style: 'text', text: line.slice(at) });
  return runs;
}

const BULLET = /^\s*[•\-*]\s+(.*)$/;

/** Splits a text block into paragraphs and bullet lists. */
export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const line of text.split(/\r?\n/)) {
    const bullet = BULLET.exec(line);
    if (bullet) {
      if (current?.kind !== 'list') {
        current = { kind: 'list', items: [] };
        blocks.push(current);
      }
      current.items.push(parseInline(bullet[1] ?? ''));
    } else if (line.trim() === '') {
      current = undefined;
    } else {
      if (current?.kind !== 'paragraph') {
        current = { kind: 'paragraph', lines: [] };
        blocks.push(current);
      }
      current.lines.push(parseInline(line));
    }
  }
  return blocks;
}
