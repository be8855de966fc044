import { afterAll, beforeAll } from 'vitest';
import { createJobService } from '../../../src/bot/jobs/job-service.js';
import type { EngineLike } from '../../../src/bot/jobs/types.js';
import { createEngine, type Engine } from '../../../src/engine/index.js';
import { type ContractRig, describeJobContract } from './job-contract.js';

/* The job contract kept by the in-process service, on the real engine's worker threads. */

let engine: Engine;
let runs = 0;
let seed = 1000;

beforeAll(async () => {
  engine = await createEngine({ workers: 1, backend: 'wasm' });
});
afterAll(async () => {
  await engine?.close();
});

const rig: ContractRig = {
  async service(limits = {}) {
    const counted: EngineLike = {
      get backend() {
        return engine.backend;
      },
      run(spec, options) {
        runs += 1;
        return engine.run(spec, options);
      },
    };
    return createJobService({ engine: counted, concurrency: 1, progressIntervalMs: 0, ...limits });
  },
  runsStarted: () => runs,
  freshSeed: () => ++seed,
};

describeJobContract('in-process', () => rig);
