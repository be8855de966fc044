import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  /** stdout alone: the log stream. */
  stdout: () => string;
  exited: Promise<number | null>;
}

/** Starts `src/main.ts` as `npm start` would run it, with no chat tokens. */
async function startMain(env: Record<string, string>): Promise<Started> {
  let output = '';
  let stdout = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', TUTOR_WORKERS: '1', TUTOR_BACKEND: 'wasm', ...env },
  });
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
    stdout += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!/health, readiness and metrics ready|ops port unavailable/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`main did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output: () => output, stdout: () => stdout, exited };
}

let running: Started | undefined;
afterEach(() => {
  running?.child.kill('SIGKILL');
  running = undefined;
});

describe('npm start (src/main.ts)', () => {
  it('serves the playground and the ops endpoints with no token, and drains on SIGTERM', async () => {
    const [playgroundPort, opsPort] = [await freePort(), await freePort()];
    const db = path.join(mkdtempSync(path.join(os.tmpdir(), 'depth-tutor-main-')), 'tutor.db');
    running = await startMain({
      PLAYGROUND_PORT: String(playgroundPort),
      OPS_PORT: String(opsPort),
      TUTOR_DB: db,
    });
    expect(running.output()).toContain(`depth-tutor playground: http://127.0.0.1:${playgroundPort}/`);
    expect((await fetch(`http://127.0.0.1:${playgroundPort}/`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${opsPort}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${opsPort}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { adapters: true, queue: true } });
    expect(await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text()).toContain('tutor_jobs_queued');

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('"msg":"stopped"');
    // JSON logs (no terminal): stdout holds only JSON lines; the playground's banner went to stderr.
    const lines = running
      .stdout()
      .split('\n')
      .filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
  });

  it('stays up when Redis is unreachable, says so on /readyz, and never logs the Redis password', async () => {
    const [playgroundPort, opsPort, closedPort] = [await freePort(), await freePort(), await freePort()];
    const password = 'hunter2-never-in-logs';
    running = await startMain({
      PLAYGROUND_PORT: String(playgroundPort),
      OPS_PORT: String(opsPort),
      TUTOR_DB: ':memory:',
      REDIS_URL: `redis://:${password}@127.0.0.1:${closedPort}`,
      LOG_LEVEL: 'debug',
    });
    const ready = await fetch(`http://127.0.0.1:${opsPort}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, failed: ['queue'] });
    expect(running.output()).toContain('Redis is not reachable yet');
    expect(running.output()).not.toContain(password);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.output()).not.toContain(password);
  });

  it('still starts, and says why, when the ops port is taken', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const opsPort = (busy.address() as { port: number }).port;
    const playgroundPort = await freePort();
    try {
      running = await startMain({
        PLAYGROUND_PORT: String(playgroundPort),
        OPS_PORT: String(opsPort),
        TUTOR_DB: ':memory:',
      });
      expect(running.output()).toContain('ops port unavailable');
      expect((await fetch(`http://127.0.0.1:${playgroundPort}/`)).status).toBe(200);
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    } finally {
      busy.close();
    }
  });

  it('refuses to start on a database file that is not a database, naming the file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'depth-tutor-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', TUTOR_DB: dir, PLAYGROUND_PORT: String(await freePort()) },
    });
    let output = '';
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('depth-tutor could not start');
    expect(output).toContain(dir);
  });
});
