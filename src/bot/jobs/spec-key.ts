import { createHash } from 'node:crypto';
import type { ExperimentSpec } from '../../engine/spec.js';

/**
 * JSON with object keys sorted at every level, so that two specs with equal fields give equal text
 * whatever order their options were typed in. Arrays keep their order: `depths: [1, 8]` and
 * `[8, 1]` produce results in different orders.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // undefined inside arrays becomes null, as JSON.stringify does.
  return JSON.stringify(value) ?? 'null';
}

/**
 * The cache key of an experiment: the full validated spec (every default filled in) plus the
 * backend, because wasm and cpu round differently and a result records which one ran it. A spec
 * that carries a table (up to 2,000 rows) keys on its content through a SHA-256 of the table's
 * canonical JSON: two uploads of the same numbers share a result, and a changed value does not.
 */
export function specKey(spec: ExperimentSpec, backend: string): string {
  if (!('table' in spec) || !spec.table) return `${backend}|${canonicalJson(spec)}`;
  const table = createHash('sha256').update(canonicalJson(spec.table)).digest('hex');
  return `${backend}|${canonicalJson({ ...spec, table: { sha256: table } })}`;
}
