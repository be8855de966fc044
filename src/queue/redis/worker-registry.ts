import os from 'node:os';
import type { Redis } from 'ioredis';
import type { QueueKeys } from './keys.js';

/*
 * Workers announce themselves in a Redis hash, refreshed by a heartbeat, so that a bot replica can
 * say which backend its jobs run on and how many can run at once. An entry not refreshed for three
 * heartbeats belongs to a worker that died.
 */

/** What a worker says about itself. */
export interface WorkerInfo {
  id: string;
  backend: string;
  /** `gpu` or `cpu`; absent in entries written by workers older than this field. */
  device?: string;
  concurrency: number;
  host: string;
  pid: number;
  seenAt: number;
}

/** How often workers refresh their entry. */
export const WORKER_HEARTBEAT_MS = 5000;

/** Writes (or refreshes) this worker's entry. */
export async function announceWorker(
  redis: Redis,
  keys: QueueKeys,
  info: Omit<WorkerInfo, 'host' | 'pid' | 'seenAt'>,
) {
  const entry: WorkerInfo = { ...info, host: os.hostname(), pid: process.pid, seenAt: Date.now() };
  await redis.hset(keys.workers, info.id, JSON.stringify(entry));
}

/** Removes this worker's entry (it is shutting down). */
export async function retireWorker(redis: Redis, keys: QueueKeys, id: string): Promise<void> {
  await redis.hdel(keys.workers, id);
}

/** The workers seen in the last three heartbeats; forgets the others. */
export async function liveWorkers(redis: Redis, keys: QueueKeys, now = Date.now()): Promise<WorkerInfo[]> {
  const entries = await redis.hgetall(keys.workers);
  const live: WorkerInfo[] = [];
  const dead: string[] = [];
  for (const [id, json] of Object.entries(entries)) {
    try {
      const info = JSON.parse(json) as WorkerInfo;
      if (now - info.seenAt <= 3 * WORKER_HEARTBEAT_MS) live.push(info);
      else dead.push(id);
    } catch {
      dead.push(id);
    }
  }
  if (dead.length > 0) await redis.hdel(keys.workers, ...dead);
  return live;
}

/** "wasm (2 workers)", "tensorflow on GPU (1 worker), wasm (1 worker)", or a note that none is running. */
export function describeWorkers(workers: readonly WorkerInfo[]): string {
  if (workers.length === 0) return 'queue (no worker connected)';
  const byBackend = new Map<string, number>();
  for (const worker of workers) {
    const label = worker.device === 'gpu' ? `${worker.backend} on GPU` : worker.backend;
    byBackend.set(label, (byBackend.get(label) ?? 0) + 1);
  }
  return [...byBackend]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([backend, count]) => `${backend} (${count} worker${count === 1 ? '' : 's'})`)
    .join(', ');
}
