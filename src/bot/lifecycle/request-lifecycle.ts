import { decodeButton } from '../buttons.js';
import type { Bot, ButtonPress } from '../create-bot.js';
import { settledWithin } from '../jobs/shared.js';
import type { Logger } from '../logger.js';
import { apologyReply, interruptedReply, restartingReply } from '../replies/plain-replies.js';
import type { BotRequest, Reply } from '../types.js';
import type { LifecycleTiming, RequestPort, Visibility } from './request-port.js';
import { createRequestSession, type RequestSession } from './request-session.js';

/** How long a stopping adapter waits for answers in flight: well inside main.ts's shutdown limit. */
export const STOP_GRACE_MS = 10_000;

/*
 * What every adapter used to write for itself: each request ends in exactly one answer, in time,
 * whatever the bot does. This is the one catch-all (a bug ends in the one apology), the one
 * refusal while the tutor restarts, and the one wait for requests in flight on stop.
 */

/** A slash command or a button press, as an adapter translated it. */
export type Incoming = BotRequest | ButtonPress;

/** The requests of one adapter, from arrival to answer, and their shutdown. */
export interface RequestLifecycle {
  /** Runs one request through the bot and answers through `port`; resolves after the answer. */
  serve(incoming: Incoming, port: RequestPort): Promise<void>;
  /** From now on new requests get the restart note. */
  stopAccepting(): void;
  /** Waits up to `graceMs` (default STOP_GRACE_MS) for requests in flight, then answers the rest with a restart note. */
  drain(graceMs?: number): Promise<void>;
  /** Requests not yet answered. */
  inFlight(): number;
}

const isPress = (incoming: Incoming): incoming is ButtonPress => 'buttonId' in incoming;

/** The command a request runs (a button carries its command in its id). */
function commandOf(incoming: Incoming): string {
  return isPress(incoming) ? (decodeButton(incoming.buttonId)?.command ?? 'button') : incoming.command;
}

/** Waits up to `graceMs` for the sessions' answers, then answers the rest with the restart note. */
async function drainSessions(sessions: Map<RequestSession, Promise<void>>, graceMs: number): Promise<void> {
  await settledWithin(Promise.all(sessions.values()), graceMs);
  const note = interruptedReply();
  const unanswered = [...sessions.keys()];
  sessions.clear();
  await Promise.all(unanswered.map((session) => session.finish(note)));
}

/** Creates the lifecycle of one adapter, with its platform's timing. */
export function createRequestLifecycle(options: {
  bot: Pick<Bot, 'commands' | 'handle' | 'handleButton'>;
  log: Logger;
  timing: LifecycleTiming;
  /** How the platform's errors are logged (Discord's carry interaction tokens in their URLs). */
  loggable?: (error: unknown) => unknown;
}): RequestLifecycle {
  const { bot, timing } = options;
  const loggable = options.loggable ?? ((error: unknown) => error);
  const visibilityOf = new Map<string, Visibility>(
    bot.commands.map((c) => [c.name, c.visibility ?? 'private']),
  );
  const sessions = new Map<RequestSession, Promise<void>>();
  let accepting = true;

  function answer(incoming: Incoming, session: RequestSession, log: Logger): Promise<Reply> {
    if (!accepting) return Promise.resolve(restartingReply());
    let asked: Promise<Reply>;
    try {
      asked = isPress(incoming) ? bot.handleButton(incoming, session.io) : bot.handle(incoming, session.io);
    } catch (error) {
      // A bot that throws before its first await breaks its promise the same way.
      asked = Promise.reject(error);
    }
    return asked.catch((error: unknown) => {
      log.error({ err: loggable(error) }, 'the bot failed to answer');
      return apologyReply(incoming.requestId);
    });
  }

  return {
    serve(incoming, port) {
      const command = commandOf(incoming);
      const log = options.log.child({ requestId: incoming.requestId, user: incoming.user.id, command });
      const session = createRequestSession({
        port,
        timing,
        // Experiments show their run to the conversation; anything else answers only the asker.
        defaultVisibility: visibilityOf.get(command) ?? 'private',
        log,
        loggable,
      });
      const done = answer(incoming, session, log)
        .then((reply) => session.finish(reply))
        .finally(() => sessions.delete(session));
      sessions.set(session, done);
      return done;
    },
    stopAccepting() {
      accepting = false;
    },
    drain: (graceMs = STOP_GRACE_MS) => drainSessions(sessions, graceMs),
    inFlight: () => sessions.size,
  };
}
