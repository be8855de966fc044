import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { CLI, cliEnv, root } from './cli-harness.js';

/*
 * Ctrl-C during a run through the bot (no --json) ends the CLI at once with status 130, instead of
 * waiting for the run: the shell gets its prompt back. The run takes seconds (about two per seed
 * on an idle machine); the CLI leaves within a tenth of a second of the signal.
 */

it('stops a long run on SIGINT with exit status 130, saying it was cancelled', async () => {
  const [node, ...head] = CLI;
  const child = spawn(
    node!,
    [...head, 'train', 'depth:4', 'width:32', 'steps:3000', 'points:256', 'seeds:2'],
    {
      cwd: root,
      env: cliEnv({ TUTOR_WORKERS: '1' }),
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // The acceptance line comes once the run is on its way.
  await expect.poll(() => stderr, { timeout: 30_000 }).toContain('(running)');
  const signalled = Date.now();
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(Date.now() - signalled).toBeLessThan(2000);
  expect(stderr).toContain('cancelled');
});
