import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, type RedisServer, startRedisServer } from './redis-server.js';
import { spawnWorker, type WorkerProcess, waitForLog } from './worker-fleet.js';

/*
 * Docker gives a container 10 s between SIGTERM and SIGKILL. When Redis has gone away, the bot and
 * an idle worker must still stop well within that: a connection that is not ready is disconnected,
 * not asked to QUIT (which would wait for a Redis that never answers).
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Well inside Docker's 10 s grace, with room for a loaded machine. */
const STOP_LIMIT_MS = 5000;

let redis: RedisServer | undefined;
const children: { kill(signal?: NodeJS.Signals): boolean }[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await redis?.stop();
  redis = undefined;
});

/** `npm start` with the queue on `redisUrl` and no chat token; resolves once its ops port is up. */
async function startBot(redisUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      REDIS_URL: redisUrl,
      PLAYGROUND_PORT: String(await freePort()),
      OPS_PORT: '0',
      TUTOR_DB: ':memory:',
      LOG_FORMAT: 'json',
    },
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!output.includes('health, readiness and metrics ready')) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the bot did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, exited, output: () => output };
}

/** Milliseconds from SIGTERM to exit, and the exit code. */
async function stopTimed(
  child: { kill(signal?: NodeJS.Signals): boolean },
  exited: Promise<number | null>,
): Promise<{ ms: number; code: number | null }> {
  const started = Date.now();
  child.kill('SIGTERM');
  const code = await exited;
  return { ms: Date.now() - started, code };
}

describe('stopping while Redis is away', () => {
  it('the bot and an idle worker exit cleanly within seconds of SIGTERM', async () => {
    redis = await startRedisServer();
    const bot = await startBot(redis.url);
    const worker: WorkerProcess = spawnWorker({ REDIS_URL: redis.url, LOG_FORMAT: 'json' }, [
      '--ops-port',
      '0',
    ]);
    children.push(worker.child);
    await waitForLog(worker, (line) => line.msg === 'worker ready');
    await redis.stop();
    // Both notice: their connections are now between reconnection attempts.
    await waitForLog(worker, (line) => line.msg === 'queue trouble');
    await expect.poll(() => bot.output().includes('ECONNREFUSED'), { timeout: 10_000 }).toBe(true);

    const [botStop, workerStop] = await Promise.all([
      stopTimed(bot.child, bot.exited),
      stopTimed(
        worker.child,
        worker.exited.then(({ code }) => code),
      ),
    ]);
    expect(botStop).toMatchObject({ code: 0 });
    expect(botStop.ms).toBeLessThan(STOP_LIMIT_MS);
    expect(workerStop).toMatchObject({ code: 0 });
    expect(workerStop.ms).toBeLessThan(STOP_LIMIT_MS);
  }, 90_000);
});
