import type { Field } from '../../engine/fields.js';
import type { CommandDefinition } from '../command.js';
import type { CommandOption, RequestOptions } from '../types.js';
import { type ParsedOptions, parseOptionText, parseOptionValues } from './parse-text.js';

type TextOption = Extract<CommandOption, { kind: 'text' }>;

function resolveText(name: string, option: TextOption, raw: unknown): ParsedOptions {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '' && option.required) {
    return { ok: false, errors: [{ field: name, message: `${name} is needed: ${option.description}` }] };
  }
  if (text.length > option.maxLength) {
    return {
      ok: false,
      errors: [
        {
          field: name,
          message: `${name} must be at most ${option.maxLength} characters (got ${text.length})`,
        },
      ],
    };
  }
  return { ok: true, values: text === '' ? {} : { [name]: text } };
}

/**
 * Turns a request's options into typed values for its command. A command with a free-text
 * option (`/ask why is depth hard?`) takes the whole text as that option's value.
 */
export function resolveOptions(definition: CommandDefinition<never>, options: RequestOptions): ParsedOptions {
  const entries = Object.entries(definition.options);
  const textEntry = entries.find((entry): entry is [string, TextOption] => entry[1].kind === 'text');
  if (textEntry) {
    const [name, option] = textEntry;
    return resolveText(name, option, options.kind === 'text' ? options.text : options.values[name]);
  }
  const fields = Object.fromEntries(entries) as Record<string, Field>;
  return options.kind === 'text'
    ? parseOptionText(options.text, fields, definition.positional)
    : parseOptionValues(options.values, fields);
}
