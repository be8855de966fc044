import { z } from 'zod';
import { hardnessSpecError } from './experiments/hardness.js';
import { describeAllowed, type Field, fieldSchema, optionSpelling } from './fields.js';
import { BUILT_IN_TABLES, type BuiltInTable, MAX_WORK } from './limits.js';
import { checkMapValues } from './map-axis.js';
import { EXPERIMENTS, type ExperimentSpec, SPEC_FIELDS } from './spec.js';
import { builtInTable } from './tables/built-in.js';
import { tableProblem } from './tables/check.js';
import { classCountOf, type Table } from './tables/table.js';
import { estimateWork } from './work.js';

/** One problem with one option, in words a student can act on. */
export interface FieldError {
  /** The option's name, or `experiment` for an unknown experiment. */
  field: string;
  message: string;
}

/** The outcome of validating untrusted options. */
export type Validation = { ok: true; spec: ExperimentSpec } | { ok: false; errors: FieldError[] };

const schemas = Object.fromEntries(
  EXPERIMENTS.map((name) => [
    name,
    z.strictObject(
      Object.fromEntries(Object.entries(SPEC_FIELDS[name]).map(([key, f]) => [key, fieldSchema(f as Field)])),
    ),
  ]),
) as Record<string, z.ZodType>;

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Two tables with the same content (built-in tables are compared with a spec that carries one). */
function sameTable(a: Table, b: Table): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isBuiltInTable(name: string): name is BuiltInTable {
  return (BUILT_IN_TABLES as readonly string[]).includes(name);
}

/**
 * The table a validated spec trains on, resolved from a built-in table's name in `dataset` or
 * taken as given; or the problem, named by the field the student used.
 */
function resolveTable(
  experiment: string,
  dataset: unknown,
  given: unknown,
): { table?: Table; error?: FieldError } {
  const named = typeof dataset === 'string' && isBuiltInTable(dataset) ? dataset : undefined;
  if (given === undefined) return named ? { table: builtInTable(named) } : {};
  if (experiment === 'hardness') {
    return {
      error: {
        field: 'table',
        message: 'hardness makes its own points and labels; a table does not apply (use train or compare)',
      },
    };
  }
  const problem = tableProblem(given);
  if (problem) return { error: { field: 'table', message: `the table ${problem}` } };
  const table = given as Table;
  // A spec that carries a built-in table by name is checked again when a queue worker takes it.
  if (named && !sameTable(table, builtInTable(named))) {
    return {
      error: {
        field: 'dataset',
        message: `dataset ${named} is a built-in table; give either it or your own table, not both`,
      },
    };
  }
  return { table };
}

/** Cross-checks of a table against the experiment and its other options. */
function tableConflict(spec: ExperimentSpec, table: Table, byName: boolean): FieldError | undefined {
  const classes = classCountOf({ table });
  const what = `${byName ? `dataset ${table.name}` : `the table ${table.name}`} has ${classes} classes`;
  if (spec.experiment === 'lp' && classes > 2) {
    return {
      field: byName ? 'dataset' : 'table',
      message: `lp separates two classes by one line, and ${what}; use a table of 2 classes, or train/compare`,
    };
  }
  if ('loss' in spec && spec.loss === 'mse' && classes > 2) {
    return {
      field: 'loss',
      message: `loss must be cross-entropy for more than 2 classes (${what}); mse applies to 2 classes only`,
    };
  }
  return undefined;
}

/**
 * Checks options for one experiment and fills in defaults. Never throws: every problem becomes a
 * FieldError naming the option and what it accepts, one per option.
 */
export function validateSpec(input: { experiment: string } & Record<string, unknown>): Validation {
  const { experiment, table: givenTable, ...options } = input;
  const schema = schemas[experiment];
  if (!schema || !Object.hasOwn(SPEC_FIELDS, experiment)) {
    return {
      ok: false,
      errors: [
        {
          field: 'experiment',
          message: `unknown experiment ${show(experiment)}; choose one of ${EXPERIMENTS.join(', ')}`,
        },
      ],
    };
  }
  const fields = SPEC_FIELDS[experiment as keyof typeof SPEC_FIELDS] as Record<string, Field>;
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const errors = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          errors.set(
            key,
            `unknown option "${key}" for ${experiment}; its options are ${Object.keys(fields).map(optionSpelling).join(', ')}`,
          );
        }
        continue;
      }
      const key = String(issue.path[0]);
      const f = fields[key];
      if (f && !errors.has(key)) {
        errors.set(key, `${optionSpelling(key)} must be ${describeAllowed(f)} (got ${show(options[key])})`);
      }
    }
    return { ok: false, errors: [...errors].map(([field, message]) => ({ field, message })) };
  }
  const resolved = resolveTable(experiment, options.dataset, givenTable);
  if (resolved.error) return { ok: false, errors: [resolved.error] };
  const spec = {
    experiment,
    ...(parsed.data as object),
    ...(resolved.table ? { table: resolved.table } : {}),
  } as ExperimentSpec;
  const tableError = resolved.table
    ? tableConflict(spec, resolved.table, givenTable === undefined || isBuiltInTable(String(options.dataset)))
    : undefined;
  if (tableError) return { ok: false, errors: [tableError] };
  const conflict = spec.experiment === 'hardness' ? hardnessSpecError(spec) : undefined;
  if (conflict) return { ok: false, errors: [conflict] };
  const crossCheck = spec.experiment === 'map' ? checkMapValues(spec) : undefined;
  if (crossCheck) return { ok: false, errors: [crossCheck] };
  const work = estimateWork(spec);
  if (work > MAX_WORK) {
    // "1.0x larger" for a request 3 % over the cap reads as a contradiction: say how much over instead.
    const ratio = work / MAX_WORK;
    const size =
      ratio < 1.1
        ? `a little more work (${Math.ceil((ratio - 1) * 100)} % more) than one request may take`
        : `about ${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio)} times the work one request may take`;
    const [field, levers] =
      spec.experiment === 'hardness'
        ? ['timeLimit', 'time_limit, sizes, dims, labels, restarts or steps']
        : [
            'steps',
            'table' in spec && spec.table
              ? 'steps, seeds, depth or width'
              : 'steps, seeds, points, depth or width',
          ];
    return {
      ok: false,
      errors: [
        {
          field,
          message: `this ${experiment} is ${size}; lower ${levers}`,
        },
      ],
    };
  }
  return { ok: true, spec };
}
