import type { Database } from 'better-sqlite3';

/**
 * Where a due post stands. `pending`: recorded, nothing on its way to the channel (safe to send);
 * `sending`: handed to the platform, not yet confirmed; `unconfirmed`: was `sending` when the
 * process stopped, so it may or may not have arrived and is never sent again.
 */
export type PostStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'missed' | 'unconfirmed';

/** One due post of a schedule; (scheduleId, dueAt) is its idempotency key. */
export interface PostRow {
  id: number;
  scheduleId: number;
  dueAt: number;
  status: PostStatus;
  /** The command whose reply is posted (the lesson-plan demo chosen when it was recorded). */
  command: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  recordedAt: number;
  sentAt: number | null;
}

/** Stored posts. */
export interface PostRepo {
  /** The latest due time recorded for a schedule, whatever became of it. */
  lastDueAt(scheduleId: number): number | undefined;
  /** Records a due post as pending; undefined when that due time was already recorded. */
  claim(scheduleId: number, dueAt: number, command: string | null): PostRow | undefined;
  /** Records a due time that will not be posted; false when already recorded. */
  recordMissed(scheduleId: number, dueAt: number): boolean;
  /** Pending posts whose next attempt is due. */
  ready(at: number): PostRow[];
  inStatus(status: PostStatus): PostRow[];
  /** The earliest retry time of a pending post after `at`. */
  nextRetryAfter(at: number): number | undefined;
  forSchedule(scheduleId: number): PostRow[];
  /** Counts an attempt on a pending post; undefined when it is no longer pending. */
  beginAttempt(id: number): PostRow | undefined;
  /** pending → sending; false when it was not pending. */
  markSending(id: number): boolean;
  markSent(id: number): void;
  /** Back to pending, to be tried again at `nextAttemptAt`. */
  markRetry(id: number, error: string, nextAttemptAt: number): void;
  /** Ends a post in one of the final states. */
  finish(id: number, status: 'failed' | 'missed' | 'unconfirmed', error?: string): void;
}

interface Raw {
  id: number;
  schedule_id: number;
  due_at: number;
  status: PostStatus;
  command: string | null;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  recorded_at: number;
  sent_at: number | null;
}

const fromRaw = (r: Raw): PostRow => ({
  id: r.id,
  scheduleId: r.schedule_id,
  dueAt: r.due_at,
  status: r.status,
  command: r.command,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  recordedAt: r.recorded_at,
  sentAt: r.sent_at,
});
const maybe = (raw: unknown) => (raw === undefined ? undefined : fromRaw(raw as Raw));

/** The post repository on an open database. */
export function postRepo(db: Database, now: () => number): PostRepo {
  const lastDue = db.prepare('SELECT MAX(due_at) AS due FROM posts WHERE schedule_id = ?');
  const insert = db.prepare(`
    INSERT INTO posts (schedule_id, due_at, status, command, recorded_at)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (schedule_id, due_at) DO NOTHING
    RETURNING *`);
  const ready = db.prepare(`
    SELECT * FROM posts WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
    ORDER BY due_at, id`);
  const inStatus = db.prepare('SELECT * FROM posts WHERE status = ? ORDER BY due_at, id');
  const nextRetry = db.prepare(
    `SELECT MIN(next_attempt_at) AS at FROM posts WHERE status = 'pending' AND next_attempt_at > ?`,
  );
  const forSchedule = db.prepare('SELECT * FROM posts WHERE schedule_id = ? ORDER BY due_at, id');
  const begin = db.prepare(`
    UPDATE posts SET attempts = attempts + 1 WHERE id = ? AND status = 'pending' RETURNING *`);
  const sending = db.prepare(`UPDATE posts SET status = 'sending' WHERE id = ? AND status = 'pending'`);
  const sent = db.prepare(`UPDATE posts SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?`);
  const retry = db.prepare(`
    UPDATE posts SET status = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?`);
  const finish = db.prepare('UPDATE posts SET status = ?, last_error = COALESCE(?, last_error) WHERE id = ?');
  return {
    lastDueAt: (scheduleId) => (lastDue.get(scheduleId) as { due: number | null }).due ?? undefined,
    claim: (scheduleId, dueAt, command) => maybe(insert.get(scheduleId, dueAt, 'pending', command, now())),
    recordMissed: (scheduleId, dueAt) => insert.get(scheduleId, dueAt, 'missed', null, now()) !== undefined,
    ready: (at) => (ready.all(at) as Raw[]).map(fromRaw),
    inStatus: (status) => (inStatus.all(status) as Raw[]).map(fromRaw),
    nextRetryAfter: (at) => (nextRetry.get(at) as { at: number | null }).at ?? undefined,
    forSchedule: (scheduleId) => (forSchedule.all(scheduleId) as Raw[]).map(fromRaw),
    beginAttempt: (id) => maybe(begin.get(id)),
    markSending: (id) => sending.run(id).changes === 1,
    markSent: (id) => {
      sent.run(now(), id);
    },
    markRetry: (id, error, nextAttemptAt) => {
      retry.run(error, nextAttemptAt, id);
    },
    finish: (id, status, error) => {
      finish.run(status, error ?? null, id);
    },
  };
}
