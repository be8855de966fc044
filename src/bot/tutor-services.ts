import os from 'node:os';
import type { ExperimentResult } from '../engine/result.js';
import { validateSpec } from '../engine/validate.js';
import type { Store } from '../store/index.js';
import { createLessonSearch } from './ask/index.js';
import { createDrawPool, type DrawPool, type DrawPoolOptions } from './charts/drawing/pool.js';
import { createReplyImages, type ReplyImageCacheOptions } from './charts/drawing/reply-images.js';
import type { ChartView } from './charts/layer-charts.js';
import { type ChartRendererOptions, createChartRenderer } from './charts/render/create.js';
import { type Classroom, type ClassroomOptions, createClassroom } from './classroom/classroom.js';
import { explainResult } from './explain/explain-result.js';
import type { JobServiceOptions } from './jobs/job-config.js';
import { createJobService } from './jobs/job-service.js';
import type { EngineLike, JobPort } from './jobs/types.js';
import { LESSONS } from './lessons/index.js';
import type { Logger } from './logger.js';
import type { TutorServices } from './services.js';

/** The parts the tutor's services are made from. */
export interface TutorParts {
  /** Runs the in-process job service's experiments; needed unless `queue` is given. */
  engine?: EngineLike;
  /** A job service built outside (the Redis queue when REDIS_URL is set), used instead of the in-process one. */
  queue?: { jobs: JobPort; backend(): string };
  /** Wraps whichever job service is used, e.g. to count its outcomes into metrics. */
  wrapJobs?: (jobs: JobPort) => JobPort;
  logger: Logger;
  charts: Omit<ChartRendererOptions, 'onFallback'> & {
    /** Drawing threads (default: one per core); the bot's event loop draws nothing. */
    threads?: number;
    /** The cache of drawn images per result (maxEntries 0 turns it off). */
    cache?: ReplyImageCacheOptions;
    /** Crash drawing threads for real (see DrawPoolOptions). Tests only. */
    faultInjection?: DrawPoolOptions['faultInjection'];
  };
  /** Experiments running at once; the engine's worker count is a good value. */
  concurrency: number;
  /** A teacher's markdown notes (TUTOR_ARTICLE), searched by /ask besides the lessons. */
  article?: { markdown: string; name: string };
  /** Overrides of the job limits (tests use short ones). */
  jobs?: Partial<Omit<JobServiceOptions, 'engine' | 'concurrency'>>;
  /** The database (TUTOR_DB): enables schedules, quizzes, settings and history. */
  store?: Store;
  /** Classroom timing: a test clock, the grace window, the retry delays of failed posts. */
  classroom?: Pick<ClassroomOptions, 'clock' | 'graceMs' | 'retryDelaysMs' | 'fireOnce'>;
}

/** The in-process job service on the parts' engine. */
function inProcessJobs(parts: TutorParts): JobPort {
  if (!parts.engine) throw new Error('createTutorServices needs an engine or a queue');
  return createJobService({
    engine: parts.engine,
    concurrency: parts.concurrency,
    onHookError: (error, hook) => parts.logger.warn({ err: error, hook }, 'job hook failed'),
    ...parts.jobs,
  });
}

/** Builds the services every command uses from an engine (or a queue) and settings. */
export function createTutorServices(parts: TutorParts): {
  services: Omit<TutorServices, 'catalog'>;
  jobs: JobPort;
  /** Present with a store; main.ts starts it once the adapters can post. */
  classroom?: Classroom;
  /** The drawing threads; close them on shutdown (they start with the first drawing). */
  drawing: DrawPool;
} {
  const log = parts.logger;
  const chosen = parts.queue?.jobs ?? inProcessJobs(parts);
  const jobs = parts.wrapJobs ? parts.wrapJobs(chosen) : chosen;
  const drawing = drawingPool(parts.charts);
  const { threads: _threads, cache, faultInjection: _faults, ...rendering } = parts.charts;
  const renderer = createChartRenderer({
    ...rendering,
    local: drawing.renderer,
    onFallback: (error) => log.warn({ err: error }, 'QuickChart failed; rendered the chart locally'),
  });
  const images = createReplyImages(renderer, drawing, cache);
  const search = createLessonSearch({
    lessons: LESSONS,
    ...(parts.article ? { article: parts.article } : {}),
  });
  const tools = {
    jobs,
    validate: validateSpec,
    renderCharts: async (result: ExperimentResult, view?: ChartView) => {
      try {
        return await images.draw(result, view);
      } catch (error) {
        log.warn({ err: error, experiment: result.experiment }, 'drawing the charts of a reply failed');
        throw error;
      }
    },
    explain: explainResult,
  };
  const classroom = parts.store && createClassroom({ store: parts.store, log, tools, ...parts.classroom });
  return {
    jobs,
    drawing,
    ...(classroom ? { classroom } : {}),
    services: {
      ...tools,
      lessons: LESSONS,
      ask: (question) => search.ask(question),
      closest: (question) => search.closest(question),
      lessonForTerm: (text) => search.lessonForTerm(text),
      backend: () => parts.queue?.backend() ?? parts.engine?.backend ?? 'none',
      startedAt: Date.now(),
      ...(classroom ? { classroom } : {}),
    },
  };
}

/** The drawing threads of the charts' options. */
function drawingPool(charts: TutorParts['charts']): DrawPool {
  return createDrawPool({
    threads: charts.threads ?? os.availableParallelism(),
    ...(charts.devicePixelRatio === undefined ? {} : { devicePixelRatio: charts.devicePixelRatio }),
    ...(charts.faultInjection ? { faultInjection: charts.faultInjection } : {}),
  });
}
