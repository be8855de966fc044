import { optionSpelling } from '../../engine/fields.js';
import type { CommandDefinition } from '../command.js';
import type { CommandOption, RequestOptions } from '../types.js';
import { type ParsedOptions, parseOptionText, parseOptionValues } from './parse-text.js';

type TextOption = Extract<CommandOption, { kind: 'text' }>;

function resolveRest(name: string, option: TextOption, raw: unknown): ParsedOptions {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '' && option.required) {
    return {
      ok: false,
      errors: [{ field: name, message: `${optionSpelling(name)} is needed: ${option.description}` }],
    };
  }
  if (text.length > option.maxLength) {
    const message = `${optionSpelling(name)} must be at most ${option.maxLength} characters (got ${text.length})`;
    return { ok: false, errors: [{ field: name, message }] };
  }
  return { ok: true, values: text === '' ? {} : { [name]: text } };
}

/** A required text option left out is an error, so a command may read it as always present. */
function requireTexts(table: CommandDefinition['options'], values: Record<string, unknown>): ParsedOptions {
  const errors = Object.entries(table).flatMap(([name, option]) =>
    option.kind === 'text' && option.required && values[name] === undefined
      ? [{ field: name, message: `${optionSpelling(name)} is needed: ${option.description}` }]
      : [],
  );
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

/**
 * Turns a request's options into checked values for its command, once, before the command runs:
 * the command's `rest` option takes the whole text; otherwise the option reader applies the
 * command's table, positionals and aliases.
 */
export function resolveOptions(definition: CommandDefinition<never>, options: RequestOptions): ParsedOptions {
  const rest = definition.rest === undefined ? undefined : definition.options[definition.rest];
  if (definition.rest !== undefined && rest?.kind === 'text') {
    const raw = options.kind === 'text' ? options.text : options.values[definition.rest];
    return resolveRest(definition.rest, rest, raw);
  }
  const parsed =
    options.kind === 'text'
      ? parseOptionText(options.text, definition.options, definition)
      : parseOptionValues(options.values, definition.options, definition);
  return parsed.ok ? requireTexts(definition.options, parsed.values) : parsed;
}
