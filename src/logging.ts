import pino from 'pino';
import { type Config, environmentSecrets } from './config.js';

/** How a secret can appear in a JSON log line: as itself, JSON-escaped, or escaped twice (JSON in a string). */
export function secretForms(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  const twice = JSON.stringify(escaped).slice(1, -1);
  // Longest first, so that a longer form is replaced whole before a shorter one could cut into it.
  return [...new Set([twice, escaped, secret])].sort((a, b) => b.length - a.length);
}

/** Shorter secrets are not searched for: replacing every "ab" in a line would hide the line, not a secret. */
const MIN_SECRET_LENGTH = 4;

/** The forms of `secrets` to replace, longest first. */
const formsOf = (secrets: readonly string[]) =>
  secrets
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .flatMap(secretForms)
    .sort((a, b) => b.length - a.length);

const replaceForms = (text: string, forms: readonly string[]) =>
  forms.reduce((out, form) => out.split(form).join('[redacted]'), text);

/** `text` with every secret (in any of its forms) replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  return replaceForms(text, formsOf(secrets));
}

/**
 * A fatal start-up line as it may be printed: an upstream or a proxy may echo a credential into an
 * error message (`401: Unauthorized Bot <token>`), and stderr deserves the logs' redaction. The
 * secrets come from the environment itself, so this holds even when the configuration was invalid.
 */
export function fatalText(text: string): string {
  return redactText(text, environmentSecrets());
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
  const forms = formsOf(config.secrets);
  return pino(
    {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      hooks: {
        streamWrite: (line) => replaceForms(line, forms),
      },
    },
    destination,
  );
}
