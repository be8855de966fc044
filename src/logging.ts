import pino from 'pino';
import type { Config } from './config.js';

/** How a secret can appear in a JSON log line: as itself, JSON-escaped, or escaped twice (JSON in a string). */
export function secretForms(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  const twice = JSON.stringify(escaped).slice(1, -1);
  // Longest first, so that a longer form is replaced whole before a shorter one could cut into it.
  return [...new Set([twice, escaped, secret])].sort((a, b) => b.length - a.length);
}

/**
 * Fields that hold secrets whatever their value: tokens, and the arguments of a failed Redis
 * command (ioredis attaches them to its errors, and AUTH's argument is the password).
 */
const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  'appToken',
  'signingSecret',
  'headers.authorization',
  'command.args',
  '*.command.args',
  '*.*.command.args',
];

/**
 * The one root logger: JSON lines on stdout. Secrets are redacted twice: by field path, and by
 * value in every written line, so a token inside a library's error message never reaches a log.
 * A line holds JSON-escaped text, so a secret with a quote or a backslash is looked for in its
 * escaped forms too.
 */
export function createRootLogger(
  config: Pick<Config, 'logLevel' | 'secrets'>,
  destination?: pino.DestinationStream,
) {
  const forms = config.secrets.filter((s) => s.length >= 4).flatMap(secretForms);
  return pino(
    {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      hooks: {
        streamWrite: (line) => forms.reduce((text, form) => text.split(form).join('[redacted]'), line),
      },
    },
    destination,
  );
}
