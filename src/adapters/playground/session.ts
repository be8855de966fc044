import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { forwardedHttps } from './http-guard.js';

/*
 * Who a browser is. The credential is a random 256-bit secret in an HttpOnly, SameSite=Strict
 * cookie: the page's scripts cannot read it, other sites' requests do not carry it, and the server
 * never sends it to anyone. What others see (an echo's author, the bot's user id) is a public id
 * derived from it by a one-way hash: knowing someone's public id gives no way to act as them.
 * The hash has no key, so a browser keeps its public id across restarts (a schedule it made stays
 * its own); the secret is server-made and long, so nothing is gained by guessing from the hash.
 *
 * A teacher proves it once by entering PLAYGROUND_TEACHER_TOKEN; the server answers with a second
 * cookie holding an HMAC of the session secret keyed with the token, checked on every request.
 * It survives restarts, and changing the token signs every teacher out.
 */

/** The session cookie's name. */
const SESSION_COOKIE = 'depth_tutor_session';
/** The teacher cookie's name. */
const TEACHER_COOKIE = 'depth_tutor_teacher';

const SECRET = /^[A-Za-z0-9_-]{43}$/;
// Chromium keeps a cookie at most 400 days.
const MAX_AGE_S = 400 * 24 * 3600;

/** One browser, as the routes see it. */
export interface Session {
  /** The public id: safe to show to everyone, used as the bot's user id. */
  id: string;
  teacher: boolean;
}

/** Reading, issuing and promoting sessions. */
export interface Sessions {
  /** The request's session, or undefined when it carries no valid cookie. */
  read(req: IncomingMessage): Session | undefined;
  /** The request's session, or a new one whose cookie is set on `res`. */
  readOrIssue(req: IncomingMessage, res: ServerResponse): Session;
  /** Whether teachers can sign in (a token is configured). */
  readonly teacherSignIn: boolean;
  /** Checks `token`; when right, sets the teacher cookie for the request's session. */
  signInTeacher(req: IncomingMessage, res: ServerResponse, token: string): boolean;
  /** The short tag shown beside a public id's name (`k3f9q`). */
  tagOf(publicId: string): string;
}

/** Tag letters: lowercase and digits without look-alikes (no 0/o, 1/l/i); 31^5, about 29 million tags. */
const TAG_LETTERS = 'abcdefghjkmnpqrstuvwxyz23456789';
const TAG_LENGTH = 5;

/** The public id of a session secret. */
function publicIdOf(secret: string): string {
  return `u-${createHash('sha256').update(`depth-tutor playground user\n${secret}`).digest('base64url').slice(0, 22)}`;
}

/** The cookies of a request, by name (the first of a repeated name wins). */
function cookiesOf(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** Behind an HTTPS reverse proxy the cookies are marked Secure. */
const secureSuffix = (req: IncomingMessage) => (forwardedHttps(req) ? '; Secure' : '');

function setCookie(req: IncomingMessage, res: ServerResponse, name: string, value: string): void {
  const cookie = `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${MAX_AGE_S}${secureSuffix(req)}`;
  const existing = res.getHeader('Set-Cookie');
  res.setHeader('Set-Cookie', [...(Array.isArray(existing) ? existing : []), cookie]);
}

/** Creates the session keeper; `teacherToken` is PLAYGROUND_TEACHER_TOKEN, if set. */
export function createSessions(teacherToken: string | undefined): Sessions {
  /*
   * Anyone can make a session secret and so choose among public ids offline; a tag read straight
   * off the public id could be ground to match someone else's in seconds. Keyed with a secret of
   * this process, a match can only be hunted by posting, in front of the whole channel. The tags
   * change when the server restarts, as the channel's history does.
   */
  const tagKey = randomBytes(32);
  const teacherProof = (secret: string) =>
    teacherToken ? createHmac('sha256', teacherToken).update(secret).digest('base64url') : undefined;

  function read(req: IncomingMessage): Session | undefined {
    const cookies = cookiesOf(req);
    const secret = cookies.get(SESSION_COOKIE);
    if (!secret || !SECRET.test(secret)) return undefined;
    const proof = teacherProof(secret);
    const shown = cookies.get(TEACHER_COOKIE);
    return {
      id: publicIdOf(secret),
      teacher: proof !== undefined && shown !== undefined && sameText(shown, proof),
    };
  }

  return {
    read,
    readOrIssue(req, res) {
      const existing = read(req);
      if (existing) return existing;
      const secret = randomBytes(32).toString('base64url');
      setCookie(req, res, SESSION_COOKIE, secret);
      return { id: publicIdOf(secret), teacher: false };
    },
    teacherSignIn: teacherToken !== undefined,
    tagOf(publicId) {
      const digest = createHmac('sha256', tagKey).update(publicId).digest();
      return Array.from(
        digest.subarray(0, TAG_LENGTH),
        (byte) => TAG_LETTERS[byte % TAG_LETTERS.length],
      ).join('');
    },
    signInTeacher(req, res, token) {
      const secret = cookiesOf(req).get(SESSION_COOKIE);
      const proof = secret && SECRET.test(secret) ? teacherProof(secret) : undefined;
      // Compared as hashes, so the comparison takes the same time whatever the lengths.
      const digest = (text: string) => createHash('sha256').update(text).digest('hex');
      if (!teacherToken || !proof || !sameText(digest(token), digest(teacherToken))) return false;
      setCookie(req, res, TEACHER_COOKIE, proof);
      return true;
    },
  };
}
