import type { UserError } from './errors.js';
import type { Logger } from './logger.js';
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
export interface CommandDefinition<Services = unknown> {
  name: string;
  /** One line, at most 100 characters (Discord's limit). */
  description: string;
  options: Record<string, CommandOption>;
  /** Option a bare word fills, e.g. `/explain restarts` fills `topic`. */
  positional?: string;
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
