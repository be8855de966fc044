import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BackendName } from './result.js';

/*
 * Which device computes a worker's runs, for /status, the log and metrics. Only the native backend
 * can use a GPU, and only through @tensorflow/tfjs-node-gpu, which the engine prefers over
 * tfjs-node when both are installed. That build still falls back to the CPU when the container
 * was not given a GPU (`--gpus all` mounts /dev/nvidiactl), so both facts decide.
 */

/** The device experiments run on. */
export type Device = 'gpu' | 'cpu';

/** What decides the device. */
export interface DeviceFacts {
  backend: BackendName;
  /** @tensorflow/tfjs-node-gpu is installed (so the tensorflow backend is its CUDA build). */
  gpuBuild: boolean;
  /** An NVIDIA device node is visible to this process. */
  nvidiaDevice: boolean;
}

/** GPU only for the CUDA build of the native backend with an NVIDIA device present. */
export function deviceOf({ backend, gpuBuild, nvidiaDevice }: DeviceFacts): Device {
  return backend === 'tensorflow' && gpuBuild && nvidiaDevice ? 'gpu' : 'cpu';
}

function installed(specifier: string): boolean {
  try {
    createRequire(import.meta.url).resolve(`${specifier}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/** The facts on this machine, for a backend the engine has started. */
export function deviceFacts(backend: BackendName): DeviceFacts {
  return {
    backend,
    gpuBuild: installed('@tensorflow/tfjs-node-gpu'),
    nvidiaDevice: existsSync('/dev/nvidiactl'),
  };
}
