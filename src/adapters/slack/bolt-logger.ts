import { LogLevel } from '@slack/bolt';
import type { Logger } from '../../bot/logger.js';

/** Bolt's logger interface (from @slack/logger), as Bolt, its receivers and its WebClient call it. */
export interface BoltLogger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: LogLevel): void;
  getLevel(): LogLevel;
  setName(name: string): void;
}

const text = (parts: unknown[]) =>
  parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ');

/**
 * Bolt's log lines into our pino logger. Bolt's `info` is connection chatter, so it goes to
 * debug; warnings and errors stay what they are. Tokens never appear: the WebClient redacts
 * them, and the root logger also strips every configured secret from each line.
 */
export function toBoltLogger(logger: Logger): BoltLogger {
  let name = 'bolt';
  return {
    debug: (...msg) => logger.debug({ source: name }, text(msg)),
    info: (...msg) => logger.debug({ source: name }, text(msg)),
    warn: (...msg) => logger.warn({ source: name }, text(msg)),
    error: (...msg) => logger.error({ source: name }, text(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: (n) => {
      name = n;
    },
  };
}
