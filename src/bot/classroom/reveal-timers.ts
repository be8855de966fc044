import type { QuizRow, Store } from '../../store/index.js';
import type { Logger } from '../logger.js';
import type { Platform } from '../types.js';
import type { Clock } from './clock.js';
import type { ClassroomPorts } from './ports.js';
import type { QuizRevealer } from './quiz-reveal.js';

/*
 * Timed reveals: one timer per open quiz. A timed reveal that fails (the queue is full, the run
 * timed out) is tried again a few minutes later, a few times, and then left for a person to reveal.
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
        const work = timedReveal(quiz.id).catch((error: unknown) =>
          log.error({ err: error, quiz: quiz.id }, 'timed quiz reveal crashed'),
        );
        working.add(work);
        void work.finally(() => working.delete(work));
      }),
    );
  }

  async function timedReveal(id: number) {
    if (!post || !store.quizzes.beginReveal(id)) return;
    const quiz = store.quizzes.get(id)!;
    const { ok, reply } = await revealer.reveal(quiz);
    if (ok) {
      await post({ platform: quiz.platform as Platform, conversation: quiz.conversation }, reply);
      return;
    }
    const count = (tries.get(id) ?? 0) + 1;
    tries.set(id, count);
    log.warn({ quiz: id, tries: count, why: reply.blocks[0] }, 'timed quiz reveal failed');
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
