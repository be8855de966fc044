import { describeAllowed, optionSpelling, shownValue } from '../engine/fields.js';
import type { CommandOption } from './types.js';

/**
 * How the tutor writes an option name, or a choice that names an option, to a person:
 * `learning_rate`, `time_limit` (snake_case, which Discord requires). Adapters show names through
 * this, never the code's own `learningRate`; both are accepted as input.
 */
export { optionSpelling, shownValue };

/**
 * The values an option takes, in words (`a whole number from 1 to 32`), for help texts and for
 * adapters that show options (the playground's completion) without reaching into the engine.
 */
export function allowedValues(option: CommandOption): string {
  return option.kind === 'text' ? `text of at most ${option.maxLength} characters` : describeAllowed(option);
}
