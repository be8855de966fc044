import { isIP } from 'node:net';
import os from 'node:os';
import { z } from 'zod';
import { parseBoolean, YES_NO_WORDS } from './yes-no.js';

/*
 * The only module that reads process.env. Every variable's name is part of the interface
 * (docs/architecture.md lists them); a malformed value stops start-up with a message naming the variable.
 */

/** The shortest PLAYGROUND_TEACHER_TOKEN accepted. */
const MIN_TEACHER_TOKEN_LENGTH = 16;

/** `10.0.0.2, 10.0.0.3` as its addresses. */
const addressList = (text: string) =>
  text
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);

const port = z.coerce.number().int().min(1).max(65535);
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z.object({
  DISCORD_TOKEN: optional,
  DISCORD_GUILD_ID: optional,
  DISCORD_API_URL: optional,
  DISCORD_TEACHER_ROLE_ID: optional,
  // Set: interactions over HTTP (the Interactions Endpoint URL) instead of the gateway.
  DISCORD_PUBLIC_KEY: optional.refine(
    (v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v),
    'must be the 64 hexadecimal digits of the application’s public key (Developer Portal → General Information)',
  ),
  DISCORD_PORT: port.default(3002),
  DISCORD_HOST: z.string().min(1).default('127.0.0.1'),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_PORT: port.default(3001),
  SLACK_API_URL: optional,
  SLACK_TEACHER_IDS: optional,
  PLAYGROUND_PORT: port.default(3000),
  PLAYGROUND_HOST: z.string().min(1).default('127.0.0.1'),
  // A password: short ones could be guessed by anyone who can reach the page.
  PLAYGROUND_TEACHER_TOKEN: optional.refine(
    (v) => v === undefined || v.length >= MIN_TEACHER_TOKEN_LENGTH,
    `must be at least ${MIN_TEACHER_TOKEN_LENGTH} characters (it is a password for teachers)`,
  ),
  // Only these peers' X-Forwarded-For is believed: anyone else could name any address there.
  PLAYGROUND_TRUSTED_PROXY: optional.refine(
    (v) => v === undefined || addressList(v).every((address) => isIP(address) !== 0),
    'must be a comma-separated list of IP addresses (the reverse proxies in front of the playground)',
  ),
  PLAYGROUND_ENABLED: z.enum(YES_NO_WORDS).default('true'),
  TUTOR_BACKEND: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']).default('auto'),
  TUTOR_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  TUTOR_DB: z.string().min(1).default('./data/tutor.db'),
  TUTOR_ARTICLE: optional,
  CHART_RENDERER: z.enum(['local', 'quickchart']).default('local'),
  QUICKCHART_URL: z.string().url().default('https://quickchart.io'),
  REDIS_URL: optional,
  // 0 picks a free port (tests, benchmarks).
  OPS_PORT: z.coerce.number().int().min(0).max(65535).default(9090),
  OPS_HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Unset: readable lines on a terminal, JSON lines otherwise and whenever NODE_ENV=production.
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  NODE_ENV: optional,
});

/** The application's configuration, read once at start-up. */
export type Config = ReturnType<typeof loadConfig>;

/** Thrown for a malformed environment; its message lists every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The password inside a redis:// URL, if any: a secret like the tokens. */
function redisPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** The environment after its checks, defaults filled in. */
type CheckedEnv = z.infer<typeof envSchema>;

/** Checks the environment against the schema; one error lists every bad variable. */
function checkEnv(env: NodeJS.ProcessEnv): CheckedEnv {
  // An empty variable (`LOG_LEVEL=`) means unset, as in most shells' and compose files' habits.
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
    throw new ConfigError(`invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** Discord's settings; undefined (Discord off) without a bot token. */
function discordConfig(e: CheckedEnv) {
  if (!e.DISCORD_TOKEN) return undefined;
  return {
    token: e.DISCORD_TOKEN,
    guildId: e.DISCORD_GUILD_ID,
    apiUrl: e.DISCORD_API_URL,
    teacherRoleId: e.DISCORD_TEACHER_ROLE_ID,
    /** HTTP mode (no gateway) when the public key is set. */
    interactions: e.DISCORD_PUBLIC_KEY
      ? { publicKey: e.DISCORD_PUBLIC_KEY, port: e.DISCORD_PORT, host: e.DISCORD_HOST }
      : undefined,
  };
}

/** Slack's settings; undefined (Slack off) without a bot token. */
function slackConfig(e: CheckedEnv) {
  if (!e.SLACK_BOT_TOKEN) return undefined;
  const teacherUserIds = (e.SLACK_TEACHER_IDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    port: e.SLACK_PORT,
    apiUrl: e.SLACK_API_URL,
    teacherUserIds,
  };
}

/** The local web playground's settings; it runs unless turned off. */
function playgroundConfig(e: CheckedEnv) {
  return {
    enabled: parseBoolean(e.PLAYGROUND_ENABLED) === true,
    host: e.PLAYGROUND_HOST,
    port: e.PLAYGROUND_PORT,
    /** Who enters it in the page is a teacher there (/schedule, /settings); unset, nobody is. */
    teacherToken: e.PLAYGROUND_TEACHER_TOKEN,
    /** Reverse proxies whose X-Forwarded-For names the client, for the caps per address. */
    trustedProxies: addressList(e.PLAYGROUND_TRUSTED_PROXY ?? ''),
  };
}

/** The variables whose values are secrets (besides the password inside REDIS_URL). */
const SECRET_VARIABLES = [
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'PLAYGROUND_TEACHER_TOKEN',
] as const;

/** Every secret value that is set, for log redaction and leak checks. */
function secretsOf(
  e: Partial<Record<(typeof SECRET_VARIABLES)[number] | 'REDIS_URL', string | undefined>>,
): string[] {
  return [...SECRET_VARIABLES.map((name) => e[name]), redisPassword(e.REDIS_URL)].filter(
    (s): s is string => s !== undefined && s !== '',
  );
}

/**
 * The secret values in the environment, read without the schema's checks: a fatal line printed
 * before the configuration is read, or because it is malformed, must still hide them.
 */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const trimmed = Object.fromEntries(
    [...SECRET_VARIABLES, 'REDIS_URL'].map((name) => [name, env[name]?.trim() || undefined]),
  );
  return secretsOf(trimmed);
}

/** Reads and checks the environment. Secrets are kept as values, never printed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = checkEnv(env);
  return {
    discord: discordConfig(e),
    slack: slackConfig(e),
    playground: playgroundConfig(e),
    engine: {
      backend: e.TUTOR_BACKEND,
      workers: e.TUTOR_WORKERS ?? os.availableParallelism(),
    },
    databasePath: e.TUTOR_DB,
    articlePath: e.TUTOR_ARTICLE,
    charts: { renderer: e.CHART_RENDERER, quickchartUrl: e.QUICKCHART_URL },
    redisUrl: e.REDIS_URL,
    ops: { port: e.OPS_PORT, host: e.OPS_HOST },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    production: e.NODE_ENV === 'production',
    /** Every secret value, for log redaction and leak checks. */
    secrets: secretsOf(e),
  };
}
