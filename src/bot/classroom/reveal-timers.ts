import type { QuizRow, Store } from '../../store/index.js';
import type { Logger } from '../logger.js';
import type { Platform } from '../types.js';
import type { Clock } from './clock.js';
import type { ClassroomPorts } from './ports.js';
import type { QuizRevealer } from './quiz-reveal.js';

/*
 * Timed reveals: one timer per open quiz. A timed reveal that fails (the queue is full, the run
 * timed out) is tried again a few minutes later, a few times, and then left for a person to reveal.
 *
 * Bot replicas sharing one database each arm a timer for every open quiz. Marking the quiz
 * `revealing` is atomic in the database, but a replica starting up reopens every `revealing`
 * quiz it is not revealing itself (after a crash, that reveal is lost), which would let it reveal
 * a quiz another replica is revealing. So with replicas (REDIS_URL) a timer first claims its
 * firing, keyed by the quiz and the planned instant, with the schedules' lock: one replica per
 * planned reveal, however many timers reach it.
 */

/** How long after a failed reveal the next try comes. */
export const REVEAL_RETRY_MS = 5 * 60_000;
const MAX_TIMED_TRIES = 3;

/** The reveal timers of open quizzes. */
export interface RevealTimers {
  /** Starts posting timed reveals through `post`; until then `arm` sets no timer. */
  start(post: ClassroomPorts['post']): void;
  /** (Re)sets the quiz's reveal timer, by default for its reveal time. */
  arm(quiz: QuizRow, at?: number): void;
  /** Drops the quiz's timer (a person is revealing it). */
  cancel(quizId: number): void;
  /** Drops every timer and waits for reveals in progress. */
  stop(): Promise<void>;
  /** Resolves once no timed reveal is running. */
  idle(): Promise<void>;
}

/** What the timers use; a reveal they start goes through `revealer`. */
export interface RevealTimerDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  revealer: QuizRevealer;
  /** The schedules' claim across replicas (src/queue/replica/fire-once.ts), when there are replicas. */
  fireOnce?: { claim(key: string, plannedAt: number): Promise<boolean> };
}

/** Creates the timers, none armed. */
export function createRevealTimers(deps: RevealTimerDeps): RevealTimers {
  const { store, clock, log, revealer } = deps;
  const timers = new Map<number, () => void>();
  const tries = new Map<number, number>();
  const working = new Set<Promise<void>>();
  let post: ClassroomPorts['post'] | undefined;

  function arm(quiz: QuizRow, at = quiz.revealAt) {
    timers.get(quiz.id)?.();
    if (!post) return;
    timers.set(
      quiz.id,
      clock.setTimer(at, () => {
        timers.delete(quiz.id);
        const work = timedReveal(quiz, at).catch((error: unknown) =>
          log.error({ err: error, quiz: quiz.id }, 'timed quiz reveal crashed'),
        );
        working.add(work);
        void work.finally(() => working.delete(work));
      }),
    );
  }

  /** Whether this replica makes the reveal planned for `at`; a lock out of reach is a failed try. */
  async function claimed(quiz: QuizRow, at: number): Promise<boolean | undefined> {
    if (!deps.fireOnce) return true;
    try {
      return await deps.fireOnce.claim(`quiz-${quiz.id}`, at);
    } catch (error) {
      log.warn({ err: error, quiz: quiz.id }, 'could not claim a timed quiz reveal');
      return undefined;
    }
  }

  async function timedReveal(planned: QuizRow, at: number) {
    const id = planned.id;
    const mine = await claimed(planned, at);
    if (mine === false) return;
    if (mine === undefined) {
      retry(planned);
      return;
    }
    if (!post || !store.quizzes.beginReveal(id)) return;
    const quiz = store.quizzes.get(id)!;
    const { ok, reply } = await revealer.reveal(quiz);
    if (ok) {
      await post({ platform: quiz.platform as Platform, conversation: quiz.conversation }, reply);
      return;
    }
    log.warn({ quiz: id, why: reply.blocks[0] }, 'timed quiz reveal failed');
    retry(quiz);
  }

  /** Tries again in a few minutes, a few times. */
  function retry(quiz: QuizRow) {
    const count = (tries.get(quiz.id) ?? 0) + 1;
    tries.set(quiz.id, count);
    if (count < MAX_TIMED_TRIES) arm(quiz, clock.now() + REVEAL_RETRY_MS);
  }

  return {
    start(postReply) {
      post = postReply;
    },
    arm,
    cancel(quizId) {
      timers.get(quizId)?.();
      timers.delete(quizId);
    },
    async stop() {
      post = undefined;
      for (const cancel of timers.values()) cancel();
      timers.clear();
      await Promise.allSettled([...working]);
    },
    async idle() {
      while (working.size > 0) await Promise.allSettled([...working]);
    },
  };
}
