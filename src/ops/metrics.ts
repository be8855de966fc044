import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { JobOutcome } from '../bot/jobs/types.js';

/*
 * Prometheus metrics, each process with its own registry (tests build several in one process).
 * Node's default metrics come along, among them nodejs_eventloop_lag_seconds and its percentiles:
 * the figure that shows whether anything heavy slipped onto the bot's event loop.
 */

/** Seconds, for queue waits: from a cached answer to a long line. */
const WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
/** Seconds, for runs: a small train to the two-minute limit. */
const RUN_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** A registry that renders itself. */
export interface MetricsSource {
  readonly registry: Registry;
  readonly contentType: string;
  render(): Promise<string>;
}

/** The bot side's job metrics. */
export interface JobMetrics extends MetricsSource {
  /** Counts an answered job and records its wait and run time. */
  jobFinished(outcome: JobOutcome): void;
  /** Counts a refused job by its UserError code. */
  jobRefused(code: string): void;
}

function newRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

const renderer = (registry: Registry) => ({
  registry,
  contentType: registry.contentType,
  render: () => registry.metrics(),
});

/** Job metrics; `load` gives the queued and running counts whenever Prometheus scrapes. */
export function createJobMetrics(load: () => { queued: number; running: number }): JobMetrics {
  const registry = newRegistry();
  new Gauge({
    name: 'tutor_jobs_queued',
    help: 'Jobs waiting for an engine',
    registers: [registry],
    collect() {
      this.set(load().queued);
    },
  });
  new Gauge({
    name: 'tutor_jobs_running',
    help: 'Engine runs in progress',
    registers: [registry],
    collect() {
      this.set(load().running);
    },
  });
  const finished = new Counter({
    name: 'tutor_jobs_finished_total',
    help: 'Jobs answered, by outcome (done, cancelled, timeout, failed)',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'tutor_jobs_refused_total',
    help: 'Jobs refused, by reason (queue-full, too-many-jobs, queue-unavailable, ...)',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tutor_job_duration_seconds',
    help: 'Run time of jobs that were not answered from the cache',
    buckets: RUN_BUCKETS,
    registers: [registry],
  });
  const wait = new Histogram({
    name: 'tutor_job_queue_wait_seconds',
    help: 'Time from submission to the start of the run',
    buckets: WAIT_BUCKETS,
    registers: [registry],
  });
  return {
    ...renderer(registry),
    jobFinished(outcome) {
      finished.inc({ status: outcome.status });
      if (outcome.status !== 'done') return;
      wait.observe(outcome.queuedMs / 1000);
      if (!outcome.cached) duration.observe(outcome.runMs / 1000);
    },
    jobRefused: (code) => refused.inc({ code }),
  };
}

/** A queue worker's metrics. */
export interface WorkerMetrics extends MetricsSource {
  /** Records a job's end on this worker (status as in WorkerEvent). */
  jobEnded(status: string, ms: number): void;
}

/** Worker metrics; `running` gives the jobs running on this worker now. */
export function createWorkerMetrics(
  running: () => number,
  engine?: { backend: string; device: string },
): WorkerMetrics {
  const registry = newRegistry();
  if (engine) {
    // An info metric: constant 1, its labels say what computes this worker's runs.
    new Gauge({
      name: 'tutor_worker_engine_info',
      help: 'The TensorFlow.js backend and device (gpu or cpu) of this worker',
      labelNames: ['backend', 'device'] as const,
      registers: [registry],
    }).set(engine, 1);
  }
  new Gauge({
    name: 'tutor_worker_jobs_running',
    help: 'Jobs running on this worker',
    registers: [registry],
    collect() {
      this.set(running());
    },
  });
  const ended = new Counter({
    name: 'tutor_worker_jobs_total',
    help: 'Jobs ended on this worker, by status (done, cached, cancelled, timeout, failed, retry, handed-back)',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tutor_worker_job_duration_seconds',
    help: 'Time this worker spent on each job',
    buckets: RUN_BUCKETS,
    registers: [registry],
  });
  return {
    ...renderer(registry),
    jobEnded(status, ms) {
      ended.inc({ status });
      duration.observe(ms / 1000);
    },
  };
}
