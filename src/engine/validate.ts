import { z } from 'zod';
import { hardnessSpecError } from './experiments/hardness.js';
import { describeAllowed, type Field, fieldSchema, optionSpelling } from './fields.js';
import { MAX_WORK } from './limits.js';
import { checkMapValues } from './map-axis.js';
import { EXPERIMENTS, type ExperimentSpec, SPEC_FIELDS } from './spec.js';
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

/**
 * Checks options for one experiment and fills in defaults. Never throws: every problem becomes a
 * FieldError naming the option and what it accepts, one per option.
 */
export function validateSpec(input: { experiment: string } & Record<string, unknown>): Validation {
  const { experiment, ...options } = input;
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
  const spec = { experiment, ...(parsed.data as object) } as ExperimentSpec;
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
        : ['steps', 'steps, seeds, points, depth or width'];
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
