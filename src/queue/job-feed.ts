import { Job, QueueEvents } from 'bullmq';
import type { QueueJobData, QueueJobReturn } from './protocol.js';
import { oncePerOutage, redisOptions } from './redis.js';
import {
  backInLine,
  ended,
  type FeedContext,
  onCompleted,
  onFailed,
  onProgress,
  onRemoved,
} from './run-events.js';
import { withTimeout } from './time.js';

/**
 * How long closing waits for the event reader's disconnect. BullMQ's disconnect waits for the
 * client's 'end', which a client between two reconnection attempts to a dead Redis never emits: the
 * disconnect itself (no more reconnecting) is done at once, and only the wait is cut short.
 */
const DISCONNECT_WAIT_MS = 250;

/*
 * Turns what the queue says about a replica's runs into hook calls and outcomes. Two sources feed
 * it: BullMQ's event stream (prompt, but an event can be missed while Redis is away) and a periodic
 * reconciliation that asks Redis for the state of every run still waiting for an answer (slow, but
 * it catches missed events and runs lost with a Redis restart). Both may report the same ending;
 * `finishRun` keeps only the first, so every request still gets exactly one outcome.
 */

/** The feed of one job service. */
export interface JobFeed {
  /** Resolves once the event stream is being read. */
  ready(): Promise<void>;
  /** Settles every job whose ending the events did not bring. */
  reconcile(): Promise<void>;
  /**
   * Stops reading at once. A graceful close would wait for the blocking read in flight (up to
   * BullMQ's 10 s block), and an event reader has nothing to flush.
   */
  close(): Promise<void>;
}

/** Reads the queue's event stream into the run event handlers. */
function readQueueEvents(context: FeedContext): QueueEvents {
  const { config, keys } = context;
  const events = new QueueEvents(config.queueName, {
    connection: redisOptions(config.redisUrl, 'blocking', config.redisTimeoutMs),
    prefix: keys.prefix,
  });
  const outage = oncePerOutage((error) => context.report(error, 'queue events'));
  events.on('error', outage.error);
  events.on('progress', ({ jobId, data }) => onProgress(context, jobId, data));
  events.on('active', () => context.lineChanged());
  events.on('waiting', ({ jobId }) => backInLine(context, jobId));
  events.on('delayed', ({ jobId }) => backInLine(context, jobId));
  events.on('stalled', ({ jobId }) => backInLine(context, jobId));
  events.on('completed', ({ jobId, returnvalue }) => {
    onCompleted(context, jobId, returnvalue).catch((error) => context.report(error, 'completed event'));
  });
  events.on('failed', ({ jobId, failedReason }) => onFailed(context, jobId, failedReason));
  events.on('removed', ({ jobId }) => onRemoved(context, jobId));
  void events
    .waitUntilReady()
    .then((connection) => connection.on('ready', outage.recovered))
    .catch(() => undefined);
  return events;
}

/** Asks Redis how each run still waiting for an answer stands, and settles those that ended. */
async function reconcileRuns(context: FeedContext): Promise<void> {
  const { queue } = context;
  for (const run of [...context.runs.values()]) {
    if (!run.enqueued || run.state === 'finished') continue;
    const state = await queue.getJobState(run.id);
    if (state === 'completed') {
      const remote = await Job.fromId<QueueJobData, QueueJobReturn>(queue, run.id);
      await onCompleted(context, run.id, remote?.returnvalue);
    } else if (state === 'failed') {
      const remote = await Job.fromId(queue, run.id);
      onFailed(context, run.id, remote?.failedReason);
    } else if (state === 'unknown') {
      // Redis came back empty (restarted without persistence, or flushed): nothing ran to the end.
      context.release(run.ref);
      context.finishRun(run, ended({ status: 'lost' }));
    }
  }
}

/** Starts reading the queue's events for the runs in `context.runs`, once Redis is connected. */
export function startJobFeed(context: FeedContext): JobFeed {
  const { client } = context;
  let events: QueueEvents | undefined;
  // Created once the command connection is up: a reader made while Redis is down could not be closed.
  const connected = new Promise<QueueEvents>((resolve) => {
    const listen = () => {
      events ??= readQueueEvents(context);
      resolve(events);
    };
    if (client.status === 'ready') listen();
    else client.once('ready', listen);
  });
  return {
    ready: async () => {
      await (await connected).waitUntilReady();
    },
    reconcile: () => reconcileRuns(context),
    close: async () => {
      if (!events) return;
      await withTimeout(events.disconnect(), DISCONNECT_WAIT_MS, 'closing the event reader').catch(
        () => undefined,
      );
    },
  };
}
