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
  const origin = req.headers.origin;
  if (req.method === 'POST' && origin !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return 'bad Origin header';
    }
    if (originHost.toLowerCase() !== host.toLowerCase()) return 'requests from other sites are not accepted';
  }
  return undefined;
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
