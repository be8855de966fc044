import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { CLI, cliEnv, root } from './cli-harness.js';

const TRAIN_JSON = ['train', 'depth:2', 'width:8', 'steps:40', 'points:64', 'seeds:1', '--json'];

/** Runs `depth-tutor <args> | <reader>` in bash with pipefail, so the status is the CLI's unless the reader fails. */
function cliInto(reader: string, args: string[]) {
  return spawnSync('bash', ['-o', 'pipefail', '-c', `"$@" | ${reader}`, 'cli', ...CLI, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: cliEnv({ TUTOR_WORKERS: '1' }),
    timeout: 60_000,
  });
}

/*
 * The CLI leaves with process.exit once its answer is out. A --json result (about 180 KB) is more
 * than a pipe holds (64 KB), so a reader that waits a moment before reading, as `| less` or a busy
 * test runner does, used to get a line cut off at the pipe's size.
 */
it('prints the whole --json result to a reader that starts reading late, before it exits', {
  timeout: 60_000,
}, () => {
  // The reader takes the first byte, then sleeps 2 s: longer than the CLI takes to leave once its
  // result is written, if it does not wait for the result to be taken.
  const run = cliInto('{ dd bs=1 count=1 status=none; sleep 2; cat; }', TRAIN_JSON);
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout.length).toBeGreaterThan(100_000);
  expect(JSON.parse(run.stdout)).toMatchObject({ experiment: 'train', spec: { depth: 2 } });
});

it('leaves quietly with 0 when the reader stops early, as `| head` does', { timeout: 60_000 }, () => {
  const run = cliInto('head -c 20', TRAIN_JSON);
  expect(run.stdout).toBe('{"experiment":"train');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});
