import type { UserError } from './errors.js';
import type { Logger } from './logger.js';
import type { OptionRules } from './options/parse-text.js';
import type { BotRequest, CommandIo, CommandOption, Reply } from './types.js';

/** A request whose options were parsed and type-checked against its command's option table. */
export interface ParsedRequest extends BotRequest {
  values: Record<string, unknown>;
}

/** Everything a command may use; built once by createBot. */
export interface CommandContext<Services = unknown> {
  services: Services;
  io: CommandIo;
  log: Logger;
}

/** A platform-neutral command: every adapter derives its registration and help from this. */
export interface CommandDefinition<Services = unknown> extends OptionRules {
  name: string;
  /** One line, at most 100 characters (Discord's limit). */
  description: string;
  options: Record<string, CommandOption>;
  /** The text option that takes the whole line as typed (`/ask why is depth hard?`). */
  rest?: string;
  /** Example invocations for help text and the playground. */
  examples: string[];
  /** Only teachers may run it. */
  teacherOnly?: boolean;
  /**
   * Who usually sees its answer; default private. A platform that must acknowledge before the
   * command has decided (Discord's 3 s) acknowledges with this.
   */
  visibility?: 'public' | 'private';
  run(request: ParsedRequest, ctx: CommandContext<Services>): Promise<Reply | UserError>;
}

/** A free-text option (a question, an id, a time zone): kept as typed, up to `maxLength` characters. */
export function textOption(description: string, maxLength: number, required = false) {
  return { kind: 'text', description, required, maxLength } as const;
}
