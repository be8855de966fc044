import type { IncomingMessage } from 'node:http';

/*
 * The Web API methods the fake answers, as Slack would for a healthy workspace. Each answer is
 * what Slack documents as the method's result, reduced to the fields the adapter and Bolt read.
 */

/** A Web API call as the fake received it. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  token: string | undefined;
  at: number;
  /** What the fake answered. */
  result?: Record<string, unknown>;
}

/** Request bodies: form-encoded (the WebClient's default, objects as JSON strings) or JSON. */
export function parseParams(contentType: string | undefined, raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (contentType?.includes('application/json'))
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    params[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return params;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The part of one multipart/form-data body named `field` (the WebClient posts uploads this way). */
export function multipartField(
  contentType: string | undefined,
  raw: Buffer,
  field: string,
): Buffer | undefined {
  const boundary = /boundary=([^;]+)/.exec(contentType ?? '')?.[1];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = raw.indexOf(delimiter);
  while (start >= 0) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    if (headers.includes(`name="${field}"`)) return part.subarray(headerEnd + 4);
    start = next;
  }
  return undefined;
}

/** Reads a request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** State the method handlers share. */
export interface FakeState {
  baseUrl: string;
  wsUrl: string;
  nextTs(): string;
  nextFileId(): string;
  admins: Set<string>;
}

type Handler = (params: Record<string, unknown>, state: FakeState) => Record<string, unknown>;

/** Method name → its answer. */
export const METHODS: Record<string, Handler> = {
  'auth.test': (_p, s) => ({
    url: `${s.baseUrl}/`,
    team: 'Class of 2025',
    user: 'depth-tutor',
    team_id: 'T0CLASS',
    user_id: 'U0BOT',
    bot_id: 'B0BOT',
  }),
  'chat.postMessage': (p, s) => {
    const ts = s.nextTs();
    return { channel: p.channel, ts, message: { type: 'message', ts, text: p.text, blocks: p.blocks } };
  },
  'chat.update': (p) => ({ channel: p.channel, ts: p.ts, text: p.text }),
  'chat.postEphemeral': (_p, s) => ({ message_ts: s.nextTs() }),
  'files.getUploadURLExternal': (p, s) => {
    const id = s.nextFileId();
    return {
      upload_url: `${s.baseUrl}/upload/${id}?filename=${encodeURIComponent(String(p.filename))}`,
      file_id: id,
    };
  },
  'files.completeUploadExternal': (p) => ({
    files: (p.files as { id: string; title?: string }[]).map((f) => ({ id: f.id, title: f.title })),
  }),
  'views.publish': (p) => ({ view: { id: 'V0HOME', type: 'home', ...(p.view as object) } }),
  'apps.connections.open': (_p, s) => ({ url: `${s.wsUrl}?ticket=fake` }),
  'users.info': (p, s) => ({ user: { id: p.user, is_admin: s.admins.has(String(p.user)), is_owner: false } }),
};
