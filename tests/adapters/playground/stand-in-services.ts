import type { EngineLike } from '../../../src/bot/jobs/types.js';
import { silentLogger } from '../../../src/bot/logger.js';
import type { TutorServices } from '../../../src/bot/services.js';
import { createTutorServices } from '../../../src/bot/tutor-services.js';
import type { ExperimentResult } from '../../../src/engine/result.js';

/*
 * Services for the HTTP-level tests: the real ones (job service, validation, lessons, /ask,
 * explanations, charts) on an engine that stands in for the real engine's timing only. Each run
 * reports some progress and then waits until it is aborted, so a test can watch a working
 * message, its progress and its end without training anything (the Chromium test trains for real).
 */

/** An engine whose runs never finish on their own. */
export function createWaitingEngine(): EngineLike & { readonly started: number } {
  let started = 0;
  return {
    backend: 'cpu',
    get started() {
      return started;
    },
    run(_spec, { onProgress, signal }) {
      started += 1;
      setTimeout(() => onProgress?.({ fraction: 0.37, loss: 0.5214, unitsDone: 1, units: 3 }), 20);
      return new Promise<ExperimentResult>((_resolve, reject) => {
        signal?.addEventListener('abort', () => {
          const error = new Error('aborted');
          error.name = 'AbortError';
          reject(error);
        });
      });
    },
  };
}

/** The real services around a waiting engine; `close` cancels whatever is still live. */
export function waitingServices(): { services: Omit<TutorServices, 'catalog'>; close(): Promise<void> } {
  const { services, jobs } = createTutorServices({
    engine: createWaitingEngine(),
    logger: silentLogger,
    charts: { kind: 'local' },
    concurrency: 1,
    // Room for the in-flight limit test: one client may queue more than usual here.
    jobs: { maxQueuedPerUser: 10, progressIntervalMs: 10 },
  });
  return { services, close: () => jobs.close() };
}
