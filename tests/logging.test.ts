import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRootLogger, secretForms } from '../src/logging.js';
import { connectRedis } from '../src/queue/redis/client.js';
import { type RedisServer, startRedisServer } from './queue/redis-server.js';

it('redacts every configured secret, by field and by value, wherever it appears in a line', async () => {
  let written = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk);
      done();
    },
  });
  const logger = createRootLogger(
    { logLevel: 'info', secrets: ['xoxb-very-secret', 'discord.token.abc'] },
    sink,
  );
  logger.info({ token: 'discord.token.abc' }, 'connecting');
  logger.error({ err: new Error('401 for token xoxb-very-secret at https://slack') }, 'auth failed');
  logger.info({ nested: { url: 'wss://gw?token=discord.token.abc' } }, 'gateway xoxb-very-secret');
  await new Promise((resolve) => setImmediate(resolve));
  expect(written.split('\n').filter(Boolean)).toHaveLength(3);
  expect(written).not.toContain('xoxb-very-secret');
  expect(written).not.toContain('discord.token.abc');
  expect(written.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(4);
});

/** A logger writing into a string the test reads. */
function capture(secrets: string[]) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createRootLogger({ logLevel: 'info', secrets }, sink) };
}

describe('secrets with quotes and backslashes, through a real Redis', () => {
  // Wrong for the server on purpose: ioredis then logs the AUTH command it sent, password and all.
  const password = 'pa"ss\\word-42';
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer({ password: 'the-server-wants-this' });
  });
  afterAll(() => redis?.stop());

  async function logAuthFailures(secrets: string[]): Promise<string[]> {
    const { lines, logger } = capture(secrets);
    const url = `redis://:${encodeURIComponent(password)}@127.0.0.1:${redis.port}`;
    const client = connectRedis(url, 'command', (err) => logger.error({ err }, 'redis connection error'));
    // The client reports an outage once (src/queue/redis/client.ts): the AUTH failure is that report.
    await expect.poll(() => lines.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    client.disconnect();
    await new Promise((resolve) => setImmediate(resolve));
    return lines;
  }

  it('never writes the password, raw or JSON-escaped, when AUTH fails', async () => {
    const lines = await logAuthFailures([password]);
    expect(lines.join('\n')).toMatch(/WRONGPASS/);
    for (const form of [password, JSON.stringify(password).slice(1, -1), 'pa\\"ss', 'ss\\\\word']) {
      expect(lines.join('\n')).not.toContain(form);
    }
  });

  it('redacts a Redis command’s arguments by field, even for a value not configured as secret', async () => {
    const lines = await logAuthFailures([]);
    const errors = lines.map((line) => JSON.parse(line) as { err?: { command?: { args?: unknown } } });
    expect(errors.some((e) => e.err?.command?.args === '[redacted]')).toBe(true);
    expect(lines.join('\n')).not.toContain('word-42');
  });
});

it('knows a secret’s escaped forms, longest first', () => {
  expect(secretForms('a"b\\c')).toEqual(['a\\\\\\"b\\\\\\\\c', 'a\\"b\\\\c', 'a"b\\c']);
  expect(secretForms('plain-token')).toEqual(['plain-token']);
});
