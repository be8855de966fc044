/*
 * A failed `respond` is an axios error whose config holds the response_url
 * (https://hooks.slack.com/commands/<team>/<id>/<token>): whoever holds that URL may post in the
 * channel for half an hour, and it is not a configured secret the root logger knows to redact.
 * Slack errors are logged through this copy, which keeps what explains the failure and nothing else.
 */

/** Slack's error code from a failed Web API call, e.g. `not_in_channel`. */
export function slackError(error: unknown): string {
  const data = (error as { data?: { error?: unknown } }).data;
  if (data && typeof data.error === 'string') return data.error;
  return error instanceof Error ? error.message : String(error);
}

const HOOK_URL = /https:\/\/hooks\.slack\.com\/\S+/g;

const redact = (text: string) => text.replace(HOOK_URL, 'https://hooks.slack.com/:redacted');

/**
 * A loggable description of a Slack or axios error: name, message, Slack's error code, HTTP status,
 * and the stack (a listener's unhandled error is a bug, and the stack is how it gets found).
 */
export function slackSafeError(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: redact(String(error)) };
  const e = error as {
    name?: unknown;
    message?: unknown;
    stack?: unknown;
    code?: unknown;
    response?: { status?: unknown };
  };
  return Object.fromEntries(
    Object.entries({
      name: typeof e.name === 'string' ? e.name : undefined,
      message: typeof e.message === 'string' ? redact(e.message) : undefined,
      code: typeof e.code === 'string' || typeof e.code === 'number' ? e.code : undefined,
      status: typeof e.response?.status === 'number' ? e.response.status : undefined,
      slackError: redact(slackError(error)),
      stack: typeof e.stack === 'string' ? redact(e.stack) : undefined,
    }).filter(([, value]) => value !== undefined),
  );
}
