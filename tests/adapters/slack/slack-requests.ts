import { signedHeaders } from './fake-slack.js';

/*
 * Requests as Slack sends them to an app in HTTP mode: slash commands form-encoded, interactions
 * as a form field `payload` holding JSON, events as JSON; each signed with the signing secret.
 */

/** A slash command's fields. */
export function slashCommand(options: {
  command: string;
  text: string;
  user?: string;
  channel: string;
  responseUrl: string;
}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0CLASS',
    team_domain: 'class',
    channel_id: options.channel,
    channel_name: options.channel.toLowerCase(),
    user_id: options.user ?? 'U0ADA',
    user_name: options.user === 'U0BOB' ? 'bob' : 'ada',
    command: options.command,
    text: options.text,
    api_app_id: 'A0TUTOR',
    is_enterprise_install: 'false',
    response_url: options.responseUrl,
    trigger_id: '1.2.3',
  };
}

/** A block_actions payload for one pressed button. */
export function buttonPress(options: {
  actionId: string;
  user?: string;
  channel: string;
  messageTs: string;
  responseUrl: string;
}): Record<string, unknown> {
  const user = options.user ?? 'U0ADA';
  return {
    type: 'block_actions',
    team: { id: 'T0CLASS', domain: 'class' },
    user: { id: user, username: user === 'U0BOB' ? 'bob' : 'ada', team_id: 'T0CLASS' },
    api_app_id: 'A0TUTOR',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: options.messageTs,
      channel_id: options.channel,
      is_ephemeral: false,
    },
    trigger_id: '1.2.3',
    channel: { id: options.channel, name: options.channel.toLowerCase() },
    message: { type: 'message', ts: options.messageTs, text: 'status' },
    response_url: options.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'b1',
        value: options.actionId,
        text: { type: 'plain_text', text: 'button' },
        action_ts: '1700000000.1',
      },
    ],
  };
}

/** An app_home_opened event callback. */
export function homeOpened(user: string): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0CLASS',
    api_app_id: 'A0TUTOR',
    type: 'event_callback',
    event_id: `Ev${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0CLASS', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    event: { type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: '1700000000.2' },
  };
}

/** What the adapter answered over HTTP, and how long it took. */
export interface HttpAnswer {
  status: number;
  body: string;
  json: Record<string, unknown> | undefined;
  ms: number;
}

/** Posts a signed request to the adapter's /slack/events. */
export async function postSigned(
  port: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = signedHeaders(body),
): Promise<HttpAnswer> {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: text, json, ms };
}

/** Form encoding for slash commands. */
export const formOf = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** Form encoding for interactions. */
export const payloadFormOf = (payload: Record<string, unknown>) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
