import type { QuizRow, Store } from '../../store/index.js';
import { isUserError, type UserError, userError } from '../errors.js';
import type { Logger } from '../logger.js';
import { progressHooks } from '../progress-words.js';
import { privateNote } from '../replies/plain-replies.js';
import type { BotRequest, CommandIo, Platform, Reply } from '../types.js';
import { checkLimits } from './class-settings.js';
import type { Clock } from './clock.js';
import type { ClassroomPorts } from './ports.js';
import { QUIZ_FIELDS, QUIZ_KINDS, type QuizValues } from './quiz-kinds.js';
import { questionReply, voteReply } from './quiz-replies.js';
import { createQuizRevealer, type ExperimentTools, earlyRevealRefusal } from './quiz-reveal.js';
import { createRevealTimers, REVEAL_RETRY_MS, type RevealTimerDeps } from './reveal-timers.js';

/*
 * Quizzes: predict, vote, reveal. Votes and the quiz's state live in the store, so a restart
 * loses nothing: open quizzes get their reveal timers back, and a reveal cut off by a restart is
 * run again (at least once: a reveal may, rarely, be posted twice rather than never).
 */

/** What the quiz service is made from. */
export interface QuizServiceOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  tools: ExperimentTools;
  /** With several bot replicas: a timed reveal is made by the one replica that claims it. */
  fireOnce?: RevealTimerDeps['fireOnce'];
}

/** Starts quizzes, takes votes and reveals answers. */
export interface QuizService {
  start(request: BotRequest, values: QuizValues): Reply | UserError;
  vote(request: BotRequest, quizId: number, choice: string): Reply;
  /** A reveal asked for by a person: the starter or a teacher. */
  revealBy(request: BotRequest, quizId: number, io: CommandIo): Promise<Reply>;
  /** Arms reveal timers (posting through `post`) for every open quiz, after a restart too. */
  resume(post: ClassroomPorts['post']): void;
  stop(): Promise<void>;
  /** Resolves once no timed reveal is running. */
  idle(): Promise<void>;
}

/** Checks the quiz's experiment against the engine and the channel's limits, then stores it open. */
function createQuiz(
  options: QuizServiceOptions,
  request: BotRequest,
  values: QuizValues,
): QuizRow | UserError {
  const { store, clock, tools } = options;
  const kind = QUIZ_KINDS[values.kind ?? QUIZ_FIELDS.kind.default];
  if (!kind) return userError('invalid-option', 'kind must be depth or restarts', 'kind');
  const question = kind.build(values);
  const checked = tools.validate(question.spec);
  if (!checked.ok) return userError('invalid-option', checked.errors.map((e) => e.message).join('; '));
  const refusal = checkLimits(store, request, checked.spec);
  if (refusal) return refusal;
  const seconds = values.seconds ?? QUIZ_FIELDS.seconds.default;
  return store.quizzes.create({
    platform: request.platform,
    server: request.server ?? null,
    conversation: request.conversation,
    starter: request.user.id,
    kind: kind.name,
    question: question.question,
    choices: question.choices,
    spec: checked.spec as unknown as Record<string, unknown>,
    revealAt: clock.now() + seconds * 1000,
  });
}

/** Creates the quiz service over the store. */
export function createQuizService(options: QuizServiceOptions): QuizService {
  const { store, clock, log, tools } = options;
  const revealer = createQuizRevealer(store, tools);
  const timers = createRevealTimers({
    store,
    clock,
    log,
    revealer,
    ...(options.fireOnce ? { fireOnce: options.fireOnce } : {}),
  });

  const find = (id: number, platform: Platform) => {
    const quiz = Number.isSafeInteger(id) ? store.quizzes.get(id) : undefined;
    return quiz?.platform === platform ? quiz : undefined;
  };

  return {
    start(request, values) {
      const quiz = createQuiz(options, request, values);
      if (isUserError(quiz)) return quiz;
      timers.arm(quiz);
      return questionReply(quiz, clock.now());
    },
    vote(request, quizId, choice) {
      const quiz = find(quizId, request.platform);
      const outcome = quiz
        ? store.quizzes.vote(quiz.id, request.user.id, request.user.name ?? null, choice)
        : 'not-found';
      return voteReply(quiz, choice, outcome);
    },
    async revealBy(request, quizId, io) {
      const quiz = find(quizId, request.platform);
      if (!quiz) return voteReply(undefined, '', 'not-found');
      const refusal = earlyRevealRefusal(quiz, request);
      if (refusal) return refusal;
      if (!store.quizzes.beginReveal(quiz.id))
        return privateNote(`Quiz #${quiz.id} is being revealed right now.`);
      timers.cancel(quiz.id);
      await io.accept({
        visibility: 'public',
        summary: `Revealing quiz #${quiz.id}: running the experiment`,
      });
      const shown = progressHooks(io);
      const { ok, reply } = await revealer.reveal(quiz, shown.hooks);
      if (!ok) timers.arm(quiz, Math.max(quiz.revealAt, clock.now() + REVEAL_RETRY_MS));
      return reply;
    },
    resume(postReply) {
      timers.start(postReply);
      for (const quiz of store.quizzes.inStatus('revealing')) {
        if (!revealer.isRevealingHere(quiz.id)) store.quizzes.reopen(quiz.id);
      }
      for (const quiz of store.quizzes.inStatus('open')) timers.arm(quiz);
    },
    stop: () => timers.stop(),
    idle: () => timers.idle(),
  };
}
