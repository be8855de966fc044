import type { Database } from 'better-sqlite3';

/** What a schedule posts: the next demo of the lesson plan, or the same command each time. */
export type PostKind = 'lesson-plan' | 'command';

/** One schedule, as stored. */
export interface ScheduleRow {
  id: number;
  platform: string;
  /** The server or workspace it belongs to (null where the platform has none). */
  server: string | null;
  /** Where it posts. */
  conversation: string;
  /** The teacher who created it: runs its commands and hears about failures. */
  owner: string;
  /** Five-field cron expression, read in `timeZone`. */
  cron: string;
  timeZone: string;
  /** As the teacher wrote it: daily, weekdays, mon,wed or a cron expression. */
  days: string;
  /** HH:MM, or null when `days` is a cron expression. */
  timeOfDay: string | null;
  postKind: PostKind;
  /** The command text for `command` schedules. */
  postCommand: string | null;
  /** Index of the next lesson-plan demo (taken modulo the plan's length). */
  planPosition: number;
  paused: boolean;
  /** Due times at or before this instant are never posted (set on creation and on resume). */
  activeSince: number;
  createdAt: number;
}

/** The fields a new schedule is made from. */
export type NewSchedule = Omit<ScheduleRow, 'id' | 'planPosition' | 'paused' | 'activeSince' | 'createdAt'>;

/** Stored schedules. */
export interface ScheduleRepo {
  add(schedule: NewSchedule): ScheduleRow;
  get(id: number): ScheduleRow | undefined;
  /** The schedules of one server (or of a platform without servers), oldest first. */
  list(platform: string, server: string | null): ScheduleRow[];
  /** Every schedule that is not paused. */
  active(): ScheduleRow[];
  /** Pauses or resumes; resuming starts afresh from now (nothing missed while paused is posted). */
  setPaused(id: number, paused: boolean): boolean;
  /** Moves the lesson plan on by one. */
  advancePlan(id: number): void;
  remove(id: number): boolean;
}

interface Raw {
  id: number;
  platform: string;
  server: string | null;
  conversation: string;
  owner: string;
  cron: string;
  time_zone: string;
  days: string;
  time_of_day: string | null;
  post_kind: PostKind;
  post_command: string | null;
  plan_position: number;
  paused: number;
  active_since: number;
  created_at: number;
}

const fromRaw = (r: Raw): ScheduleRow => ({
  id: r.id,
  platform: r.platform,
  server: r.server,
  conversation: r.conversation,
  owner: r.owner,
  cron: r.cron,
  timeZone: r.time_zone,
  days: r.days,
  timeOfDay: r.time_of_day,
  postKind: r.post_kind,
  postCommand: r.post_command,
  planPosition: r.plan_position,
  paused: r.paused === 1,
  activeSince: r.active_since,
  createdAt: r.created_at,
});

/** The schedule repository on an open database. */
export function scheduleRepo(db: Database, now: () => number): ScheduleRepo {
  const insert = db.prepare(`
    INSERT INTO schedules (platform, server, conversation, owner, cron, time_zone, days, time_of_day,
      post_kind, post_command, active_since, created_at)
    VALUES (@platform, @server, @conversation, @owner, @cron, @timeZone, @days, @timeOfDay,
      @postKind, @postCommand, @now, @now)
    RETURNING *`);
  const byId = db.prepare('SELECT * FROM schedules WHERE id = ?');
  const byServer = db.prepare('SELECT * FROM schedules WHERE platform = ? AND server IS ? ORDER BY id');
  const active = db.prepare('SELECT * FROM schedules WHERE paused = 0 ORDER BY id');
  const pause = db.prepare('UPDATE schedules SET paused = 1 WHERE id = ?');
  const resume = db.prepare('UPDATE schedules SET paused = 0, active_since = ? WHERE id = ?');
  const advance = db.prepare('UPDATE schedules SET plan_position = plan_position + 1 WHERE id = ?');
  const remove = db.prepare('DELETE FROM schedules WHERE id = ?');
  return {
    add: (s) => fromRaw(insert.get({ ...s, now: now() }) as Raw),
    get: (id) => {
      const raw = byId.get(id) as Raw | undefined;
      return raw && fromRaw(raw);
    },
    list: (platform, server) => (byServer.all(platform, server) as Raw[]).map(fromRaw),
    active: () => (active.all() as Raw[]).map(fromRaw),
    setPaused: (id, paused) => (paused ? pause.run(id) : resume.run(now(), id)).changes === 1,
    advancePlan: (id) => {
      advance.run(id);
    },
    remove: (id) => remove.run(id).changes === 1,
  };
}
