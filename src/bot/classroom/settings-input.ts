import { optionSpelling } from '../../engine/fields.js';
import { LIMITS } from '../../engine/limits.js';
import type { SettingsPatch } from '../../store/index.js';
import { parseBoolean } from '../../yes-no.js';
import { type UserError, userError } from '../errors.js';

/*
 * `/settings` values → a patch for the store. Every value may be `none` to lift the setting. The
 * allowed channels and the teacher lists are server-wide; the limits go to the chosen scope.
 */

const CLEAR = new Set(['none', 'any', 'off', 'clear', '-']);

/** The limits a teacher may set, and their bounds. */
export const LIMIT_SETTINGS = {
  maxDepth: { label: 'depth', ...LIMITS.depth },
  // Also caps /restarts' restarts (each restart is one more seed), hence the wider range.
  maxSeeds: { label: 'seeds (and restarts)', min: 1, max: LIMITS.restarts.max },
  maxSteps: { label: 'steps', ...LIMITS.steps },
} as const;

function idList(name: string, text: string): string[] | null | UserError {
  if (CLEAR.has(text.toLowerCase())) return null;
  const ids = text
    .split(',')
    .map((s) => s.trim().replace(/^<[#@]&?([A-Za-z0-9_-]+)(\|[^>]*)?>$/, '$1'))
    .filter((s) => s !== '');
  if (ids.length === 0 || ids.some((id) => !/^[A-Za-z0-9_:.-]{1,64}$/.test(id))) {
    return userError(
      'invalid-option',
      `${optionSpelling(name)} must be comma-separated ids (or mentions), or none`,
      name,
    );
  }
  return [...new Set(ids)];
}

function limit(name: keyof typeof LIMIT_SETTINGS, text: string): number | null | UserError {
  if (CLEAR.has(text.toLowerCase())) return null;
  const { min, max } = LIMIT_SETTINGS[name];
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    return userError(
      'invalid-option',
      `${optionSpelling(name)} must be a whole number from ${min} to ${max}, or none (got "${text.slice(0, 20)}")`,
      name,
    );
  }
  return value;
}

function onOff(text: string): boolean | null | UserError {
  if (CLEAR.has(text.toLowerCase()) && text.toLowerCase() !== 'off') return null;
  const value = parseBoolean(text);
  if (value !== undefined) return value;
  return userError(
    'invalid-option',
    `animate must be true or false, or none (got "${text.slice(0, 20)}")`,
    'animate',
  );
}

/** The two patches (this scope's limits, the server's lists) a /settings call asks for. */
export function settingsPatches(
  values: Record<string, string | undefined>,
): { limits: SettingsPatch; server: SettingsPatch } | UserError {
  const limits: SettingsPatch = {};
  const server: SettingsPatch = {};
  for (const key of Object.keys(LIMIT_SETTINGS) as (keyof typeof LIMIT_SETTINGS)[]) {
    const text = values[key];
    if (text === undefined) continue;
    const value = limit(key, text);
    if (typeof value === 'object' && value !== null) return value;
    limits[key] = value;
  }
  if (values.animate !== undefined) {
    const animate = onOff(values.animate);
    if (typeof animate === 'object' && animate !== null) return animate;
    limits.animate = animate;
  }
  const lists = {
    channels: 'allowedChannels',
    teacherRoles: 'teacherRoles',
    teacherUsers: 'teacherUsers',
  } as const;
  for (const [option, key] of Object.entries(lists)) {
    const text = values[option];
    if (text === undefined) continue;
    const value = idList(option, text);
    if (value !== null && !Array.isArray(value)) return value;
    server[key] = value;
  }
  return { limits, server };
}
