import type { CommandOption } from '../types.js';

/** One problem with one option. */
export interface OptionError {
  field: string;
  message: string;
}

/** Parsed option values, or the problems found (at most a few, then how many more). */
export type ParsedOptions =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; errors: OptionError[] };

/** How a command's options are read besides its table. */
export interface OptionRules {
  /** Options that bare words fill, in order (e.g. action, then id). */
  positionals?: readonly string[];
  /** Other names people may type for an option, e.g. tz → timezone. */
  aliases?: Readonly<Record<string, string>>;
  /** Added to the message about an unknown option (e.g. "put a command in quotes"). */
  unknownHint?: string;
}

/** A command's option table, by option name. */
export type OptionTable = Readonly<Record<string, CommandOption>>;
