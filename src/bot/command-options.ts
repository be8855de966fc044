import { describeAllowed } from '../engine/fields.js';
import type { CommandOption } from './types.js';

/**
 * The values an option takes, in words (`a whole number from 1 to 32`), for help texts and for
 * adapters that show options (the playground's completion) without reaching into the engine.
 */
export function allowedValues(option: CommandOption): string {
  return option.kind === 'text' ? `text of at most ${option.maxLength} characters` : describeAllowed(option);
}
