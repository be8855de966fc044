import { TABLE_LIMITS, type Table } from './table.js';

/*
 * What validateSpec checks of a table it is handed. The CSV reader refuses bad files with the line
 * and column; this is the engine's own guard for a table from anywhere (a stored dataset, a queue
 * job, a caller of the library), so a run never starts on data it cannot train on.
 */

const { features: F, classes: C, rows: R } = TABLE_LIMITS;

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Why `value` is not a usable Table, in words; undefined when it is one. */
export function tableProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return 'must be a table of name, features, classes, rows and labels';
  const t = value as Partial<Record<keyof Table, unknown>>;
  if (typeof t.name !== 'string' || t.name.trim() === '') return 'needs a name';
  if (!isStringList(t.features) || t.features.length < F.min || t.features.length > F.max)
    return `must have ${F.min} to ${F.max} feature columns`;
  if (!isStringList(t.classes) || t.classes.length < C.min || t.classes.length > C.max)
    return `must have ${C.min} to ${C.max} classes`;
  if (new Set(t.classes).size !== t.classes.length) return 'names a class twice';
  const { rows, labels } = t;
  if (!Array.isArray(rows) || !Array.isArray(labels) || rows.length !== labels.length)
    return 'needs one label per row';
  if (rows.length < R.min || rows.length > R.max) return `must have ${R.min} to ${R.max} rows`;
  const width = t.features.length;
  const classCount = t.classes.length;
  const seen = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row) || row.length !== width) return `row ${i + 1} does not have ${width} values`;
    if (!row.every((v) => typeof v === 'number' && Number.isFinite(v)))
      return `row ${i + 1} holds a value that is not a finite number`;
    const label: unknown = labels[i];
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label >= classCount)
      return `row ${i + 1} has no class of the table's ${classCount}`;
    seen.add(label);
  }
  if (seen.size < classCount) return 'has a class with no rows';
  return undefined;
}
