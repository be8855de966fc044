import type { Database } from 'better-sqlite3';

/** A channel's settings, or a whole server's (a channel's own values win over its server's). */
export type ScopeKind = 'channel' | 'server';

/** A teacher's settings for one scope; null means "not set here". */
export interface Settings {
  /** Channels the bot answers students in (null: everywhere). */
  allowedChannels: string[] | null;
  maxDepth: number | null;
  maxSeeds: number | null;
  maxSteps: number | null;
  /** Whether replies show training as an animation (null: the default, yes). */
  animate: boolean | null;
  /** Discord role ids whose members count as teachers. */
  teacherRoles: string[] | null;
  /** User ids that count as teachers (Slack, or any platform). */
  teacherUsers: string[] | null;
}

/** Settings as stored, with who changed them last. */
export interface SettingsRow extends Settings {
  scopeKind: ScopeKind;
  scopeId: string;
  updatedBy: string;
  updatedAt: number;
}

/** A change: a value sets, null clears, a missing key leaves it as it was. */
export type SettingsPatch = Partial<Settings>;

/** Stored teacher settings. */
export interface SettingsRepo {
  get(kind: ScopeKind, id: string): SettingsRow | undefined;
  update(kind: ScopeKind, id: string, patch: SettingsPatch, by: string): SettingsRow;
  clear(kind: ScopeKind, id: string): boolean;
}

/** Settings with nothing set. */
export const NO_SETTINGS: Settings = {
  allowedChannels: null,
  maxDepth: null,
  maxSeeds: null,
  maxSteps: null,
  animate: null,
  teacherRoles: null,
  teacherUsers: null,
};

interface Raw {
  scope_kind: ScopeKind;
  scope_id: string;
  allowed_channels: string | null;
  max_depth: number | null;
  max_seeds: number | null;
  max_steps: number | null;
  animate: number | null;
  teacher_roles: string | null;
  teacher_users: string | null;
  updated_by: string;
  updated_at: number;
}

const list = (text: string | null) => (text === null ? null : (JSON.parse(text) as string[]));
const json = (value: string[] | null) => (value === null ? null : JSON.stringify(value));

const fromRaw = (r: Raw): SettingsRow => ({
  scopeKind: r.scope_kind,
  scopeId: r.scope_id,
  allowedChannels: list(r.allowed_channels),
  maxDepth: r.max_depth,
  maxSeeds: r.max_seeds,
  maxSteps: r.max_steps,
  animate: r.animate === null ? null : r.animate === 1,
  teacherRoles: list(r.teacher_roles),
  teacherUsers: list(r.teacher_users),
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

/** The settings repository on an open database. */
export function settingsRepo(db: Database, now: () => number): SettingsRepo {
  const get = db.prepare('SELECT * FROM settings WHERE scope_kind = ? AND scope_id = ?');
  const upsert = db.prepare(`
    INSERT INTO settings (scope_kind, scope_id, allowed_channels, max_depth, max_seeds, max_steps,
      animate, teacher_roles, teacher_users, updated_by, updated_at)
    VALUES (@kind, @id, @allowedChannels, @maxDepth, @maxSeeds, @maxSteps, @animate, @teacherRoles,
      @teacherUsers, @by, @at)
    ON CONFLICT (scope_kind, scope_id) DO UPDATE SET
      allowed_channels = excluded.allowed_channels, max_depth = excluded.max_depth,
      max_seeds = excluded.max_seeds, max_steps = excluded.max_steps, animate = excluded.animate,
      teacher_roles = excluded.teacher_roles, teacher_users = excluded.teacher_users,
      updated_by = excluded.updated_by, updated_at = excluded.updated_at
    RETURNING *`);
  const clear = db.prepare('DELETE FROM settings WHERE scope_kind = ? AND scope_id = ?');
  const read = (kind: ScopeKind, id: string) => {
    const raw = get.get(kind, id) as Raw | undefined;
    return raw && fromRaw(raw);
  };
  // Read and write in one transaction, so two teachers changing different fields both count.
  const update = db.transaction((kind: ScopeKind, id: string, patch: SettingsPatch, by: string) => {
    const merged: Settings = { ...NO_SETTINGS, ...(read(kind, id) ?? {}), ...patch };
    const row = upsert.get({
      kind,
      id,
      allowedChannels: json(merged.allowedChannels),
      maxDepth: merged.maxDepth,
      maxSeeds: merged.maxSeeds,
      maxSteps: merged.maxSteps,
      animate: merged.animate === null ? null : merged.animate ? 1 : 0,
      teacherRoles: json(merged.teacherRoles),
      teacherUsers: json(merged.teacherUsers),
      by,
      at: now(),
    }) as Raw;
    return fromRaw(row);
  });
  return {
    get: read,
    update: (kind, id, patch, by) => update(kind, id, patch, by),
    clear: (kind, id) => clear.run(kind, id).changes === 1,
  };
}
