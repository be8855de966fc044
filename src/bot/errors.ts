/**
 * A mistake or a refusal the user can act on: shown privately, naming the field or the limit.
 * Returned as a value, never thrown; anything thrown is a bug and gets a short apology instead.
 */
export interface UserError {
  kind: 'user-error';
  /** Stable machine-readable reason, e.g. 'invalid-option', 'queue-full', 'rate-limited'. */
  code: string;
  message: string;
  /** The option at fault, when there is one. */
  field?: string;
}

/** Builds a UserError. */
export function userError(code: string, message: string, field?: string): UserError {
  return field === undefined
    ? { kind: 'user-error', code, message }
    : { kind: 'user-error', code, message, field };
}

/** True for a UserError value. */
export function isUserError(value: unknown): value is UserError {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'user-error';
}
