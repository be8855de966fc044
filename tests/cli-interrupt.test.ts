import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

/*
 * Ctrl-C during a run through the bot (no --json) ends the CLI at once with status 130, instead of
 * waiting for the run: the shell gets its prompt back.
 */

const root = path.resolve(import.meta.dirname, '..');

it('stops a long run on SIGINT with exit status 130, saying it was cancelled', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'train', 'depth:4', 'width:32', 'steps:3000', 'points:256', 'seeds:2'],
    { cwd: root, env: { ...process.env, TUTOR_WORKERS: '1', TUTOR_BACKEND: 'wasm', LOG_LEVEL: '' } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // The acceptance line comes once the run is on its way.
  await expect.poll(() => stderr, { timeout: 30_000 }).toContain('(starting)');
  const signalled = Date.now();
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(Date.now() - signalled).toBeLessThan(5000);
  expect(stderr).toContain('cancelled');
});
