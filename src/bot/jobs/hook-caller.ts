import type { JobHooks } from './types.js';

/** What a hook call needs to know about its job. */
export interface HookTarget {
  readonly hooks: JobHooks;
  readonly state: 'queued' | 'running' | 'finished';
}

/** Calls one hook of a job later, unless the job has ended by then. */
export type HookCaller = (
  target: HookTarget,
  name: keyof JobHooks,
  call: (hooks: JobHooks) => unknown,
) => void;

/**
 * Hooks run in a microtask, never inside submit() or the engine's progress callback: the caller of
 * submit() gets its ticket before any hook fires, and a slow or failing hook cannot reach into the
 * queue's bookkeeping. Microtasks run in order, so one job's hooks arrive in the order emitted.
 */
export function createHookCaller(onError?: (error: unknown, hook: keyof JobHooks) => void): HookCaller {
  const report = (error: unknown, name: keyof JobHooks) => {
    try {
      onError?.(error, name);
    } catch {
      // The error reporter itself failed; there is nobody left to tell.
    }
  };
  return (target, name, call) => {
    if (!target.hooks[name]) return;
    queueMicrotask(() => {
      if (target.state === 'finished') return;
      try {
        const returned = call(target.hooks);
        if (returned instanceof Promise) returned.catch((error: unknown) => report(error, name));
      } catch (error) {
        report(error, name);
      }
    });
  };
}
