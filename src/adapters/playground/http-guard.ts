import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * What every response carries, and which requests are turned away before routing. The page loads
 * nothing from elsewhere, so the content policy allows only this origin; text is always set with
 * textContent on the page, and the policy is the second line of defence.
 */

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** Sets the headers every response gets. */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host) || host.endsWith('.localhost');
}

const hostnameOf = (hostHeader: string) => hostHeader.replace(/:\d+$/, '').toLowerCase();

/** True when the reverse proxy in front says the browser's request came over HTTPS. */
export function forwardedHttps(req: IncomingMessage): boolean {
  return (
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https'
  );
}

/** The origin a page served by this request's Host has; https when an HTTPS proxy says so. */
function ownOrigin(req: IncomingMessage): string | undefined {
  const scheme = forwardedHttps(req) ? 'https' : 'http';
  try {
    return new URL(`${scheme}://${req.headers.host ?? ''}`).origin;
  } catch {
    return undefined;
  }
}

/**
 * Why a POST must be refused as cross-site, or undefined. Browsers send Origin on every POST;
 * it must equal this server's own origin, scheme, host and port together. Without Origin, only
 * `Sec-Fetch-Site: same-origin` is accepted: a script (curl, a test) sends either header itself.
 */
function crossSite(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) {
    if (req.headers['sec-fetch-site'] === 'same-origin') return undefined;
    return 'a POST must carry an Origin header naming this server (as browsers send), or Sec-Fetch-Site: same-origin';
  }
  let theirs: string;
  try {
    theirs = new URL(origin).origin;
  } catch {
    return 'bad Origin header';
  }
  return theirs === ownOrigin(req) ? undefined : 'requests from other sites are not accepted';
}

/**
 * Why a request must be refused, or undefined to go on. Bound to loopback, only loopback names
 * are answered: a web page elsewhere cannot then reach the playground by pointing its own domain
 * name at 127.0.0.1 (DNS rebinding). A POST from another origin is refused too.
 */
export function refusal(req: IncomingMessage, boundHost: string): string | undefined {
  const host = req.headers.host ?? '';
  if (isLoopback(boundHost) && !isLoopback(hostnameOf(host))) {
    return 'this playground answers only on localhost';
  }
  return req.method === 'POST' ? crossSite(req) : undefined;
}

/**
 * Asks Node to close the connection after this answer when the request's body was not read: a
 * refused upload (413, say) must not keep the server reading whatever the client goes on sending.
 */
export function closeIfBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  const hasBody =
    req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.complete && !res.headersSent) res.setHeader('Connection', 'close');
}

/** Sends a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Sends `{ error }` with a status. */
export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}
