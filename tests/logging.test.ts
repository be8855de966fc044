import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createRootLogger } from '../src/logging.js';

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
