import type { BackendChoice } from '../backend.js';
import type { BackendName } from '../result.js';
import type { UnitProgress, UnitResult, WorkUnit } from '../units.js';

/*
 * The messages between the pool (main thread) and one engine worker thread. Every message that
 * belongs to a request carries its id, so a late answer to a cancelled request is recognised and
 * dropped. Everything here survives structured cloning: plain data and one SharedArrayBuffer.
 */

/** What the pool passes to each worker at start-up (worker_threads' workerData). */
export interface WorkerStartData {
  backend: BackendChoice;
  /** Lets run requests carry a `fault` that crashes the worker for real; tests only. */
  faultInjection: boolean;
  /** False: fit units train on TensorFlow.js whatever their size (the bench's before-and-after). */
  typedArrays?: boolean;
}

/**
 * Real failures a test can inject (honoured only with faultInjection): end the thread, throw
 * outside any handler, exhaust the heap, or hang in a loop that ignores the cancel flag.
 */
export type FaultKind = 'exit' | 'throw' | 'out-of-memory' | 'hang';

/** An error as it crosses the thread boundary: Error instances lose their name when cloned. */
export interface WireError {
  name: string;
  message: string;
}

/** Main thread → worker. */
export type RequestMessage =
  | {
      type: 'run';
      id: number;
      unit: WorkUnit;
      /**
       * One Int32 slot, shared with the pool: non-zero means "stop". A synchronous training loop
       * never sees a message, but it can read shared memory between steps.
       */
      cancel: SharedArrayBuffer;
      /** Fail at the unit's first progress report ('throw': on arrival); ignored unless faultInjection. */
      fault?: FaultKind;
    }
  | { type: 'stats'; id: number };

/** Worker → main thread. */
export type ResponseMessage =
  | { type: 'ready'; backend: BackendName }
  | { type: 'init-failed'; error: WireError }
  | { type: 'progress'; id: number; progress: UnitProgress }
  | { type: 'result'; id: number; result: UnitResult }
  | { type: 'error'; id: number; error: WireError }
  | { type: 'stats'; id: number; numTensors: number; numBytes: number };

/** Converts anything thrown into its wire form. */
export function toWireError(error: unknown): WireError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** Rebuilds an Error with the original name, so callers can test `error.name === 'AbortError'`. */
export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  return error;
}
