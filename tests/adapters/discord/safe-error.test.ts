import { describe, expect, it } from 'vitest';
import { redactTokens, safeError } from '../../../src/adapters/discord/safe-error.js';

describe('errors in logs', () => {
  it('cuts interaction tokens out of URLs, messages and stacks', () => {
    const url = 'https://discord.com/api/v10/webhooks/1001/aW50ZXJhY3Rpb24.secret/messages/@original';
    const error = Object.assign(new Error(`Unknown Webhook at ${url}`), {
      status: 404,
      code: 10015,
      method: 'PATCH',
      url,
    });
    const logged = JSON.stringify(safeError(error));
    expect(logged).not.toContain('aW50ZXJhY3Rpb24.secret');
    expect(safeError(error)).toMatchObject({
      status: 404,
      code: 10015,
      method: 'PATCH',
      url: 'https://discord.com/api/v10/webhooks/1001/:token/messages/@original',
    });
    expect(redactTokens('/interactions/42/tok-en/callback?with_response=false')).toBe(
      '/interactions/42/:token/callback?with_response=false',
    );
    expect(safeError('plain')).toEqual({ message: 'plain' });
  });
});
