import { parseArgs } from 'node:util';

/*
 * Settings only a worker has, given as command-line flags (`npm run worker -- --drain-ms 30000`).
 * The environment stays src/config.ts's business; these tune the queue mechanics, and tests set short
 * lock times to see a dead worker's job retried within seconds.
 */

/** The worker's own settings. */
export interface WorkerArgs {
  /** Ops port (health, readiness, metrics); 0 picks a free one. */
  opsPort: number;
  opsHost: string;
  /** Job lock duration: a dead worker's job is retried after about this long. */
  lockMs: number;
  /** How often to look for jobs whose worker died. */
  stalledMs: number;
  /** How long SIGTERM lets running jobs finish before handing them back. */
  drainMs: number;
  /** Crash the process on POISON_SEED (tests only). */
  testFaults: boolean;
}

/** The flags, for the usage text. */
export const WORKER_USAGE = `usage: npm run worker -- [--ops-port 9090] [--ops-host 127.0.0.1] [--lock-ms 30000]
                         [--stalled-ms 15000] [--drain-ms 20000]
REDIS_URL, TUTOR_BACKEND, TUTOR_WORKERS and LOG_LEVEL come from the environment.`;

function whole(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return value;
}

/** Parses the worker's flags; throws an Error whose message says what is wrong. */
export function parseWorkerArgs(argv: readonly string[]): WorkerArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'ops-port': { type: 'string' },
      'ops-host': { type: 'string' },
      'lock-ms': { type: 'string' },
      'stalled-ms': { type: 'string' },
      'drain-ms': { type: 'string' },
      'test-faults': { type: 'boolean' },
    },
    strict: true,
  });
  const lockMs = whole('lock-ms', values['lock-ms'], 30_000, 1000, 600_000);
  return {
    opsPort: whole('ops-port', values['ops-port'], 9090, 0, 65535),
    opsHost: values['ops-host'] ?? '127.0.0.1',
    lockMs,
    stalledMs: whole('stalled-ms', values['stalled-ms'], Math.min(15_000, lockMs), 500, 600_000),
    drainMs: whole('drain-ms', values['drain-ms'], 20_000, 0, 600_000),
    testFaults: values['test-faults'] ?? false,
  };
}
