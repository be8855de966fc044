import { createRequire } from 'node:module';
import type pino from 'pino';
import type PinoPrettyModule from 'pino-pretty';

/*
 * How the root logger writes: JSON lines for machines (log collectors, `docker logs | jq`), or one
 * short coloured line per event for a person at a terminal. Only the format is chosen here; the
 * root logger redacts secrets before a line reaches either writer, so both stay clean.
 */

/** The two ways of writing log lines. */
export type LogFormat = 'json' | 'pretty';

/** What decides the format: LOG_FORMAT if set, else whether a person is likely reading. */
export interface LogFormatInputs {
  requested: LogFormat | undefined;
  stdoutIsTty: boolean;
  production: boolean;
}

/** LOG_FORMAT wins; otherwise pretty only on a terminal outside production. */
export function chooseLogFormat({ requested, stdoutIsTty, production }: LogFormatInputs): LogFormat {
  if (requested) return requested;
  return stdoutIsTty && !production ? 'pretty' : 'json';
}

/** The destination for this process's stdout, from the configuration's LOG_FORMAT and NODE_ENV. */
export function stdoutLogDestination(config: {
  logFormat: LogFormat | undefined;
  production: boolean;
}): pino.DestinationStream | undefined {
  const stdoutIsTty = process.stdout.isTTY === true;
  return logDestination(chooseLogFormat({ requested: config.logFormat, stdoutIsTty, ...config }));
}

/**
 * The stream the root logger writes to: undefined means pino's own JSON writer on stdout. `output` (tests) replaces stdout. The
 * pretty writer runs in this thread (no transport worker), so the last lines before an exit are
 * not lost, and colours only when the terminal supports them.
 */
export function logDestination(
  format: LogFormat,
  output?: NodeJS.WritableStream,
): pino.DestinationStream | undefined {
  if (format === 'json') return output;
  // Loaded only here: production writes JSON and should not pay for the pretty printer at start-up.
  const PinoPretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPrettyModule;
  return PinoPretty({
    ...(output ? { destination: output } : {}),
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    singleLine: true,
    sync: true,
  });
}
