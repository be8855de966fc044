/** What the command line asked for. */
export interface CliArgs {
  command: string | undefined;
  /** The key:value tokens, joined with spaces, as chat would send them. */
  optionText: string;
  json: boolean;
  outDir: string | undefined;
  help: boolean;
}

/** Separates flags from key:value options. Unknown flags are an error, never ignored. */
export function parseCliArgs(argv: string[]): { ok: true; args: CliArgs } | { ok: false; message: string } {
  const args: CliArgs = { command: undefined, optionText: '', json: false, outDir: undefined, help: false };
  const options: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') args.json = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--out' || arg.startsWith('--out=')) {
      const value = arg === '--out' ? argv[++i] : arg.slice('--out='.length);
      if (!value) return { ok: false, message: '--out needs a directory, e.g. --out charts' };
      args.outDir = value;
    } else if (arg.startsWith('-')) {
      return { ok: false, message: `unknown flag ${arg}; flags are --json, --out DIR, --help` };
    } else if (args.command === undefined) args.command = arg.replace(/^\//, '');
    else options.push(arg);
  }
  args.optionText = options.join(' ');
  return { ok: true, args };
}
