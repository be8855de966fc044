/*
 * Number formatting for titles, legends and alt text: short, and exact enough to tell
 * 0.693 (no learning) from 0.26.
 */

/** A loss or similar quantity: 3 significant digits, scientific notation when tiny or huge. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  // 8.0e-5 reads as 8e-5; keep one decimal only when it says something.
  if (magnitude < 1e-3 || magnitude >= 1e5) return value.toExponential(1).replace('.0e', 'e');
  return Number(value.toPrecision(3)).toString();
}

/** A fraction in [0, 1] as a whole percentage. */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** "a, b and c" */
export function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * Words packed into lines of at most `width` characters; a bracketed group such as
 * "(2 hidden + 1)" that fits on a line counts as one word (a longer one is wrapped like any
 * text, or it would run past its room), and a word longer than a line gets a line of its own.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  const pieces = text.match(/\S*\([^)]*\)\S*|\S+/g) ?? [];
  const words = pieces.flatMap((piece) => (piece.length > width ? piece.split(/\s+/) : [piece]));
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Parts of a heading packed into lines of at most `width` characters, " · " kept between parts. */
function packHeading(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const part of text.split(' · ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 3 + part.length <= width)
      lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(...wrapWords(part, width));
  }
  return lines;
}

/**
 * A chart heading in lines of at most `width` characters, broken preferably at its " · "
 * separators, then between words, with lines of even length (no single word left alone on the
 * last line): one string when it fits on a line. Chart.js draws an array of strings as lines;
 * a single line wider than the image it would squeeze, not wrap.
 */
export function wrapHeading(text: string, width: number): string | string[] {
  if (text.length <= width) return text;
  let lines = packHeading(text, width);
  // The narrowest width that needs no more lines evens them out, without breaking a " · " part
  // that fits on a line ("blue = class 1" is not cut from "orange = class 0").
  const parts = text.split(' · ');
  const whole = parts.length > 1 ? Math.max(0, ...parts.map((p) => p.length).filter((n) => n <= width)) : 1;
  for (let narrower = width - 1; narrower >= whole; narrower--) {
    const tried = packHeading(text, narrower);
    if (tried.length > lines.length) break;
    lines = tried;
  }
  return lines.length === 1 ? lines[0]! : lines;
}
