/*
 * The schema, as numbered steps. A step, once released, never changes: a database file records
 * the last step applied (PRAGMA user_version) and only later steps run on it. Times are Unix
 * milliseconds (UTC); lists are JSON arrays in TEXT columns.
 */

/** One schema step. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** Every step, in order; `version` is the position plus one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'schedules, the posts they made, and run history',
    sql: `
      CREATE TABLE schedules (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        conversation TEXT NOT NULL,
        owner TEXT NOT NULL,
        cron TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        days TEXT NOT NULL,
        time_of_day TEXT,
        post_kind TEXT NOT NULL CHECK (post_kind IN ('lesson-plan', 'command')),
        post_command TEXT,
        plan_position INTEGER NOT NULL DEFAULT 0,
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        active_since INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE posts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        schedule_id INTEGER NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
        due_at INTEGER NOT NULL,
        status TEXT NOT NULL
          CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'missed', 'unconfirmed')),
        command TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        last_error TEXT,
        recorded_at INTEGER NOT NULL,
        sent_at INTEGER,
        UNIQUE (schedule_id, due_at)
      );
      CREATE INDEX posts_by_status ON posts(status, next_attempt_at);
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        user_id TEXT NOT NULL,
        conversation TEXT NOT NULL,
        command TEXT NOT NULL,
        spec TEXT NOT NULL,
        headline TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX runs_by_user ON runs(platform, user_id, created_at);
    `,
  },
  {
    version: 2,
    description: 'teacher settings per channel and per server; schedules know their server',
    sql: `
      ALTER TABLE schedules ADD COLUMN server TEXT;
      CREATE TABLE settings (
        scope_kind TEXT NOT NULL CHECK (scope_kind IN ('channel', 'server')),
        scope_id TEXT NOT NULL,
        allowed_channels TEXT,
        max_depth INTEGER,
        max_seeds INTEGER,
        max_steps INTEGER,
        teacher_roles TEXT,
        teacher_users TEXT,
        updated_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (scope_kind, scope_id)
      );
    `,
  },
  {
    version: 3,
    description: 'quizzes and their votes',
    sql: `
      CREATE TABLE quizzes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        server TEXT,
        conversation TEXT NOT NULL,
        starter TEXT NOT NULL,
        kind TEXT NOT NULL,
        question TEXT NOT NULL,
        choices TEXT NOT NULL,
        spec TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'revealing', 'revealed')),
        reveal_at INTEGER NOT NULL,
        answer TEXT,
        created_at INTEGER NOT NULL,
        revealed_at INTEGER
      );
      CREATE INDEX quizzes_by_status ON quizzes(status);
      CREATE TABLE quiz_votes (
        quiz_id INTEGER NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        user_name TEXT,
        choice TEXT NOT NULL,
        voted_at INTEGER NOT NULL,
        PRIMARY KEY (quiz_id, user_id)
      );
    `,
  },
  {
    version: 4,
    description: 'a channel setting that turns training animations off',
    sql: 'ALTER TABLE settings ADD COLUMN animate INTEGER;',
  },
];

/** The schema version this code writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS.length;
