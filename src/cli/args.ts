import { parseArgs } from 'node:util';

/** What the command line asked for. */
export interface CliArgs {
  command: string | undefined;
  /** The key:value tokens, joined with spaces, as chat would send them. */
  optionText: string;
  json: boolean;
  outDir: string | undefined;
  help: boolean;
  version: boolean;
}

const FLAGS = 'flags are --json, --out DIR, --help, --version';

/**
 * Separates flags from key:value options with node's own parser. Unknown flags are an error, never
 * ignored; a key:value token that starts with "-" (`lr:-1` cannot, but a bare `-3` can) is an
 * option only after `--`.
 */
export function parseCliArgs(argv: string[]): { ok: true; args: CliArgs } | { ok: false; message: string } {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'bad flag';
    return { ok: false, message: `${message.replace(/\. To specify.*$/, '')}; ${FLAGS}` };
  }
  const { values, positionals } = parsed;
  if (values.out === '') return { ok: false, message: '--out needs a directory, e.g. --out charts' };
  const [command, ...options] = positionals;
  return {
    ok: true,
    args: {
      command: command?.replace(/^\//, ''),
      optionText: options.join(' '),
      json: values.json ?? false,
      outDir: values.out,
      help: values.help ?? false,
      version: values.version ?? false,
    },
  };
}

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    allowPositionals: true,
    strict: true,
  });
}
