import type { Database } from 'better-sqlite3';

/** One finished experiment, for /history. */
export interface RunRow {
  id: number;
  platform: string;
  user: string;
  conversation: string;
  /** The command that repeats it exactly, e.g. `/train depth:8 seed:3`. */
  command: string;
  /** The validated spec (JSON), so a rerun button can be built from the configuration. */
  spec: Record<string, unknown>;
  headline: string;
  createdAt: number;
}

/** What is recorded of a run. */
export type NewRun = Omit<RunRow, 'id' | 'createdAt'>;

/** Stored run history. */
export interface RunRepo {
  add(run: NewRun): RunRow;
  /** A user's most recent runs on one platform, newest first. */
  recent(platform: string, user: string, limit: number): RunRow[];
}

interface Raw {
  id: number;
  platform: string;
  user_id: string;
  conversation: string;
  command: string;
  spec: string;
  headline: string;
  created_at: number;
}

const fromRaw = (r: Raw): RunRow => ({
  id: r.id,
  platform: r.platform,
  user: r.user_id,
  conversation: r.conversation,
  command: r.command,
  spec: JSON.parse(r.spec) as Record<string, unknown>,
  headline: r.headline,
  createdAt: r.created_at,
});

/** The run repository on an open database. */
export function runRepo(db: Database, now: () => number): RunRepo {
  const insert = db.prepare(`
    INSERT INTO runs (platform, user_id, conversation, command, spec, headline, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`);
  const recent = db.prepare(`
    SELECT * FROM runs WHERE platform = ? AND user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`);
  return {
    add: (r) =>
      fromRaw(
        insert.get(
          r.platform,
          r.user,
          r.conversation,
          r.command,
          JSON.stringify(r.spec),
          r.headline,
          now(),
        ) as Raw,
      ),
    recent: (platform, user, limit) => (recent.all(platform, user, limit) as Raw[]).map(fromRaw),
  };
}
