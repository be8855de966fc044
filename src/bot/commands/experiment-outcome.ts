import type { ExperimentName, ExperimentSpec } from '../../engine/spec.js';
import type { JobOutcome } from '../jobs/types.js';
import { rerunButton } from '../replies/follow-ups.js';
import { privateNote } from '../replies/plain-replies.js';
import type { Reply } from '../types.js';

/*
 * What an experiment command answers when its run did not finish: each way a run can end early
 * gets its own words and, where it helps, what to do next.
 */

/** The queue forgot the run (its Redis restarted empty): say so, and that running it again is safe. */
function lostReply(name: ExperimentName, spec: ExperimentSpec): Reply {
  const again = rerunButton(spec);
  return {
    ...privateNote(`The training queue lost this ${name} run before it finished.`, [
      'Its Redis server was restarted or emptied while the run waited or ran, so no result was kept.',
      `Nothing else depends on it: running it again is safe${again ? ' (the button below does that).' : '.'}`,
    ]),
    buttons: again ? [again] : [],
  };
}

/** The answer to a run that ended without a result; a failed run throws instead. */
export function unfinishedReply(
  name: ExperimentName,
  spec: ExperimentSpec,
  outcome: Exclude<JobOutcome, { status: 'done' }>,
): Reply {
  switch (outcome.status) {
    case 'cancelled':
      return privateNote('Cancelled.', [`The ${name} run was stopped before it finished.`]);
    case 'timeout': {
      const seconds =
        outcome.limitMs < 10_000 ? (outcome.limitMs / 1000).toFixed(1) : Math.round(outcome.limitMs / 1000);
      return privateNote(`This ${name} run took longer than ${seconds} s and was stopped.`, [
        'Try fewer steps, seeds or points.',
      ]);
    }
    case 'lost':
      return lostReply(name, spec);
    case 'failed':
      // createBot logs this once, with the request's context, and answers with an apology.
      throw new Error(`${name} failed: ${outcome.error.name}: ${outcome.error.message}`, {
        cause: { spec },
      });
  }
}
