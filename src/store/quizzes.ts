import type { Database } from 'better-sqlite3';
import { type QuizVotes, quizVotes } from './quiz-votes.js';

/** A quiz is open for votes, being revealed (its experiment running), or revealed. */
export type QuizStatus = 'open' | 'revealing' | 'revealed';

/** One answer a quiz offers. */
export interface QuizChoice {
  id: string;
  label: string;
}

/** One quiz, as stored. */
export interface QuizRow {
  id: number;
  platform: string;
  server: string | null;
  conversation: string;
  starter: string;
  kind: string;
  question: string;
  choices: QuizChoice[];
  /** The experiment's options (validated again when the quiz is revealed). */
  spec: Record<string, unknown>;
  status: QuizStatus;
  revealAt: number;
  /** The right choice's id, once revealed. */
  answer: string | null;
  createdAt: number;
  revealedAt: number | null;
}

/** The fields a new quiz is made from. */
export type NewQuiz = Omit<QuizRow, 'id' | 'status' | 'answer' | 'createdAt' | 'revealedAt'>;

/** Stored quizzes and votes. */
export interface QuizRepo extends QuizVotes {
  create(quiz: NewQuiz): QuizRow;
  get(id: number): QuizRow | undefined;
  inStatus(status: QuizStatus): QuizRow[];
  /** open → revealing; false when someone else already began the reveal. */
  beginReveal(id: number): boolean;
  /** revealing → open, when the experiment could not run. */
  reopen(id: number): void;
  finishReveal(id: number, answer: string): void;
}

interface Raw {
  id: number;
  platform: string;
  server: string | null;
  conversation: string;
  starter: string;
  kind: string;
  question: string;
  choices: string;
  spec: string;
  status: QuizStatus;
  reveal_at: number;
  answer: string | null;
  created_at: number;
  revealed_at: number | null;
}

const fromRaw = (r: Raw): QuizRow => ({
  id: r.id,
  platform: r.platform,
  server: r.server,
  conversation: r.conversation,
  starter: r.starter,
  kind: r.kind,
  question: r.question,
  choices: JSON.parse(r.choices) as QuizChoice[],
  spec: JSON.parse(r.spec) as Record<string, unknown>,
  status: r.status,
  revealAt: r.reveal_at,
  answer: r.answer,
  createdAt: r.created_at,
  revealedAt: r.revealed_at,
});

/** The quiz repository on an open database. */
export function quizRepo(db: Database, now: () => number): QuizRepo {
  const insert = db.prepare(`
    INSERT INTO quizzes (platform, server, conversation, starter, kind, question, choices, spec,
      status, reveal_at, created_at)
    VALUES (@platform, @server, @conversation, @starter, @kind, @question, @choices, @spec, 'open',
      @revealAt, @now)
    RETURNING *`);
  const byId = db.prepare('SELECT * FROM quizzes WHERE id = ?');
  const byStatus = db.prepare('SELECT * FROM quizzes WHERE status = ? ORDER BY id');
  const begin = db.prepare(`UPDATE quizzes SET status = 'revealing' WHERE id = ? AND status = 'open'`);
  const reopen = db.prepare(`UPDATE quizzes SET status = 'open' WHERE id = ? AND status = 'revealing'`);
  const finish = db.prepare(
    `UPDATE quizzes SET status = 'revealed', answer = ?, revealed_at = ? WHERE id = ?`,
  );
  const get = (id: number) => {
    const raw = byId.get(id) as Raw | undefined;
    return raw && fromRaw(raw);
  };
  return {
    create: (q) =>
      fromRaw(
        insert.get({
          ...q,
          choices: JSON.stringify(q.choices),
          spec: JSON.stringify(q.spec),
          now: now(),
        }) as Raw,
      ),
    get,
    inStatus: (status) => (byStatus.all(status) as Raw[]).map(fromRaw),
    ...quizVotes(db, now, get),
    beginReveal: (id) => begin.run(id).changes === 1,
    reopen: (id) => {
      reopen.run(id);
    },
    finishReveal: (id, answer) => {
      finish.run(answer, now(), id);
    },
  };
}
