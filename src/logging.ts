import pino from 'pino';
import type { Config } from './config.js';

/**
 * The one root logger: JSON lines on stdout. Secrets are redacted twice: by field path, and by
 * value in every written line, so a token inside a library's error message never reaches a log.
 */
export function createRootLogger(
  config: Pick<Config, 'logLevel' | 'secrets'>,
  destination?: pino.DestinationStream,
) {
  const secrets = config.secrets.filter((s) => s.length >= 4);
  return pino(
    {
      level: config.logLevel,
      redact: {
        paths: ['token', '*.token', 'botToken', 'appToken', 'signingSecret', 'headers.authorization'],
        censor: '[redacted]',
      },
      hooks: {
        streamWrite: (line) => secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), line),
      },
    },
    destination,
  );
}
