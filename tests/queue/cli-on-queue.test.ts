import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { spawnWorker, type WorkerProcess, waitForLog } from './worker-fleet.js';

const root = path.resolve(import.meta.dirname, '../..');

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

it('with REDIS_URL, the CLI submits to the queue, a worker process runs it, and the CLI prints the result', async () => {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli.ts',
      'train',
      'depth:2',
      'width:8',
      'steps:40',
      'points:64',
      'seeds:1',
      'seed:77',
      '--json',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', REDIS_URL: redis.url },
    },
  );
  expect(run.status, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout);
  expect(result).toMatchObject({ experiment: 'train', backend: 'wasm', spec: { depth: 2, seed: 77 } });
  expect(result.runs).toHaveLength(1);
  // The worker process, not the CLI, trained it (its log is read once this test's loop is free again).
  const finished = await waitForLog(worker, (line) => line.msg === 'job finished');
  expect(JSON.stringify(finished)).toContain('done');
});
