import type { UserError } from './errors.js';
import type { Logger } from './logger.js';
import type { OptionTable } from './options/option-types.js';
import type { OptionRules } from './options/parse-text.js';
import type { BotRequest, CommandIo, CommandOption, Reply } from './types.js';

/** A request whose options were parsed and type-checked against its command's option table. */
export interface ParsedRequest<Values = Record<string, unknown>> extends BotRequest {
  values: Values;
}

// A command's option table (option name to its kind, bounds and description) is the parser's.
export type { OptionTable } from './options/option-types.js';

/** The value one option resolves to: numbers, a choice's union, arrays for lists, text as typed. */
export type OptionValue<O extends CommandOption> = O extends { kind: 'int' | 'number' }
  ? number
  : O extends { kind: 'boolean' }
    ? boolean
    : O extends { kind: 'choice'; choices: readonly (infer C)[] }
      ? C
      : O extends { kind: 'int-list' | 'number-list' }
        ? number[]
        : O extends { kind: 'choice-list'; choices: readonly (infer C)[] }
          ? C[]
          : O extends { kind: 'text' }
            ? string
            : never;

type RequiredNames<Options extends OptionTable> = {
  [K in keyof Options]: Options[K] extends { kind: 'text'; required: true } ? K : never;
}[keyof Options];

/**
 * The values a command receives, inferred from its option table. The resolver fills no defaults,
 * so an option is present only when given; a required text option is always present.
 */
export type ValuesOf<Options extends OptionTable> = {
  [K in keyof Options as K extends RequiredNames<Options> ? K : never]: OptionValue<Options[K]>;
} & {
  [K in keyof Options as K extends RequiredNames<Options> ? never : K]?: OptionValue<Options[K]>;
};

/** Everything a command may use; built once by createBot. */
export interface CommandContext<Services = unknown> {
  services: Services;
  io: CommandIo;
  log: Logger;
}

/** What every command states besides its options and its run. */
interface CommandShape extends OptionRules {
  name: string;
  /** One line, at most 100 characters (Discord's limit). */
  description: string;
  /** The text option that takes the whole line as typed (`/ask why is depth hard?`). */
  rest?: string;
  /** Example invocations for help text and the playground. */
  examples: string[];
  /** Only teachers may run it. */
  teacherOnly?: boolean;
  /**
   * It reads or writes the classroom database (schedules, quizzes, settings, run history), so a
   * client without one (the CLI's one-shot runs) refuses it up front instead of running it.
   */
  needsClassroom?: boolean;
  /**
   * Who usually sees its answer; default private. A platform that must acknowledge before the
   * command has decided (Discord's 3 s) acknowledges with this.
   */
  visibility?: 'public' | 'private';
}

/**
 * A platform-neutral command as lists and adapters hold it, whatever its option table: every
 * adapter derives its registration and help from this. Build one with `defineCommand`.
 */
export interface CommandDefinition<Services = unknown> extends CommandShape {
  options: OptionTable;
  run(request: ParsedRequest, ctx: CommandContext<Services>): Promise<Reply | UserError>;
}

/** A command whose `run` reads values typed from its own option table. */
export interface TypedCommand<Services, Options extends OptionTable> extends CommandShape {
  options: Options;
  run(request: ParsedRequest<ValuesOf<Options>>, ctx: CommandContext<Services>): Promise<Reply | UserError>;
}

/**
 * Defines a command, inferring its values' types from its option table. The result still fits a
 * plain `CommandDefinition` list (its `run` is a method, so TypeScript accepts the narrower
 * request), and that is sound: createBot resolves each request against this same table before
 * `run`, so the values it passes have exactly these types.
 */
export function defineCommand<Services, const Options extends OptionTable>(
  definition: TypedCommand<Services, Options>,
): TypedCommand<Services, Options> {
  return definition;
}

/** A free-text option (a question, an id, a time zone): kept as typed, up to `maxLength` characters. */
export function textOption<const Required extends boolean = false>(
  description: string,
  maxLength: number,
  required: Required = false as Required,
) {
  return { kind: 'text', description, required, maxLength } as const;
}
