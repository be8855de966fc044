import type { ExperimentResult } from '../../engine/result.js';
import type { Validation } from '../../engine/validate.js';
import type { QuizRow, Store } from '../../store/index.js';
import { isUserError, type UserError, userError } from '../errors.js';
import { explanationText } from '../explain/types.js';
import type { JobHooks, JobPort } from '../jobs/types.js';
import type { Logger } from '../logger.js';
import { privateNote } from '../replies/plain-replies.js';
import type { BotRequest, CommandIo, Platform, Reply, ReplyImage } from '../types.js';
import { checkLimits } from './class-settings.js';
import type { Clock } from './clock.js';
import type { ClassroomPorts } from './ports.js';
import { QUIZ_FIELDS, QUIZ_KINDS, type QuizValues } from './quiz-kinds.js';
import { questionReply, revealReply, voteReply } from './quiz-replies.js';

/*
 * Quizzes: predict, vote, reveal. Votes and the quiz's state live in the store, so a restart
 * loses nothing: open quizzes get their reveal timers back, and a reveal cut off by a restart is
 * run again (at least once: a reveal may, rarely, be posted twice rather than never).
 */

/** The parts of the tutor a reveal uses to run the experiment and show it (as in TutorServices). */
export interface ExperimentTools {
  jobs: Pick<JobPort, 'submit'>;
  validate(input: { experiment: string } & Record<string, unknown>): Validation;
  renderCharts(result: ExperimentResult): Promise<ReplyImage[]>;
  explain(result: ExperimentResult): { sentences: readonly { text: string }[] };
}

/** What the quiz service is made from. */
export interface QuizServiceOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  tools: ExperimentTools;
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

const RETRY_MS = 5 * 60_000;
const MAX_TIMED_TRIES = 3;

/** Creates the quiz service over the store. */
export function createQuizService(options: QuizServiceOptions): QuizService {
  const { store, clock, log, tools } = options;
  const timers = new Map<number, () => void>();
  const tries = new Map<number, number>();
  const working = new Set<Promise<void>>();
  // Reveals running in this process; any other `revealing` quiz was cut off by a restart.
  const revealingHere = new Set<number>();
  let post: ClassroomPorts['post'] | undefined;

  const find = (id: number, platform: Platform) => {
    const quiz = Number.isSafeInteger(id) ? store.quizzes.get(id) : undefined;
    return quiz?.platform === platform ? quiz : undefined;
  };

  /** Runs the experiment of a quiz already marked `revealing`; reopens it when that fails. */
  async function reveal(quiz: QuizRow, hooks: JobHooks = {}): Promise<{ ok: boolean; reply: Reply }> {
    revealingHere.add(quiz.id);
    try {
      return await runReveal(quiz, hooks);
    } finally {
      revealingHere.delete(quiz.id);
    }
  }

  async function runReveal(quiz: QuizRow, hooks: JobHooks): Promise<{ ok: boolean; reply: Reply }> {
    const kind = QUIZ_KINDS[quiz.kind];
    const checked = tools.validate(quiz.spec as { experiment: string });
    const fail = (why: string) => {
      store.quizzes.reopen(quiz.id);
      return { ok: false, reply: privateNote(`Quiz #${quiz.id} could not be revealed yet.`, [why]) };
    };
    if (!kind || !checked.ok) return fail('Its experiment is no longer valid.');
    const ticket = await tools.jobs.submit(
      { user: quiz.starter, conversation: quiz.conversation, spec: checked.spec, label: `quiz #${quiz.id}` },
      hooks,
    );
    if (isUserError(ticket)) return fail(ticket.message);
    const outcome = await ticket.done;
    if (outcome.status !== 'done') return fail(`The experiment ended as ${outcome.status}; try again soon.`);
    const verdict = kind.judge(outcome.result);
    const images = await tools.renderCharts(outcome.result);
    const explanation = explanationText(tools.explain(outcome.result));
    const votes = store.quizzes.votes(quiz.id);
    store.quizzes.finishReveal(quiz.id, verdict.answer);
    return { ok: true, reply: revealReply(quiz, verdict, votes, [explanation], images) };
  }

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
    const { ok, reply } = await reveal(quiz);
    if (ok) {
      await post({ platform: quiz.platform as Platform, conversation: quiz.conversation }, reply);
      return;
    }
    const count = (tries.get(id) ?? 0) + 1;
    tries.set(id, count);
    log.warn({ quiz: id, tries: count, why: reply.blocks[0] }, 'timed quiz reveal failed');
    if (count < MAX_TIMED_TRIES) arm(quiz, clock.now() + RETRY_MS);
  }

  return {
    start(request, values) {
      const kind = QUIZ_KINDS[values.kind ?? QUIZ_FIELDS.kind.default];
      if (!kind) return userError('invalid-option', 'kind must be depth or restarts', 'kind');
      const question = kind.build(values);
      const checked = tools.validate(question.spec);
      if (!checked.ok) return userError('invalid-option', checked.errors.map((e) => e.message).join('; '));
      const refusal = checkLimits(store, request, checked.spec);
      if (refusal) return refusal;
      const seconds = values.seconds ?? QUIZ_FIELDS.seconds.default;
      const quiz = store.quizzes.create({
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
      arm(quiz);
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
      if (quiz.status === 'revealed') {
        const answer = quiz.choices.find((c) => c.id === quiz.answer)?.label ?? quiz.answer;
        return privateNote(`Quiz #${quiz.id} was already revealed: ${answer}.`);
      }
      if (quiz.starter !== request.user.id && !request.user.teacher) {
        return privateNote(`Only whoever started quiz #${quiz.id}, or a teacher, can reveal it early.`, [
          'It reveals itself when its time is up.',
        ]);
      }
      if (!store.quizzes.beginReveal(quiz.id))
        return privateNote(`Quiz #${quiz.id} is being revealed right now.`);
      timers.get(quiz.id)?.();
      timers.delete(quiz.id);
      await io.accept({
        visibility: 'public',
        summary: `Revealing quiz #${quiz.id}: running the experiment`,
      });
      const { ok, reply } = await reveal(quiz, {
        onQueued: (position) => io.progress({ kind: 'queued', position }),
        onProgress: (p) => io.progress({ kind: 'running', ...p }),
      });
      if (!ok) arm(quiz, Math.max(quiz.revealAt, clock.now() + RETRY_MS));
      return reply;
    },
    resume(postReply) {
      post = postReply;
      for (const quiz of store.quizzes.inStatus('revealing')) {
        if (!revealingHere.has(quiz.id)) store.quizzes.reopen(quiz.id);
      }
      for (const quiz of store.quizzes.inStatus('open')) arm(quiz);
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
