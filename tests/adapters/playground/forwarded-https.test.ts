import type { IncomingMessage } from 'node:http';
import { expect, it } from 'vitest';
import { forwardedHttps } from '../../../src/adapters/playground/http-guard.js';

/* Behind an HTTPS proxy the cookies are Secure and the page's own origin is https: both read this. */

const request = (proto?: string) =>
  ({ headers: proto === undefined ? {} : { 'x-forwarded-proto': proto } }) as unknown as IncomingMessage;

it("reads the first proxy's scheme from X-Forwarded-Proto", () => {
  expect(forwardedHttps(request('https'))).toBe(true);
  expect(forwardedHttps(request('https, http'))).toBe(true);
  expect(forwardedHttps(request(' http , https'))).toBe(false);
  expect(forwardedHttps(request())).toBe(false);
});
