/** Ends the CLI with `code` after one line (or a few) on stderr: 2 bad input, 130 Ctrl-C, 1 anything else. */
export function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
