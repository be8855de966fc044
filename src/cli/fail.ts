import { fatalText } from '../logging.js';

/**
 * Ends the CLI with `code` after one line (or a few) on stderr: 2 bad input, 130 Ctrl-C, 1 anything
 * else. Every exit line goes through the logs' secret replacement: it may quote what a user typed or
 * what an upstream answered, and either can hold a token.
 */
export function fail(code: number, message: string): never {
  process.stderr.write(`${fatalText(message)}\n`);
  process.exit(code);
}
