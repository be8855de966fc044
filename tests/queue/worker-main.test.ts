import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, LONGEST, MEDIUM, QUICK, recorder, replica, trainSpec } from './queue-fixtures.js';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { spawnWorker, type WorkerProcess, waitForLog } from './worker-fleet.js';

/*
 * The `npm run worker` process itself: start-up errors, JSON logs without secrets, its ops port,
 * and SIGTERM draining (a running job finishes, or goes back to the queue for another worker).
 */

const PASSWORD = 'redis-pass-7d1e0c';
const TOKENS = {
  DISCORD_TOKEN: 'discord-token-0a9f8e7d6c5b',
  SLACK_BOT_TOKEN: 'xoxb-slack-token-1b2c3d4e',
  SLACK_SIGNING_SECRET: 'signing-secret-5f6a7b8c',
};
const FAST = ['--ops-port', '0', '--lock-ms', '2000', '--stalled-ms', '1000'];

describe('npm run worker', () => {
  let redis: RedisServer;
  let bot: ReturnType<typeof replica>;
  const started: WorkerProcess[] = [];
  const worker = (args: readonly string[], env: Record<string, string> = {}) => {
    const proc = spawnWorker({ REDIS_URL: redis.url, LOG_LEVEL: 'info', ...TOKENS, ...env }, args);
    started.push(proc);
    return proc;
  };

  beforeAll(async () => {
    redis = await startRedisServer({ password: PASSWORD });
    bot = replica(redis.url);
    await bot.service.ready();
  });

  afterAll(async () => {
    for (const proc of started) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await bot?.service.close();
    await redis?.stop();
  });

  it('refuses to start without REDIS_URL, or with an unknown flag, saying why', async () => {
    const noRedis = spawnWorker({});
    expect((await noRedis.exited).code).toBe(1);
    expect(noRedis.text()).toContain('REDIS_URL is not set');
    const badFlag = spawnWorker({ REDIS_URL: 'redis://127.0.0.1:1' }, ['--lock-ms', 'soon']);
    expect((await badFlag.exited).code).toBe(1);
    expect(badFlag.text()).toContain('--lock-ms must be a whole number');
    // The GPU image's setting on a machine without the native binding: a refusal, never a fallback.
    const noBinding = spawnWorker({ REDIS_URL: 'redis://127.0.0.1:1', TUTOR_BACKEND: 'tensorflow' });
    expect((await noBinding.exited).code).toBe(1);
    expect(noBinding.text()).toContain(
      'depth-tutor worker could not start: BackendUnavailableError: TUTOR_BACKEND=tensorflow, but neither ' +
        '@tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed',
    );
  });

  it('logs JSON lines without any configured secret, and serves health, readiness and metrics', async () => {
    const proc = worker(FAST);
    const ready = await waitForLog(proc, (line) => line.msg === 'worker ready');
    const ops = String(ready.ops);
    const ticket = accepted(
      await bot.service.submit({ user: 'ann', conversation: 'c', spec: trainSpec(701, QUICK) }),
    );
    expect((await ticket.done).status).toBe('done');

    expect((await fetch(`${ops}/healthz`)).status).toBe(200);
    const readiness = await fetch(`${ops}/readyz`);
    expect(readiness.status).toBe(200);
    expect(await readiness.json()).toEqual({ ready: true, checks: { queue: true, engine: true } });
    const metrics = await (await fetch(`${ops}/metrics`)).text();
    expect(metrics).toMatch(/tutor_worker_jobs_total\{status="done"\} 1/);
    expect(metrics).toContain('nodejs_eventloop_lag_seconds');
    // What computes the runs: in the log, the metrics and (through the registry) the bot's /status.
    const engineReady = proc.logs.find((line) => line.msg === 'engine ready');
    expect(engineReady).toMatchObject({ device: 'cpu' });
    expect(metrics).toContain(
      `tutor_worker_engine_info{backend="${String(engineReady?.backend)}",device="cpu"} 1`,
    );

    proc.child.kill('SIGTERM');
    expect((await proc.exited).code).toBe(0);
    const output = proc.text();
    for (const secret of [PASSWORD, ...Object.values(TOKENS)]) expect(output).not.toContain(secret);
    expect(String(ready.redis)).toContain('***');
    expect(proc.logs.every((line) => typeof line.level === 'number' && typeof line.time === 'number')).toBe(
      true,
    );
    expect(proc.logs.map((line) => line.msg)).toEqual(
      expect.arrayContaining([
        'engine ready',
        'worker ready',
        'job started',
        'job finished',
        'draining',
        'stopped',
      ]),
    );
  });

  it('on SIGTERM lets a running job finish within the drain time, then exits', async () => {
    const proc = worker([...FAST, '--drain-ms', '20000']);
    await waitForLog(proc, (line) => line.msg === 'worker ready');
    const seen = recorder();
    const ticket = accepted(
      await bot.service.submit({ user: 'bob', conversation: 'c', spec: trainSpec(702, MEDIUM) }, seen.hooks),
    );
    await seen.whenStarted;
    proc.child.kill('SIGTERM');
    expect((await ticket.done).status).toBe('done');
    expect((await proc.exited).code).toBe(0);
  });

  it('on SIGTERM hands a job back when the drain time runs out, and another worker runs it', async () => {
    const first = worker([...FAST, '--drain-ms', '200']);
    await waitForLog(first, (line) => line.msg === 'worker ready');
    const seen = recorder();
    const ticket = accepted(
      await bot.service.submit({ user: 'cid', conversation: 'c', spec: trainSpec(703, LONGEST) }, seen.hooks),
    );
    await seen.whenStarted;
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(2500); // well before the run's own end
    expect(first.logs.some((line) => line.jobId === ticket.id && line.status === 'handed-back')).toBe(true);

    const second = worker(FAST);
    expect((await ticket.done).status).toBe('done');
    const rerun = await waitForLog(second, (line) => line.msg === 'job started' && line.jobId === ticket.id);
    expect(rerun.attempt).toBe(1); // handing back used no attempt
    second.child.kill('SIGTERM');
    await second.exited;
  });
});
