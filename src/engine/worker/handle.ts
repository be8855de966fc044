import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { BackendName } from '../result.js';
import { PoolClosedError, WorkerCrashError } from './errors.js';
import {
  fromWireError,
  type RequestMessage,
  type ResponseMessage,
  type WorkerStartData,
} from './protocol.js';

/** How to start one engine worker thread. */
export interface WorkerConfig extends WorkerStartData {
  /** V8 heap limit of the thread in MB (worker_threads resourceLimits); undefined = Node's default. */
  maxHeapMb?: number | undefined;
}

/** Messages a running worker sends about units and stats (start-up messages are handled here). */
export type WorkMessage = Exclude<ResponseMessage, { type: 'ready' | 'init-failed' }>;

/** What a handle reports to its owner. */
export interface WorkerEvents {
  message(message: WorkMessage): void;
  /** The thread ended on its own after start-up (not through terminate()). */
  crash(error: WorkerCrashError): void;
}

/** One engine worker thread, seen from the main thread. */
export interface WorkerHandle {
  readonly threadId: number;
  /** Resolves with the active backend once the thread is set up; rejects if it cannot start. */
  readonly ready: Promise<BackendName>;
  post(message: RequestMessage): void;
  /** Stops the thread; no crash is reported for it. */
  terminate(): Promise<void>;
}

// In development and tests these modules are TypeScript (their URLs end in .ts) and so is a
// worker's entry. Node 20 ignores `--import` in a worker's execArgv, so a two-line bootstrap
// registers tsx's ESM loader inside the new thread before importing the entry. A build (dist/)
// starts the compiled .js file.

/**
 * Starts a thread running the module `name` ('worker' for ./worker.ts or ./worker.js) next to the
 * module whose `import.meta.url` is `besides`: the engine's workers and the bot's drawing threads.
 */
export function startModuleThread(besides: string, name: string, options: WorkerOptions): Worker {
  if (!besides.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, besides), options);
  const entry = JSON.stringify(new URL(`./${name}.ts`, besides).href);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const bootstrap = `import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

function createThread(config: WorkerConfig): Worker {
  const { maxHeapMb, ...startData } = config;
  return startModuleThread(import.meta.url, 'worker', {
    workerData: startData satisfies WorkerStartData,
    ...(maxHeapMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } }),
  });
}

/** Starts one engine worker thread. */
export function startWorker(config: WorkerConfig, events: WorkerEvents): WorkerHandle {
  const worker = createThread(config);
  let started = false;
  let retired = false;
  let lastError: Error | undefined;
  let settle!: { resolve: (backend: BackendName) => void; reject: (error: Error) => void };
  const ready = new Promise<BackendName>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The owner awaits `ready`; this keeps an early failure from also counting as unhandled.
  ready.catch(() => undefined);

  worker.on('message', (message: ResponseMessage) => {
    if (retired) return; // a late answer from a thread being stopped
    if (message.type === 'ready') {
      started = true;
      settle.resolve(message.backend);
    } else if (message.type === 'init-failed') {
      settle.reject(fromWireError(message.error));
    } else {
      events.message(message);
    }
  });
  worker.on('error', (error) => {
    lastError = error;
  });
  worker.on('exit', (code) => {
    if (retired) return;
    const why = lastError ? lastError.message : `the thread exited with code ${code}`;
    const options = lastError ? { cause: lastError } : undefined;
    if (!started) {
      settle.reject(new WorkerCrashError(`engine worker failed to start: ${why}`, options));
      return;
    }
    events.crash(new WorkerCrashError(`engine worker crashed: ${why}`, options));
  });

  return {
    threadId: worker.threadId,
    ready,
    post: (message) => worker.postMessage(message),
    terminate: async () => {
      retired = true;
      settle.reject(new PoolClosedError('engine worker was stopped before it started'));
      await worker.terminate();
    },
  };
}
