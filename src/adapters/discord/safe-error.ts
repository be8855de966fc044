/*
 * discord.js errors carry the request URL, and interaction webhooks put their token in the path
 * (/webhooks/<app>/<token>/…). Logs get a copy of the error with those tokens cut out.
 */

const TOKEN_IN_PATH = /\/(webhooks|interactions)\/(\d+)\/[^/?\s]+/g;

/** The text with interaction and webhook tokens replaced by `:token`. */
export function redactTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '/$1/$2/:token');
}

/** A loggable description of an error: name, message, Discord's status and code, the route without tokens. */
export function safeError(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: redactTokens(String(error)) };
  const e = error as {
    name?: unknown;
    message?: unknown;
    stack?: unknown;
    status?: unknown;
    code?: unknown;
    method?: unknown;
    url?: unknown;
  };
  const text = (value: unknown) => (typeof value === 'string' ? redactTokens(value) : undefined);
  return Object.fromEntries(
    Object.entries({
      name: text(e.name),
      message: text(e.message),
      status: typeof e.status === 'number' ? e.status : undefined,
      code: typeof e.code === 'number' || typeof e.code === 'string' ? e.code : undefined,
      method: text(e.method),
      url: text(e.url),
      stack: text(e.stack),
    }).filter(([, value]) => value !== undefined),
  );
}
