import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/bot/logger.js';
import { type RunningPlayground, startPlayground } from './harness.js';
import { waitingServices } from './stand-in-services.js';

/*
 * Guessing the teacher token: wrong tokens are logged (who and from where, never what was typed)
 * and each session and address is slowed down after a few, so a thousand guesses take hours, not
 * seconds, while the teacher who mistyped once signs in at once.
 */

const TOKEN = 'the real teacher token, long';

interface Logged {
  level: string;
  obj: Record<string, unknown>;
  msg: string | undefined;
}

function recordingLogger(lines: Logged[]): Logger {
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj: obj as Record<string, unknown>, msg });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

let playground: RunningPlayground | undefined;
let services: ReturnType<typeof waitingServices> | undefined;
afterEach(async () => {
  await playground?.adapter.stop();
  await services?.close();
  playground = undefined;
  services = undefined;
});

async function start(lines: Logged[]): Promise<RunningPlayground> {
  services = waitingServices();
  playground = await startPlayground(services.services, {
    teacherToken: TOKEN,
    trustedProxies: ['127.0.0.1'],
    logger: recordingLogger(lines),
  });
  return playground;
}

describe('teacher sign-in under guessing', () => {
  it('slows a session down after three wrong tokens, logs each failure without the token', async () => {
    const lines: Logged[] = [];
    const { visitor } = await start(lines);
    const guesser = await visitor('Guesser', '203.0.113.5');
    const statuses = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await guesser.post('/api/teacher', { token: `wrong guess number ${i}` })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([403, 403, 403]);
    // After the free tries, the next attempt is refused before its token is even compared.
    expect(statuses.slice(4)).toEqual([429, 429]);
    const waiting = await guesser.post('/api/teacher', { token: TOKEN });
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(0);

    const failures = lines.filter((l) => l.msg === 'teacher sign-in refused: wrong token');
    expect(failures).toHaveLength(4);
    expect(failures[0]?.level).toBe('warn');
    expect(failures[0]?.obj).toMatchObject({ session: guesser.id, address: '203.0.113.5' });
    expect(JSON.stringify(lines)).not.toMatch(/wrong guess number/);

    // Another browser elsewhere is not held up by this one's guesses.
    const teacher = await visitor('Teacher', '198.51.100.7');
    expect((await teacher.post('/api/teacher', { token: TOKEN })).status).toBe(200);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it('slows an address down whatever cookies it uses, and a thousand guesses do not all get compared', async () => {
    const lines: Logged[] = [];
    const { visitor } = await start(lines);
    let compared = 0;
    let throttled = 0;
    const started = Date.now();
    for (let i = 0; i < 1000 && Date.now() - started < 3000; i += 1) {
      // A fresh cookie every three tries escapes the session's backoff, not the address's.
      const guesser = await visitor(`g${i}`, '203.0.113.5');
      for (let j = 0; j < 3; j += 1) {
        const status = (await guesser.post('/api/teacher', { token: `guess ${i}-${j}` })).status;
        if (status === 403) compared += 1;
        else if (status === 429) throttled += 1;
      }
      if (throttled > 50) break;
    }
    // Ten free tries, then waits of 1 s, 2 s, 4 s...: a handful compared within three seconds.
    expect(compared).toBeLessThanOrEqual(13);
    expect(throttled).toBeGreaterThan(0);
  });
});
