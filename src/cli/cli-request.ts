import { readFileSync } from 'node:fs';
import { COMMANDS } from '../bot/commands/index.js';
import { didYouMeanText } from '../bot/did-you-mean.js';
import { resolveOptions } from '../bot/options/resolve.js';
import { EXPERIMENTS, type ExperimentName, type ExperimentSpec, validateSpec } from '../engine/index.js';
import { type CliArgs, parseCliArgs } from './args.js';
import { fail } from './fail.js';

const USAGE = `usage: depth-tutor <command> [key:value ...] [--json] [--out DIR] [--version]
commands: ${COMMANDS.map((c) => c.name).join(', ')}
examples:
  depth-tutor train depth:8
  depth-tutor compare depths:1,2,4,8 seeds:3 --json
  depth-tutor hardness dims:2,4,8 --json
  depth-tutor explain vanishing-gradients
Every option of a command: depth-tutor help <command>`;

/** The package's version, read next to the built (dist/) or the source (src/) tree. */
function version(): string {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** A command line checked before anything starts: the command to run, its text, and its spec. */
export interface CliRequest {
  args: CliArgs;
  /** The bot command to run (`help` for `<command> --help`). */
  command: string;
  /** Its option text, as chat would send it. */
  text: string;
  /** The experiment the command runs, if it runs one. */
  experiment: ExperimentName | undefined;
  /** The experiment's checked spec, when the command runs one. */
  spec: ExperimentSpec | undefined;
}

/**
 * Reads the command line. Usage goes to stdout (undefined is returned: nothing to run); bad
 * options stop here with exit code 2 and the words the bot would use, before any worker starts.
 */
export function readCliRequest(argv: string[]): CliRequest | undefined {
  const parsedArgs = parseCliArgs(argv);
  if (!parsedArgs.ok) fail(2, parsedArgs.message);
  const { args } = parsedArgs;
  if (args.version) {
    process.stdout.write(`depth-tutor ${version()}\n`);
    return undefined;
  }
  if (args.command === undefined || (args.help && args.command === 'help')) {
    process.stdout.write(`${USAGE}\n`);
    return undefined;
  }
  const definition = COMMANDS.find((c) => c.name === args.command);
  const names = COMMANDS.map((c) => c.name);
  if (!definition) {
    const guess = didYouMeanText(args.command, names, (n) => `depth-tutor ${n}`);
    fail(2, `unknown command "${args.command}";${guess} Commands are ${names.join(', ')}`);
  }
  // One-shot runs have no database and no channel: say so, and fail, rather than answer with a
  // chat note and exit 0 as if it had worked.
  if (definition.needsClassroom && !args.help) {
    fail(
      2,
      `depth-tutor ${definition.name} needs the classroom database, which only the chat tutor has (npm start with TUTOR_DB set); use it in Discord, Slack or the playground`,
    );
  }
  const command = args.help ? 'help' : definition.name;
  const text = args.help ? definition.name : args.optionText;
  const experiment = EXPERIMENTS.find((e): e is ExperimentName => e === command);

  const options = resolveOptions(COMMANDS.find((c) => c.name === command)!, { kind: 'text', text });
  // `view` chooses charts (train, compare); it is the bot's option, not the engine's.
  const engineValues = options.ok
    ? Object.fromEntries(Object.entries(options.values).filter(([k]) => k !== 'view'))
    : {};
  const checked = options.ok && experiment ? validateSpec({ experiment, ...engineValues }) : options;
  if (!checked.ok) fail(2, checked.errors.map((e) => e.message).join('\n'));
  if (args.json && !experiment) fail(2, `--json works with the experiments: ${EXPERIMENTS.join(', ')}`);
  return { args, command, text, experiment, spec: 'spec' in checked ? checked.spec : undefined };
}
