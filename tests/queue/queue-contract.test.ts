import { afterAll, beforeAll } from 'vitest';
import { createQueueJobService } from '../../src/queue/replica/service.js';
import { type ContractRig, describeJobContract } from '../bot/jobs/job-contract.js';
import { type RedisServer, startRedisServer } from './redis-server.js';
import { startFleet, type WorkerFleet } from './worker-fleet.js';

/* The job contract kept by the Redis service: a real redis-server and a real worker process. */

let redis: RedisServer;
let fleet: WorkerFleet;
let seed = 2000;

beforeAll(async () => {
  redis = await startRedisServer();
  fleet = startFleet({ redisUrl: redis.url, count: 1 });
  await fleet.ready();
}, 120_000);
afterAll(async () => {
  await fleet?.stop();
  await redis?.stop();
});

const rig: ContractRig = {
  async service(limits = {}) {
    const service = createQueueJobService({
      redisUrl: redis.url,
      progressIntervalMs: 0,
      reconcileMs: 500,
      ...limits,
    });
    await service.ready();
    return service;
  },
  // Every engine run on the queue starts with this line in its worker's log.
  runsStarted: () =>
    fleet.all.flatMap((worker) => worker.logs).filter((line) => line.msg === 'job started').length,
  freshSeed: () => ++seed,
};

describeJobContract('Redis queue', () => rig);
