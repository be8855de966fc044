import { describe, expect, it } from 'vitest';
import { slackSafeError } from '../../../src/adapters/slack/safe-error.js';

/*
 * A failed `respond` is an axios error carrying the response_url, which lets anyone post in the
 * channel: what the Slack adapter logs of an error must keep the reason and drop the URL.
 */

const HOOK = 'https://hooks.slack.com/commands/T0001/1234567890/abcDEFsecretTOKEN';

describe('slackSafeError', () => {
  it('keeps the name, message, code, HTTP status and Slack error, and drops the response_url', () => {
    const axiosLike = Object.assign(new Error('Request failed with status code 404'), {
      name: 'AxiosError',
      code: 'ERR_BAD_REQUEST',
      config: { url: HOOK, method: 'post', data: '{"text":"hi"}' },
      request: { path: '/commands/T0001/1234567890/abcDEFsecretTOKEN' },
      response: { status: 404, data: { error: 'expired_url' }, config: { url: HOOK } },
      data: { error: 'expired_url' },
    });
    const logged = slackSafeError(axiosLike);
    expect(logged).toEqual({
      name: 'AxiosError',
      message: 'Request failed with status code 404',
      code: 'ERR_BAD_REQUEST',
      status: 404,
      slackError: 'expired_url',
      stack: expect.stringContaining('safe-error.test.ts'),
    });
    expect(JSON.stringify(logged)).not.toContain('secretTOKEN');
  });

  it('cuts a response_url out of any message that quotes it', () => {
    const logged = slackSafeError(new Error(`could not reach ${HOOK} in time`));
    expect(JSON.stringify(logged)).not.toContain('secretTOKEN');
    expect(logged.message).toBe('could not reach https://hooks.slack.com/:redacted in time');
    expect(logged.stack).toMatch(
      /^Error: could not reach https:\/\/hooks\.slack\.com\/:redacted in time\n\s+at /,
    );
    expect(slackSafeError(`${HOOK} refused`)).toEqual({
      message: 'https://hooks.slack.com/:redacted refused',
    });
  });
});
