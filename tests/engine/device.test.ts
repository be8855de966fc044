import { describe, expect, it } from 'vitest';
import { deviceFacts, deviceOf } from '../../src/engine/device.js';
import { describeWorkers, type WorkerInfo } from '../../src/queue/redis/worker-registry.js';

describe('the engine device', () => {
  it('is the GPU only for the CUDA build of the native backend with an NVIDIA device visible', () => {
    expect(deviceOf({ backend: 'tensorflow', gpuBuild: true, nvidiaDevice: true })).toBe('gpu');
    expect(deviceOf({ backend: 'tensorflow', gpuBuild: true, nvidiaDevice: false })).toBe('cpu');
    expect(deviceOf({ backend: 'tensorflow', gpuBuild: false, nvidiaDevice: true })).toBe('cpu');
    expect(deviceOf({ backend: 'wasm', gpuBuild: true, nvidiaDevice: true })).toBe('cpu');
    expect(deviceOf({ backend: 'cpu', gpuBuild: true, nvidiaDevice: true })).toBe('cpu');
  });

  it('finds no CUDA build on a machine where it is not installed', () => {
    // tfjs-node-gpu cannot install where libtensorflow cannot be downloaded, as on CI machines.
    expect(deviceFacts('wasm')).toMatchObject({ backend: 'wasm', gpuBuild: false });
  });

  it('shows in the queue status next to the backend, for workers that report it', () => {
    const worker = (backend: string, device?: string): WorkerInfo => ({
      id: `${backend}-${device}`,
      backend,
      ...(device ? { device } : {}),
      concurrency: 1,
      host: 'h',
      pid: 1,
      seenAt: 0,
    });
    expect(describeWorkers([worker('tensorflow', 'gpu'), worker('wasm', 'cpu'), worker('wasm')])).toBe(
      'tensorflow on GPU (1 worker), wasm (2 workers)',
    );
  });
});
