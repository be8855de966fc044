/*
 * Tables: data a class brings (an uploaded CSV, a dataset a teacher saved) or a real table built
 * into the tutor, as opposed to the generated 2-D shapes of datasets.ts. A validated spec carries
 * its table whole (`spec.table`), so a run is reproducible from its spec alone, whichever worker
 * or replica runs it.
 */

/** A table of numeric features with one class label per row. */
export interface Table {
  /** What students call it: a saved dataset's name, a built-in table's name, or the file's name. */
  name: string;
  /** Feature column names, in file order. */
  features: string[];
  /** Class names in order of first appearance; labels index into this list. */
  classes: string[];
  /** Feature values, one array of features.length numbers per row. */
  rows: number[][];
  /** The class of each row, an index into classes. */
  labels: number[];
}

/** What a table may hold; the CSV reader refuses anything outside these bounds. */
export const TABLE_LIMITS = {
  features: { min: 1, max: 16 },
  classes: { min: 2, max: 8 },
  rows: { min: 8, max: 2000 },
  /** File size cap, in bytes, for uploads and for fetching them from a chat platform's file host. */
  bytes: 1_000_000,
} as const;

/** The number of classes a spec's data has: a table's own count, or 2 for the generated shapes. */
export function classCountOf(spec: { table?: Table }): number {
  return spec.table?.classes.length ?? 2;
}
