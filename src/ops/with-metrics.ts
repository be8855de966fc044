import { isUserError, type UserError } from '../bot/errors.js';
import type { JobHooks, JobRequest, JobTicket } from '../bot/jobs/types.js';
import type { JobMetrics } from './metrics.js';

/** Any job service: the in-process one answers submit at once, the Redis one after a round trip. */
export interface SubmittingService {
  submit(job: JobRequest, hooks?: JobHooks): UserError | JobTicket | Promise<UserError | JobTicket>;
}

/**
 * The same service, counting every refusal and every outcome into `metrics`. A wrapper rather than
 * a hook inside each service, so neither service knows about Prometheus.
 */
export function withJobMetrics<S extends SubmittingService>(service: S, metrics: JobMetrics): S {
  const observe = (answer: UserError | JobTicket): UserError | JobTicket => {
    if (isUserError(answer)) metrics.jobRefused(answer.code);
    else void answer.done.then((outcome) => metrics.jobFinished(outcome));
    return answer;
  };
  const submit = (job: JobRequest, hooks?: JobHooks) => {
    const answer = service.submit(job, hooks);
    return answer instanceof Promise ? answer.then(observe) : observe(answer);
  };
  // Both services are plain objects of functions, so a spread keeps every other method.
  return { ...service, submit } as S;
}
