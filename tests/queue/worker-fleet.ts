import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * `npm run worker` processes for tests: real child processes running src/worker-main.ts, each with
 * one wasm engine thread. The fleet restarts a worker that dies (as compose's restart policy or a
 * Kubernetes Deployment would), and reads the JSON log lines each worker prints.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One parsed pino line. */
export type LogLine = Record<string, unknown> & { msg?: string; time?: number };

/** One worker process. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly logs: LogLine[];
  /** Everything printed, raw (stdout and stderr), for secret checks. */
  text(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts one worker process; resolves nothing until you wait for a log line. */
export function spawnWorker(env: Record<string, string>, args: readonly string[] = []): WorkerProcess {
  return spawnEntry('src/worker-main.ts', env, args);
}

/** Starts `npm start` (src/main.ts), a bot replica, with JSON logs, the same way. */
export function spawnBot(env: Record<string, string>): WorkerProcess {
  return spawnEntry('src/main.ts', {
    LOG_FORMAT: 'json',
    PLAYGROUND_ENABLED: 'false',
    OPS_PORT: '0',
    ...env,
  });
}

function spawnEntry(entry: string, env: Record<string, string>, args: readonly string[] = []): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    // Only what the worker needs: no token of the developer's own shell leaks into a test.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TUTOR_WORKERS: '1',
      TUTOR_BACKEND: 'wasm',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let raw = '';
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    raw += text;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ msg: `unparsed: ${line}` });
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    raw += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, logs, text: () => raw, exited };
}

/** Resolves with the first log line that matches, or rejects after `timeoutMs` (or when the process exits). */
export async function waitForLog(
  worker: WorkerProcess,
  match: (line: LogLine) => boolean,
  timeoutMs = 20_000,
): Promise<LogLine> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void worker.exited.then(() => {
    gone = true;
  });
  while (Date.now() < deadline) {
    const found = worker.logs.find(match);
    if (found) return found;
    if (gone) throw new Error(`worker exited before the expected log line:\n${worker.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no matching log line within ${timeoutMs} ms:\n${worker.text()}`);
}

/** A set of workers kept at a fixed size. */
export interface WorkerFleet {
  /** The current processes (a dead one is replaced in its slot). */
  readonly workers: WorkerProcess[];
  /** Every process ever started, in order. */
  readonly all: WorkerProcess[];
  /** Waits until every current worker has logged "worker ready". */
  ready(): Promise<void>;
  /** The current worker whose latest "job started" line names `jobId`. */
  runnerOf(jobId: string): WorkerProcess | undefined;
  /** Every line about `jobId`, over all processes, with the process, in time order. */
  linesAbout(jobId: string): { worker: WorkerProcess; line: LogLine }[];
  /** Stops every worker with SIGTERM and waits for them. */
  stop(): Promise<void>;
}

/** Starts `count` workers on `redisUrl`; dead ones are restarted unless `respawn` is false. */
export function startFleet(options: {
  redisUrl: string;
  count: number;
  args?: readonly string[];
  env?: Record<string, string>;
  respawn?: boolean;
}): WorkerFleet {
  const args = options.args ?? [
    '--ops-port',
    '0',
    '--lock-ms',
    '2000',
    '--stalled-ms',
    '1000',
    '--test-faults',
  ];
  const env = { REDIS_URL: options.redisUrl, LOG_LEVEL: 'info', ...options.env };
  const workers: WorkerProcess[] = [];
  const all: WorkerProcess[] = [];
  let stopping = false;
  const launch = (slot: number) => {
    const worker = spawnWorker(env, args);
    workers[slot] = worker;
    all.push(worker);
    void worker.exited.then(() => {
      if (!stopping && options.respawn !== false && workers[slot] === worker) launch(slot);
    });
  };
  for (let slot = 0; slot < options.count; slot++) launch(slot);
  return {
    workers,
    all,
    async ready() {
      await Promise.all(workers.map((worker) => waitForLog(worker, (line) => line.msg === 'worker ready')));
    },
    runnerOf(jobId) {
      return workers.find((worker) =>
        worker.logs.some((line) => line.msg === 'job started' && line.jobId === jobId),
      );
    },
    linesAbout(jobId) {
      return all
        .flatMap((worker) =>
          worker.logs.filter((line) => line.jobId === jobId).map((line) => ({ worker, line })),
        )
        .sort((x, y) => Number(x.line.time) - Number(y.line.time));
    },
    async stop() {
      stopping = true;
      await Promise.all(
        workers.map(async (worker) => {
          if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
          worker.child.kill('SIGTERM');
          const timer = setTimeout(() => worker.child.kill('SIGKILL'), 15_000);
          await worker.exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}
