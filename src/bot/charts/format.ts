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
