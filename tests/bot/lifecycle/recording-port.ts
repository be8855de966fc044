import type { AnswerContext, RequestPort, WorkingState } from '../../../src/bot/lifecycle/request-port.js';
import type { Reply } from '../../../src/bot/types.js';

/** One call the lifecycle made on a port. */
export interface PortCall {
  at: number;
  call: keyof RequestPort;
  visibility?: string;
  working?: WorkingState;
  reply?: Reply;
  context?: AnswerContext;
}

/**
 * A port that records every call with its time. `busyMs` makes each call take that long, and
 * `overlaps` counts calls that started while another was still running (there must be none).
 */
export function recordingPort(options: { busyMs?: number } = {}) {
  const calls: PortCall[] = [];
  let running = 0;
  let overlaps = 0;
  const record = async (entry: Omit<PortCall, 'at'>) => {
    if (running > 0) overlaps += 1;
    running += 1;
    calls.push({ at: Date.now(), ...entry });
    if (options.busyMs) await new Promise((resolve) => setTimeout(resolve, options.busyMs));
    running -= 1;
  };
  const port: RequestPort = {
    acknowledge: (visibility, working) =>
      record({ call: 'acknowledge', visibility, ...(working ? { working } : {}) }),
    showProgress: (working) => record({ call: 'showProgress', working }),
    deliver: (reply, context) => record({ call: 'deliver', reply, context }),
    windowClosing: (working) => record({ call: 'windowClosing', ...(working ? { working } : {}) }),
  };
  return {
    port,
    calls,
    get overlaps() {
      return overlaps;
    },
    named: (call: keyof RequestPort) => calls.filter((c) => c.call === call),
  };
}
