import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from './result.js';

/** What TUTOR_BACKEND may ask for: a specific TensorFlow.js backend, or the fastest one that works. */
export type BackendChoice = 'auto' | BackendName;

/** Thrown when an explicitly requested backend is not installed or does not start. */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

/*
 * The native packages are optional: they cannot install on machines that cannot download
 * libtensorflow. Their names sit in variables so that TypeScript does not look for their types.
 *
 * Every backend package registers itself with the @tensorflow/tfjs-core module it imports. That
 * must be the same copy this file imports: if npm nests a second tfjs-core under tfjs-node
 * (because its version differs from ours), the 'tensorflow' backend lands in that other copy's
 * registry and ours never sees it. `activate` detects that case and says so.
 */
const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];
const WASM_PACKAGE = '@tensorflow/tfjs-backend-wasm';
const CPU_PACKAGE = '@tensorflow/tfjs-backend-cpu';

/** True when `error` says that `specifier` itself is missing (not one of its own imports). */
function isMissingPackage(error: unknown, specifier: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${specifier}'`)
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function loadNative(): Promise<void> {
  for (const specifier of NATIVE_PACKAGES) {
    try {
      await import(specifier);
      return;
    } catch (error) {
      if (isMissingPackage(error, specifier)) continue;
      throw new BackendUnavailableError(
        `TUTOR_BACKEND=tensorflow: ${specifier} is installed but failed to load: ${describe(error)}`,
        { cause: error },
      );
    }
  }
  throw new BackendUnavailableError(
    'TUTOR_BACKEND=tensorflow, but neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed: ' +
      'npm install @tensorflow/tfjs-node (its install script downloads libtensorflow), ' +
      'or set TUTOR_BACKEND=wasm or cpu',
  );
}

async function loadBundled(name: 'wasm' | 'cpu', specifier: string): Promise<void> {
  try {
    await import(specifier);
  } catch (error) {
    throw new BackendUnavailableError(
      `TUTOR_BACKEND=${name}, but ${specifier} could not be loaded (npm install ${specifier}): ${describe(error)}`,
      { cause: error },
    );
  }
}

const loaders: Record<BackendName, () => Promise<void>> = {
  tensorflow: loadNative,
  wasm: () => loadBundled('wasm', WASM_PACKAGE),
  cpu: () => loadBundled('cpu', CPU_PACKAGE),
};

/** Loads one backend's package and makes it the active backend, or throws saying why not. */
async function activate(name: BackendName): Promise<void> {
  await loaders[name]();
  if (tf.findBackendFactory(name) === null) {
    throw new BackendUnavailableError(
      `TUTOR_BACKEND=${name}: the package loaded but registered its backend with another copy of ` +
        '@tensorflow/tfjs-core; install versions that share one tfjs-core (npm ls @tensorflow/tfjs-core)',
    );
  }
  // setBackend answers false when the backend's initialization fails, e.g. when the .wasm binary
  // cannot be read; tfjs keeps the reason to its (silenced) console.
  const ok = await tf.setBackend(name);
  if (!ok) {
    throw new BackendUnavailableError(
      `TUTOR_BACKEND=${name}: the backend is installed but failed to initialize`,
    );
  }
  await tf.ready();
}

/**
 * Sets up the TensorFlow.js backend for this thread and returns the name of the active one.
 * `auto` tries tensorflow, then wasm, then cpu; an explicit choice that fails throws, never falls back.
 */
export async function initBackend(choice: BackendChoice): Promise<BackendName> {
  // The engine never logs; PROD silences tfjs's console hints (e.g. "install tfjs-node") and
  // changes nothing else in tfjs-core 4.x or the wasm/cpu backends.
  tf.env().set('PROD', true);
  if (choice !== 'auto') {
    await activate(choice);
    return choice;
  }
  const failures: string[] = [];
  for (const name of ['tensorflow', 'wasm', 'cpu'] as const) {
    try {
      await activate(name);
      return name;
    } catch (error) {
      failures.push(describe(error));
    }
  }
  throw new BackendUnavailableError(`no TensorFlow.js backend could start:\n  ${failures.join('\n  ')}`);
}
