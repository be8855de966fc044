import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-cpu';

/** Sets up the wasm backend for a test file (the engine's fast path), or cpu if wasm cannot start. */
export async function useWasmBackend(): Promise<string> {
  tf.env().set('PROD', true);
  const ok = await tf.setBackend('wasm').catch(() => false);
  if (!ok) await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}
