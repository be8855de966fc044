import { isUserError, type UserError } from '../bot/errors.js';
import type { JobHooks, JobPort, JobRequest, JobTicket } from '../bot/jobs/types.js';
import type { JobMetrics } from './metrics.js';

/**
 * The same service, counting every refusal and every outcome into `metrics`. A wrapper rather than
 * a hook inside each service, so neither service knows about Prometheus.
 */
export function withJobMetrics<S extends Pick<JobPort, 'submit'>>(service: S, metrics: JobMetrics): S {
  const observe = (answer: UserError | JobTicket): UserError | JobTicket => {
    if (isUserError(answer)) metrics.jobRefused(answer.code);
    else void answer.done.then((outcome) => metrics.jobFinished(outcome));
    return answer;
  };
  const submit = async (job: JobRequest, hooks?: JobHooks) => observe(await service.submit(job, hooks));
  // Both services are plain objects of functions, so a spread keeps every other method.
  return { ...service, submit } as S;
}
