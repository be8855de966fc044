import type { ExperimentResult } from '../../engine/result.js';
import type { Validation } from '../../engine/validate.js';
import type { QuizRow, Store } from '../../store/index.js';
import { isUserError } from '../errors.js';
import { explanationText } from '../explain/types.js';
import type { JobHooks, JobPort } from '../jobs/types.js';
import { privateNote } from '../replies/plain-replies.js';
import type { BotRequest, Reply, ReplyImage } from '../types.js';
import { QUIZ_KINDS } from './quiz-kinds.js';
import { revealReply } from './quiz-replies.js';

/*
 * A quiz's reveal: run its experiment, judge the answer, and show it with the votes. Timed and
 * asked-for reveals both come here.
 */

/** The parts of the tutor a reveal uses to run the experiment and show it (as in TutorServices). */
export interface ExperimentTools {
  jobs: Pick<JobPort, 'submit'>;
  validate(input: { experiment: string } & Record<string, unknown>): Validation;
  renderCharts(result: ExperimentResult): Promise<ReplyImage[]>;
  explain(result: ExperimentResult): { sentences: readonly { text: string }[] };
}

/** A reveal's reply, and whether the quiz is now revealed (else it was reopened). */
export interface RevealOutcome {
  ok: boolean;
  reply: Reply;
}

/** Runs reveals, remembering which ones run in this process. */
export interface QuizRevealer {
  /** Runs the experiment of a quiz already marked `revealing`; reopens it when that fails. */
  reveal(quiz: QuizRow, hooks?: JobHooks): Promise<RevealOutcome>;
  /** Whether this process is revealing the quiz; any other `revealing` quiz was cut off by a restart. */
  isRevealingHere(id: number): boolean;
}

/** Creates the revealer over the store and the tutor's experiment tools. */
export function createQuizRevealer(store: Store, tools: ExperimentTools): QuizRevealer {
  const revealingHere = new Set<number>();

  async function runReveal(quiz: QuizRow, hooks: JobHooks): Promise<RevealOutcome> {
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

  return {
    async reveal(quiz, hooks = {}) {
      revealingHere.add(quiz.id);
      try {
        return await runReveal(quiz, hooks);
      } finally {
        revealingHere.delete(quiz.id);
      }
    },
    isRevealingHere: (id) => revealingHere.has(id),
  };
}

/** Why this person may not reveal the quiz now (already revealed, not theirs), or undefined. */
export function earlyRevealRefusal(quiz: QuizRow, request: BotRequest): Reply | undefined {
  if (quiz.status === 'revealed') {
    const answer = quiz.choices.find((c) => c.id === quiz.answer)?.label ?? quiz.answer;
    return privateNote(`Quiz #${quiz.id} was already revealed: ${answer}.`);
  }
  if (quiz.starter !== request.user.id && !request.user.teacher) {
    return privateNote(`Only whoever started quiz #${quiz.id}, or a teacher, can reveal it early.`, [
      'It reveals itself when its time is up.',
    ]);
  }
  return undefined;
}
