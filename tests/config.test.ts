import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has the documented defaults and no platform without a token', () => {
    const config = loadConfig({});
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.playground).toEqual({ enabled: true, host: '127.0.0.1', port: 3000, trustedProxies: [] });
    expect(config.engine.backend).toBe('auto');
    expect(config.engine.workers).toBeGreaterThanOrEqual(1);
    expect(config.databasePath).toBe('./data/tutor.db');
    expect(config.charts.renderer).toBe('local');
    expect(config.secrets).toEqual([]);
  });

  it('enables a platform when its token is set and lists every secret', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'd-secret',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's-1',
      TUTOR_WORKERS: '3',
    });
    expect(config.discord?.token).toBe('d-secret');
    expect(config.slack).toMatchObject({ botToken: 'xoxb-1', signingSecret: 's-1', port: 3001 });
    expect(config.engine.workers).toBe(3);
    expect(config.secrets.sort()).toEqual(['d-secret', 's-1', 'xoxb-1']);
  });

  it('reads the playground teacher token as a secret of at least 16 characters', () => {
    const config = loadConfig({ PLAYGROUND_TEACHER_TOKEN: 'a long teacher token' });
    expect(config.playground.teacherToken).toBe('a long teacher token');
    expect(config.secrets).toEqual(['a long teacher token']);
    expect(loadConfig({ PLAYGROUND_TEACHER_TOKEN: 'sixteen-chars-ok' }).playground.teacherToken).toBe(
      'sixteen-chars-ok',
    );
    for (const short of ['short1', 'fifteen-chars-x']) {
      expect(() => loadConfig({ PLAYGROUND_TEACHER_TOKEN: short })).toThrow(
        /PLAYGROUND_TEACHER_TOKEN: must be at least 16 characters/,
      );
    }
  });

  it('reads PLAYGROUND_TRUSTED_PROXY as a list of IP addresses, and refuses anything else', () => {
    expect(loadConfig({}).playground.trustedProxies).toEqual([]);
    expect(loadConfig({ PLAYGROUND_TRUSTED_PROXY: '10.0.0.2, ::1' }).playground.trustedProxies).toEqual([
      '10.0.0.2',
      '::1',
    ]);
    expect(() => loadConfig({ PLAYGROUND_TRUSTED_PROXY: 'proxy.local' })).toThrow(
      /PLAYGROUND_TRUSTED_PROXY: must be a comma-separated list of IP addresses/,
    );
  });

  it('reads PLAYGROUND_ENABLED with the yes/no words the commands use, and names them when it is none', () => {
    for (const word of ['false', 'no', 'off', '0'])
      expect(loadConfig({ PLAYGROUND_ENABLED: word }).playground.enabled).toBe(false);
    for (const word of ['true', 'yes', 'on', '1'])
      expect(loadConfig({ PLAYGROUND_ENABLED: word }).playground.enabled).toBe(true);
    expect(() => loadConfig({ PLAYGROUND_ENABLED: 'maybe' })).toThrow(
      /PLAYGROUND_ENABLED: .*"true"\|"yes"\|"on"\|"false"/,
    );
  });

  it('turns Discord to HTTP interactions with a well-formed public key, and names a malformed one', () => {
    const key = 'ab'.repeat(32);
    expect(loadConfig({ DISCORD_TOKEN: 'd-secret' }).discord?.interactions).toBeUndefined();
    expect(loadConfig({ DISCORD_TOKEN: 'd-secret', DISCORD_PUBLIC_KEY: key }).discord?.interactions).toEqual({
      publicKey: key,
      port: 3002,
      host: '127.0.0.1',
    });
    expect(
      loadConfig({
        DISCORD_TOKEN: 't',
        DISCORD_PUBLIC_KEY: key,
        DISCORD_PORT: '8443',
        DISCORD_HOST: '0.0.0.0',
      }).discord?.interactions,
    ).toMatchObject({ port: 8443, host: '0.0.0.0' });
    expect(() => loadConfig({ DISCORD_TOKEN: 't', DISCORD_PUBLIC_KEY: 'abc' })).toThrow(
      /DISCORD_PUBLIC_KEY: must be the 64 hexadecimal digits/,
    );
    expect(() => loadConfig({ DISCORD_PORT: '70000' })).toThrow(/DISCORD_PORT/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ LOG_LEVEL: '', DISCORD_TOKEN: ' ' }).discord).toBeUndefined();
  });

  it('names every malformed variable, without echoing secrets', () => {
    expect(() =>
      loadConfig({ TUTOR_BACKEND: 'gpu', PLAYGROUND_PORT: '99999', DISCORD_TOKEN: 'd-secret' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ TUTOR_BACKEND: 'gpu', PLAYGROUND_PORT: '99999', DISCORD_TOKEN: 'd-secret' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('TUTOR_BACKEND');
      expect(message).toContain('PLAYGROUND_PORT');
      expect(message).not.toContain('d-secret');
    }
  });
});
