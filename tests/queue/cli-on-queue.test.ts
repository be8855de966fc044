import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI, root } from '../cli-harness.js';
import { freePort, type RedisServer, startRedisServer } from './redis-server.js';
import { spawnWorker, type WorkerProcess, waitForLog } from './worker-fleet.js';

const TRAIN = ['train', 'depth:2', 'width:8', 'steps:40', 'points:64', 'seeds:1'];

let redis: RedisServer;
let worker: WorkerProcess;
beforeAll(async () => {
  redis = await startRedisServer();
  worker = spawnWorker({ REDIS_URL: redis.url }, ['--ops-port', '0']);
  await waitForLog(worker, (line) => /ready/i.test(String(line.msg)));
});
afterAll(async () => {
  worker?.child.kill('SIGTERM');
  await worker?.exited;
  await redis?.stop();
});

/**
 * Runs the CLI as its own process, noting when its answer was complete and when it exited;
 * `onSpawn` gets the process (to signal it).
 */
function timedCli(args: string[], env: Record<string, string>, onSpawn?: (child: ChildProcess) => void) {
  const started = Date.now();
  const [node, ...head] = CLI;
  const child = spawn(node!, [...head, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  let answeredAt: number | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    // --json prints one line; the answer is complete at its newline.
    if (answeredAt === undefined && stdout.endsWith('\n')) answeredAt = Date.now();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise<{
    code: number | null;
    stdout: string;
    stderr: string;
    answeredAt?: number;
    exitedAt: number;
    started: number;
  }>((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(killer);
      const exitedAt = Date.now();
      resolve({ code, stdout, stderr, exitedAt, started, ...(answeredAt !== undefined && { answeredAt }) });
    });
  });
}

it('with REDIS_URL, the CLI submits to the queue, a worker process runs it, and the CLI prints the result', {
  timeout: 90_000,
}, async () => {
  const [node, ...head] = CLI;
  const run = spawnSync(node!, [...head, ...TRAIN, 'seed:77', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', REDIS_URL: redis.url },
  });
  expect(run.status, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout);
  expect(result).toMatchObject({ experiment: 'train', backend: 'wasm', spec: { depth: 2, seed: 77 } });
  expect(result.runs).toHaveLength(1);
  // The worker process, not the CLI, trained it (its log is read once this test's loop is free again).
  const finished = await waitForLog(worker, (line) => line.msg === 'job finished');
  expect(JSON.stringify(finished)).toContain('done');
});

it('exits within a second of printing its answer when the job ran on the queue', {
  timeout: 90_000,
}, async () => {
  const run = await timedCli([...TRAIN, 'seed:78', '--json'], { REDIS_URL: redis.url });
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ experiment: 'train', spec: { seed: 78 } });
  expect(run.answeredAt).toBeDefined();
  expect(run.exitedAt - run.answeredAt!).toBeLessThan(1000);
});

it('with Redis unreachable, exits 1 within 10 s with an error naming Redis, in either output mode', {
  timeout: 90_000,
}, async () => {
  const url = `redis://127.0.0.1:${await freePort()}`;
  for (const mode of [[], ['--json']]) {
    const run = await timedCli([...TRAIN, ...mode], { REDIS_URL: url });
    expect(run.code, run.stderr).toBe(1);
    expect(run.exitedAt - run.started).toBeLessThan(10_000);
    expect(run.stderr).toContain(`Redis at ${url} is not reachable`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  }
});

it('on Ctrl-C, exits 130 within 2 s and the worker stops the run, in either output mode', {
  timeout: 90_000,
}, async () => {
  const long = ['train', 'depth:4', 'width:32', 'steps:3000', 'points:256', 'seeds:2'];
  for (const [index, mode] of [[], ['--json']].entries()) {
    const earlier = new Set(worker.logs);
    let signalled = 0;
    const run = await timedCli(
      [...long, `seed:${90 + index}`, ...mode],
      { REDIS_URL: redis.url },
      (child) => {
        // Once the worker has started the job, the user presses Ctrl-C.
        void waitForLog(worker, (line) => !earlier.has(line) && line.msg === 'job started').then(() => {
          signalled = Date.now();
          child.kill('SIGINT');
        });
      },
    );
    expect(run.code, run.stderr).toBe(130);
    expect(run.exitedAt - signalled).toBeLessThan(2000);
    // --json prints a result or nothing; the bot's reply may say "Cancelled."
    if (mode.length > 0) expect(run.stdout).toBe('');
    // The cancel reached the worker running the job: it stopped the run rather than finishing it.
    const started = worker.logs.find((line) => !earlier.has(line) && line.msg === 'job started')!;
    await waitForLog(worker, (line) => line.msg === 'job cancelled' && line.jobId === started.jobId);
  }
});
