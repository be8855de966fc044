import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { chooseLogFormat, logDestination } from '../src/log-format.js';
import { createRootLogger } from '../src/logging.js';
import { freePort } from './queue/redis-server.js';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Runs `npm start` inside a pseudo-terminal (util-linux `script`), as a person at a terminal would,
 * until the ops port is up; then stops the whole process group and returns what the terminal showed.
 */
async function npmStartOnTerminal(env: Record<string, string>): Promise<string> {
  const [playgroundPort, opsPort] = [await freePort(), await freePort()];
  const db = path.join(mkdtempSync(path.join(os.tmpdir(), 'depth-tutor-tty-')), 'tutor.db');
  const child = spawn('script', ['-q', '-e', '-c', 'npm start', '/dev/null'], {
    cwd: root,
    detached: true,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      TERM: 'xterm-256color',
      PLAYGROUND_PORT: String(playgroundPort),
      OPS_PORT: String(opsPort),
      TUTOR_DB: db,
      TUTOR_WORKERS: '1',
      TUTOR_BACKEND: 'wasm',
      ...env,
    },
  });
  let shown = '';
  child.stdout.on('data', (chunk) => {
    shown += String(chunk);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 50_000;
  try {
    while (!/health, readiness and metrics ready/.test(shown)) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`npm start did not start:\n${shown}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
  return shown;
}

/** Lines as a terminal shows them, colours removed. */
const plain = (text: string) =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

describe('the log format', () => {
  it('is pretty on a terminal, JSON in a pipe or in production, and LOG_FORMAT overrides both', () => {
    expect(chooseLogFormat({ requested: undefined, stdoutIsTty: true, production: false })).toBe('pretty');
    expect(chooseLogFormat({ requested: undefined, stdoutIsTty: false, production: false })).toBe('json');
    expect(chooseLogFormat({ requested: undefined, stdoutIsTty: true, production: true })).toBe('json');
    expect(chooseLogFormat({ requested: 'json', stdoutIsTty: true, production: false })).toBe('json');
    expect(chooseLogFormat({ requested: 'pretty', stdoutIsTty: false, production: true })).toBe('pretty');
  });

  it('reads LOG_FORMAT and NODE_ENV from the environment, naming the allowed formats when wrong', () => {
    expect(loadConfig({})).toMatchObject({ logFormat: undefined, production: false });
    expect(loadConfig({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' })).toMatchObject({
      logFormat: 'pretty',
      production: true,
    });
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrow(/LOG_FORMAT: .*"json".*"pretty"/);
  });

  it('writes one readable line per event, with secrets redacted as in JSON', async () => {
    const sink = new PassThrough();
    const chunks: string[] = [];
    sink.on('data', (chunk) => chunks.push(String(chunk)));
    const logger = createRootLogger(
      { logLevel: 'info', secrets: ['xoxb-pretty-secret'] },
      logDestination('pretty', sink),
    );
    logger.info({ url: 'http://127.0.0.1:3000/' }, 'playground ready');
    logger.error({ err: new Error('401 for xoxb-pretty-secret') }, 'auth failed');
    await new Promise((resolve) => setImmediate(resolve));
    const written = chunks.join('');
    const lines = plain(written);
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\] INFO: playground ready \{"url":"http:\/\/127\.0\.0\.1:3000\/"\}$/,
    );
    expect(lines[1]).toMatch(/^\[\d\d:\d\d:\d\d\] ERROR: auth failed/);
    expect(written).not.toContain('xoxb-pretty-secret');
    expect(written).toContain('[redacted]');
  });

  it('`npm start` on a terminal prints short coloured lines, not JSON', async () => {
    const shown = await npmStartOnTerminal({});
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the level label in an ANSI colour.
    expect(shown).toMatch(/\u001b\[\d+mINFO/);
    const lines = plain(shown);
    // Read wherever a pretty line starts: on a pseudo-terminal, npm's own output can share its line.
    const events = [
      ...lines.join('\n').matchAll(/\[\d\d:\d\d:\d\d\] ((?:INFO|WARN|ERROR): [^{\n]*?)(?: \{|$)/gm),
    ].map((m) => m[1]!.trim());
    expect(events).toEqual(
      expect.arrayContaining([
        'INFO: engine ready',
        'INFO: playground ready',
        'INFO: health, readiness and metrics ready',
      ]),
    );
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
  });

  it('`npm start` with NODE_ENV=production writes JSON lines even on a terminal', async () => {
    const lines = plain(await npmStartOnTerminal({ NODE_ENV: 'production' }));
    const json = lines.filter((line) => line.startsWith('{"level"')).map((line) => JSON.parse(line));
    expect(json.map((entry) => entry.msg)).toEqual(
      expect.arrayContaining(['engine ready', 'playground ready', 'health, readiness and metrics ready']),
    );
  });
});
