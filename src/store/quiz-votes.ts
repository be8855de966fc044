import type { Database } from 'better-sqlite3';

/*
 * The votes on quizzes: one per person, changeable until the quiz closes. Kept apart from the
 * quizzes themselves, which only need to know whether a quiz is open and which choices it offers.
 */

/** One person's vote. */
export interface VoteRow {
  user: string;
  userName: string | null;
  choice: string;
  votedAt: number;
}

/** What a vote did. */
export type VoteOutcome = 'recorded' | 'changed' | 'unchanged' | 'closed' | 'not-found' | 'bad-choice';

/** What a vote needs to know of its quiz. */
interface VotedQuiz {
  status: string;
  choices: readonly { id: string }[];
}

/** Storing and reading votes. */
export interface QuizVotes {
  /** One vote per person: a second vote replaces the first, until the quiz closes. */
  vote(quizId: number, user: string, userName: string | null, choice: string): VoteOutcome;
  votes(quizId: number): VoteRow[];
  /** Vote counts by choice id (choices nobody picked are absent). */
  tally(quizId: number): Record<string, number>;
}

interface RawVote {
  user_id: string;
  user_name: string | null;
  choice: string;
  voted_at: number;
}

/** The votes on an open database; `quizOf` reads a quiz inside the vote's transaction. */
export function quizVotes(
  db: Database,
  now: () => number,
  quizOf: (id: number) => VotedQuiz | undefined,
): QuizVotes {
  const existing = db.prepare('SELECT choice FROM quiz_votes WHERE quiz_id = ? AND user_id = ?');
  const upsert = db.prepare(`
    INSERT INTO quiz_votes (quiz_id, user_id, user_name, choice, voted_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (quiz_id, user_id) DO UPDATE SET
      choice = excluded.choice, user_name = excluded.user_name, voted_at = excluded.voted_at`);
  const votes = db.prepare(
    'SELECT user_id, user_name, choice, voted_at FROM quiz_votes WHERE quiz_id = ? ORDER BY voted_at, user_id',
  );
  const tally = db.prepare('SELECT choice, COUNT(*) AS n FROM quiz_votes WHERE quiz_id = ? GROUP BY choice');
  // Checking the quiz is open and writing the vote happen in one transaction, so a vote can never
  // land after the reveal has begun.
  const vote = db.transaction(
    (quizId: number, user: string, userName: string | null, choice: string): VoteOutcome => {
      const quiz = quizOf(quizId);
      if (!quiz) return 'not-found';
      if (quiz.status !== 'open') return 'closed';
      if (!quiz.choices.some((c) => c.id === choice)) return 'bad-choice';
      const before = existing.get(quizId, user) as { choice: string } | undefined;
      upsert.run(quizId, user, userName, choice, now());
      return before === undefined ? 'recorded' : before.choice === choice ? 'unchanged' : 'changed';
    },
  );
  return {
    vote: (quizId, user, userName, choice) => vote(quizId, user, userName, choice),
    votes: (quizId) =>
      (votes.all(quizId) as RawVote[]).map((v) => ({
        user: v.user_id,
        userName: v.user_name,
        choice: v.choice,
        votedAt: v.voted_at,
      })),
    tally: (quizId) =>
      Object.fromEntries((tally.all(quizId) as { choice: string; n: number }[]).map((t) => [t.choice, t.n])),
  };
}
