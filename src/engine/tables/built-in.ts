import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuiltInTable } from '../limits.js';
import type { Table } from './table.js';

/*
 * Real tables built into the tutor, chosen by name in the `dataset` option. Each is a CSV in
 * assets/tables (features first, the class label last, a header row), written for this project;
 * docs/tables.md gives each one's source and licence. They are read once per process and shared:
 * nothing in the engine changes a table.
 */

/** What students call each built-in table, and the file that holds it. */
const FILES: Record<BuiltInTable, string> = {
  iris: 'iris.csv',
};

/** The assets/tables folder, found by walking up from this module (works from src/ and dist/). */
function tableDirectory(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'assets', 'tables');
    if (existsSync(join(candidate, FILES.iris))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`assets/tables/${FILES.iris} not found above ${start}`);
    dir = parent;
  }
}

/**
 * Reads one of our own table files. Strict on purpose: these files ship with the code, so a
 * malformed one is a bug to fail on loudly, not a student's upload to explain (that is readCsv's job).
 */
export function parseBuiltInCsv(name: string, text: string): Table {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = header!.split(',');
  const features = columns.slice(0, -1);
  const classes: string[] = [];
  const rows: number[][] = [];
  const labels: number[] = [];
  lines.forEach((line, i) => {
    const cells = line.split(',');
    const values = cells.slice(0, -1).map(Number);
    if (cells.length !== columns.length || values.some((v) => !Number.isFinite(v)))
      throw new Error(`built-in table ${name}: line ${i + 2} is not ${features.length} numbers and a class`);
    const label = cells[cells.length - 1]!;
    if (!classes.includes(label)) classes.push(label);
    rows.push(values);
    labels.push(classes.indexOf(label));
  });
  return { name, features, classes, rows, labels };
}

const loaded = new Map<BuiltInTable, Table>();

/** The built-in table of that name. */
export function builtInTable(name: BuiltInTable): Table {
  let table = loaded.get(name);
  if (!table) {
    table = parseBuiltInCsv(name, readFileSync(join(tableDirectory(), FILES[name]), 'utf8'));
    loaded.set(name, table);
  }
  return table;
}
