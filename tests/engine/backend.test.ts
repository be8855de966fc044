import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, initBackend } from '../../src/engine/backend.js';

/** A tiny computation on the active backend, to show it really works. */
function sumOnBackend(): number {
  return tf.tidy(() => tf.sum(tf.tensor1d([1, 2, 3.5])).dataSync()[0] ?? Number.NaN);
}

describe('initBackend', () => {
  it('starts wasm and computes on it', async () => {
    expect(await initBackend('wasm')).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(sumOnBackend()).toBe(6.5);
  });

  it('starts cpu and computes on it', async () => {
    expect(await initBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(sumOnBackend()).toBe(6.5);
  });

  it('refuses an explicit tensorflow request with install advice instead of falling back', async () => {
    await tf.setBackend('cpu');
    const attempt = initBackend('tensorflow');
    await expect(attempt).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(attempt).rejects.toThrow(
      /TUTOR_BACKEND=tensorflow, but neither @tensorflow\/tfjs-node-gpu nor @tensorflow\/tfjs-node is installed: npm install @tensorflow\/tfjs-node/,
    );
    expect(tf.getBackend()).toBe('cpu');
  });

  it('auto picks wasm when the native backend is missing', async () => {
    await tf.setBackend('cpu');
    expect(await initBackend('auto')).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.memory().numTensors).toBe(0);
  });
});
