import type { Worker } from 'node:worker_threads';
import type { ExperimentResult } from '../../../engine/result.js';
import { startModuleThread } from '../../../engine/worker/handle.js';
import { type DrawnAnimation, drawAnimation } from '../animation/animation.js';
import type { ChartConfig } from '../draft.js';
import { createLocalRenderer } from '../render/local.js';
import type { ChartRenderer, RenderSize } from '../render/renderer.js';

/*
 * Drawing threads for replies. Chart.js and the GIF encoder run synchronously: on the bot's event
 * loop, half a second of drawing per default /train reply held every other request (30 replies of
 * a class drew one after another). Here a few threads draw, each one job at a time from one FIFO
 * line. Threads start when there is work, and hold the process open only while they draw.
 * A thread that dies takes its job along: the pool starts another and gives the job one more
 * try there; a second death rejects the job (a crash that follows a job is the job's fault).
 */

/** What a drawing thread is told at start-up. */
export interface DrawThreadData {
  devicePixelRatio?: number;
}

/** One job for a drawing thread: a chart to PNG, or a result's animation (and its still). */
export type DrawJob =
  | { kind: 'chart'; config: ChartConfig; size: RenderSize }
  | { kind: 'animation'; result: ExperimentResult; withStill: boolean };

/** Main thread → drawing thread. */
export interface DrawRequest {
  id: number;
  job: DrawJob;
  /** Exit the thread for real on receipt (pools made with faultInjection only). */
  crash?: true;
}

/** Drawing thread → main thread: Buffers arrive as Uint8Arrays. */
export type DrawAnswer =
  | { id: number; png: Uint8Array }
  | { id: number; animation: DrawnAnimation | undefined }
  | { id: number; error: { name: string; message: string } };

/** A drawing thread died twice under the same job. */
export class DrawingCrashError extends Error {
  override name = 'DrawingCrashError';
}

/** How to build the pool. */
export interface DrawPoolOptions {
  /**
   * Most threads drawing at once; the number of cores is a good value. 0 draws on the calling
   * thread, as the bot did before these threads: the bench's baseline.
   */
  threads: number;
  devicePixelRatio?: number;
  /** Crash the thread of each of the first `crashJobs` jobs sent (a retry counts as one). Tests only. */
  faultInjection?: { crashJobs: number };
}

/** Drawing off the caller's thread. */
export interface DrawPool {
  /** Draws one chart on a drawing thread. */
  readonly renderer: ChartRenderer;
  /** Draws a result's animation on a drawing thread; undefined when no run recorded frames. */
  animate(result: ExperimentResult, withStill: boolean): Promise<DrawnAnimation | undefined>;
  /** Threads started to replace ones that died. */
  readonly replacements: number;
  /** Stops every thread; queued and running jobs reject. */
  close(): Promise<void>;
}

interface Pending {
  id: number;
  job: DrawJob;
  tries: number;
  resolve(answer: DrawAnswer): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  job: Pending | undefined;
}

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Creates the pool; no thread starts before the first job. */
export function createDrawPool(options: DrawPoolOptions): DrawPool {
  if (options.threads === 0) return drawHere(options.devicePixelRatio);
  const maxThreads = Math.max(1, options.threads);
  const threadData: DrawThreadData =
    options.devicePixelRatio === undefined ? {} : { devicePixelRatio: options.devicePixelRatio };
  const line: Pending[] = [];
  const threads = new Set<Thread>();
  let crashesLeft = options.faultInjection?.crashJobs ?? 0;
  let nextId = 1;
  let replacements = 0;
  let closed = false;

  const send = (thread: Thread, pending: Pending) => {
    thread.job = pending;
    thread.worker.ref(); // a job in hand keeps the process alive until it is answered
    const crash = crashesLeft > 0;
    if (crash) crashesLeft -= 1;
    thread.worker.postMessage({
      id: pending.id,
      job: pending.job,
      ...(crash ? { crash: true as const } : {}),
    } satisfies DrawRequest);
  };

  const next = (thread: Thread) => {
    thread.job = undefined;
    const pending = line.shift();
    if (pending) send(thread, pending);
    else thread.worker.unref();
  };

  const died = (thread: Thread, why: string) => {
    if (!threads.delete(thread) || closed) return;
    const pending = thread.job;
    if (pending) {
      pending.tries += 1;
      if (pending.tries > 1)
        pending.reject(
          new DrawingCrashError(`a drawing thread died twice drawing one ${pending.job.kind}: ${why}`),
        );
      else line.unshift(pending);
    }
    replacements += 1;
    if (line.length > 0) start();
  };

  const start = () => {
    const thread: Thread = {
      worker: startModuleThread(import.meta.url, 'thread', { workerData: threadData }),
      job: undefined,
    };
    let lastError = '';
    thread.worker.on('message', (answer: DrawAnswer) => {
      const pending = thread.job;
      if (!pending || pending.id !== answer.id) return;
      pending.resolve(answer);
      next(thread);
    });
    thread.worker.on('error', (error) => {
      lastError = error.message;
    });
    thread.worker.on('exit', (code) => died(thread, lastError || `the thread exited with code ${code}`));
    threads.add(thread);
    next(thread);
  };

  const submit = (job: DrawJob): Promise<DrawAnswer> =>
    new Promise<DrawAnswer>((resolve, reject) => {
      if (closed) return reject(new Error('the drawing threads are closed'));
      line.push({ id: nextId++, job, tries: 0, resolve, reject });
      const idle = [...threads].find((thread) => thread.job === undefined);
      if (idle) next(idle);
      else if (threads.size < maxThreads) start();
    });

  const settled = async (job: DrawJob) => {
    const answer = await submit(job);
    if ('error' in answer) throw Object.assign(new Error(answer.error.message), { name: answer.error.name });
    return answer;
  };

  return {
    renderer: {
      async render(config, size) {
        const answer = await settled({ kind: 'chart', config, size });
        if (!('png' in answer)) throw new Error('a drawing thread answered a chart without a PNG');
        return toBuffer(answer.png);
      },
    },
    async animate(result, withStill) {
      const answer = await settled({ kind: 'animation', result, withStill });
      if (!('animation' in answer)) throw new Error('a drawing thread answered an animation without one');
      const drawn = answer.animation;
      if (!drawn) return undefined;
      return {
        ...drawn,
        gif: toBuffer(drawn.gif),
        ...(drawn.still ? { still: toBuffer(drawn.still) } : {}),
      };
    },
    get replacements() {
      return replacements;
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = new Error('the drawing threads were closed');
      for (const pending of line.splice(0)) pending.reject(error);
      const all = [...threads];
      threads.clear();
      for (const thread of all) thread.job?.reject(error);
      await Promise.all(all.map((thread) => thread.worker.terminate()));
    },
  };
}

/** Drawing on the calling thread (threads: 0). */
function drawHere(devicePixelRatio: number | undefined): DrawPool {
  return {
    renderer: createLocalRenderer(devicePixelRatio === undefined ? {} : { devicePixelRatio }),
    animate: drawAnimation,
    replacements: 0,
    close: async () => {},
  };
}
