/** One measured figure, with its target when the issue names one. */
export interface Measurement {
  name: string;
  value: number;
  unit: string;
  /** Upper bound the value should stay under, when there is one. */
  target?: number;
  note?: string;
}

/** Prints measurements as an aligned table, marking each against its target. */
export function printTable(title: string, rows: Measurement[]): void {
  console.log(`\n## ${title}`);
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const value = `${r.value < 10 ? r.value.toFixed(2) : r.value.toFixed(0)} ${r.unit}`;
    const verdict =
      r.target === undefined
        ? ''
        : r.value <= r.target
          ? `  ok (target <= ${r.target} ${r.unit})`
          : `  OVER target ${r.target} ${r.unit}`;
    console.log(`${r.name.padEnd(width)}  ${value.padStart(12)}${verdict}${r.note ? `  ${r.note}` : ''}`);
  }
}

/** Median of a few samples: the machine is shared, so a single run says little. */
export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
