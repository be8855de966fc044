import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, cliEnv, root } from './cli-harness.js';

/*
 * Every way the processes die at start-up prints one line on stderr. An upstream or a proxy may echo
 * the credential it refused, and a user may paste one where a value belongs: each such line goes
 * through the same secret replacement as the logs.
 */

interface Ended {
  code: number | null;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Ended> {
  const child = spawn(args[0]!, args.slice(1), { cwd: root, env });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  child.stdout.resume();
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

let upstream: Server | undefined;
afterEach(async () => {
  const closing = upstream;
  upstream = undefined;
  if (closing) await new Promise((resolve) => closing.close(resolve));
});

/** A Slack Web API stand-in that refuses every call, quoting the Authorization header it got. */
async function echoingSlack(): Promise<string> {
  upstream = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ok: false, error: `invalid_auth ${req.headers.authorization ?? ''}` }));
  });
  await new Promise<void>((resolve) => upstream!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(upstream!.address() as AddressInfo).port}/api/`;
}

describe('fatal start-up lines', () => {
  it('the bot hides a Slack token that the API echoes in its refusal', async () => {
    const token = 'xoxb-echoed-back-by-the-proxy-0042';
    const ended = await run([process.execPath, '--import', 'tsx', 'src/main.ts'], {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: token,
      SLACK_APP_TOKEN: 'xapp-never-used-here-1234',
      SLACK_API_URL: await echoingSlack(),
      PLAYGROUND_ENABLED: 'false',
      OPS_PORT: '0',
      TUTOR_DB: ':memory:',
      TUTOR_WORKERS: '1',
      TUTOR_BACKEND: 'wasm',
    });
    expect(ended.code).toBe(1);
    expect(ended.stderr).toContain(
      'depth-tutor could not start: Slack refused SLACK_BOT_TOKEN: invalid_auth',
    );
    expect(ended.stderr).toContain('Bearer [redacted]');
    expect(ended.stderr).not.toContain(token);
  });

  it('the worker hides the Redis password when a flag quotes it', async () => {
    const password = 'redis-pass-typed-in-the-wrong-place';
    const ended = await run(
      [process.execPath, '--import', 'tsx', 'src/worker-main.ts', '--lock-ms', password],
      { PATH: process.env.PATH ?? '', REDIS_URL: `redis://:${password}@127.0.0.1:1` },
    );
    expect(ended.code).toBe(1);
    expect(ended.stderr).toContain('depth-tutor worker could not start: --lock-ms must be');
    expect(ended.stderr).toContain('[redacted]');
    expect(ended.stderr).not.toContain(password);
  });

  it('the CLI hides a token that a bad option quotes', async () => {
    const token = 'discord-token-pasted-as-a-depth';
    const ended = await run([...CLI, 'train', `depth:${token}`], cliEnv({ DISCORD_TOKEN: token }));
    expect(ended.code).toBe(2);
    expect(ended.stderr).toContain('depth must be a whole number');
    expect(ended.stderr).toContain('[redacted]');
    expect(ended.stderr).not.toContain(token);
  });
});
