import path from 'node:path';

/* How the tests run the CLI: from source, as `npx depth-tutor ...` runs the built one. */

export const root = path.resolve(import.meta.dirname, '..');

/** The command line before the CLI's own arguments. */
export const CLI = [process.execPath, '--import', 'tsx', 'src/cli.ts'];

/**
 * The CLI's environment: this process's, with a small wasm engine, quiet logs and no queue, so a
 * REDIS_URL in the developer's shell does not send the run elsewhere; `overrides` win.
 */
export function cliEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TUTOR_WORKERS: '2',
    TUTOR_BACKEND: 'wasm',
    LOG_LEVEL: '',
    REDIS_URL: '',
    ...overrides,
  };
}
