import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.js';
import { createInlineExecutor } from '../inline-executor.js';
import type { AbortFlag } from '../units.js';
import {
  type FaultKind,
  type RequestMessage,
  type ResponseMessage,
  toWireError,
  type WorkerStartData,
} from './protocol.js';

/*
 * Entry point of one engine worker thread: sets up the TensorFlow.js backend, then runs one unit
 * at a time for the pool (src/engine/pool.ts). Training blocks this thread for seconds, which is
 * the point: the bot's event loop stays free.
 */

// Nice value for worker threads: on a machine with as many busy workers as cores, the kernel then
// still schedules the bot's event loop (nice 0) promptly.
const WORKER_NICE = 10;

// Enough progress reports for a smooth bar without flooding the main thread with messages.
const PROGRESS_INTERVAL_MS = 50;

function requirePort(): MessagePort {
  if (!parentPort) throw new Error('src/engine/worker/worker.ts must run in a worker thread');
  return parentPort;
}

const port = requirePort();
const startData = workerData as WorkerStartData;
const executor = createInlineExecutor({ typedArrays: startData.typedArrays ?? true });

function send(message: ResponseMessage): void {
  port.postMessage(message);
}

/**
 * Lowers the priority of this thread only. On Linux setpriority() takes a thread id, which
 * /proc/thread-self names; the link must be read synchronously, on this very thread. Elsewhere
 * (or if refused) training simply competes with the event loop as an equal.
 */
function lowerThreadPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, WORKER_NICE);
  } catch {
    // Not Linux, or not permitted: nothing to do.
  }
}

/** An abort flag the pool can raise while this thread is busy in a synchronous training loop. */
function sharedFlag(buffer: SharedArrayBuffer): AbortFlag {
  const slot = new Int32Array(buffer);
  return {
    get aborted() {
      return Atomics.load(slot, 0) !== 0;
    },
  };
}

/** Really crashes this thread, so that tests exercise the pool's actual recovery path. */
function crash(kind: Exclude<FaultKind, 'throw'>): never {
  if (kind === 'exit') process.exit(1);
  if (kind === 'hang') for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  // Grow the heap until V8 gives up; tests give the pool a small heap limit so this is quick.
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array<number>(1 << 20).fill(hoard.length));
}

async function runUnit(message: Extract<RequestMessage, { type: 'run' }>): Promise<void> {
  const { id, unit, cancel } = message;
  const fault = startData.faultInjection ? message.fault : undefined;
  let lastSent = 0;
  try {
    const result = await executor.execute(unit, {
      signal: sharedFlag(cancel),
      onProgress: (progress) => {
        if (fault !== undefined && fault !== 'throw') crash(fault);
        const now = performance.now();
        if (now - lastSent < PROGRESS_INTERVAL_MS) return;
        lastSent = now;
        send({ type: 'progress', id, progress });
      },
    });
    send({ type: 'result', id, result });
  } catch (error) {
    send({ type: 'error', id, error: toWireError(error) });
  }
}

function onMessage(message: RequestMessage): void {
  switch (message.type) {
    case 'run':
      // Thrown here, outside any handler, this is an uncaught exception that ends the thread.
      if (startData.faultInjection && message.fault === 'throw') throw new Error('injected fault: uncaught');
      void runUnit(message);
      return;
    case 'stats': {
      const memory = tf.memory();
      send({ type: 'stats', id: message.id, numTensors: memory.numTensors, numBytes: memory.numBytes });
      return;
    }
  }
}

lowerThreadPriority();
initBackend(startData.backend).then(
  (backend) => {
    port.on('message', onMessage);
    send({ type: 'ready', backend });
  },
  (error: unknown) => {
    send({ type: 'init-failed', error: toWireError(error) });
  },
);
