import { parentPort, workerData } from 'node:worker_threads';
import { drawAnimation } from '../animation/animation.js';
import { createLocalRenderer } from '../render/local.js';
import type { DrawAnswer, DrawRequest, DrawThreadData } from './pool.js';

/*
 * Entry point of one drawing thread: Chart.js on @napi-rs/canvas and the GIF encoder, one job at a
 * time, for the pool in pool.ts. Drawing holds a thread for tens to hundreds of milliseconds; here
 * that is this thread, not the bot's event loop. The thread keeps the process's priority, above the
 * engine's niced training threads: a drawing finishes an answer, so it goes first.
 */

if (!parentPort) throw new Error('src/bot/charts/drawing/thread.ts must run in a worker thread');
const port = parentPort;
const { devicePixelRatio } = workerData as DrawThreadData;
const renderer = createLocalRenderer(devicePixelRatio === undefined ? {} : { devicePixelRatio });

async function answer(request: DrawRequest): Promise<DrawAnswer> {
  const { job } = request;
  if (job.kind === 'chart') return { id: request.id, png: await renderer.render(job.config, job.size) };
  return { id: request.id, animation: await drawAnimation(job.result, job.withStill) };
}

port.on('message', (request: DrawRequest) => {
  // A real crash, for the tests of the pool's recovery (honoured only when the pool allows it).
  if (request.crash) process.exit(1);
  answer(request).then(
    (message) => port.postMessage(message),
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ id: request.id, error: { name, message } } satisfies DrawAnswer);
    },
  );
});
