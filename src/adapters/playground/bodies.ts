import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { ButtonPost, CommandPost } from './web/wire.js';

/*
 * Request bodies come from a browser, but nothing stops anyone on the network from sending
 * anything: every body is size-limited, parsed and checked here, and a bad one gets one clear
 * sentence back, never a stack trace.
 */

/** Largest accepted body; a command line is short. */
export const MAX_BODY_BYTES = 8 * 1024;

/** A request the server refuses, with the HTTP status and the sentence to show. */
export class BadRequest extends Error {
  override name = 'BadRequest';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Channel names are short slugs. */
export const CHANNEL = /^[a-z0-9][a-z0-9-]{0,31}$/;

const channel = z.string().regex(CHANNEL, 'channel must be 1 to 32 lowercase letters, digits or -');
/**
 * A display name as others see it. Control characters would fake line breaks; format characters
 * (\p{Cf}: zero-width spaces and joiners, bidi overrides) would make "Al\u200Bice" pass for
 * "Alice" or turn a name around; runs of spaces would push a fake badge to the side.
 */
export function cleanName(text: string): string {
  return text
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

const name = z
  .string()
  .max(40, 'name must be at most 40 characters')
  .transform((s) => cleanName(s) || 'Guest');

const commandBody = z.strictObject({
  name,
  channel,
  text: z
    .string()
    .max(600, 'text must be at most 600 characters')
    .refine((s) => s.trim() !== '', 'text must not be empty'),
});

const buttonBody = z.strictObject({
  name,
  channel,
  buttonId: z.string().min(1, 'buttonId must not be empty').max(200, 'buttonId is too long'),
  label: z.string().max(80, 'label must be at most 80 characters').optional(),
});

const teacherBody = z.strictObject({
  token: z.string().min(1, 'token must not be empty').max(200, 'token must be at most 200 characters'),
});

/** The one media type accepted, with an optional charset: `application/json-patch+json` is not it. */
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** Reads a JSON body of at most MAX_BODY_BYTES. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  // Requiring JSON also keeps plain cross-site form posts out: they cannot set this type.
  if (!JSON_TYPE.test(type.trim())) throw new BadRequest(415, 'send the body as application/json');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES)
    throw new BadRequest(413, `the body must be at most ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(413, `the body must be at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest(400, 'the body is not valid JSON');
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  const what =
    issue?.code === 'invalid_type' ? `expected ${issue.expected}` : (issue?.message ?? 'invalid body');
  throw new BadRequest(400, `${where}${what}`);
}

/** A checked POST /api/command body. */
export const parseCommandBody = (value: unknown): CommandPost => check(commandBody, value);

/** A checked POST /api/teacher body. */
export const parseTeacherBody = (value: unknown): { token: string } => check(teacherBody, value);

/** A checked POST /api/button body. */
export function parseButtonBody(value: unknown): ButtonPost {
  const { label, ...rest } = check(buttonBody, value);
  return label === undefined ? rest : { ...rest, label };
}
