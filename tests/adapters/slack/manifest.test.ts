import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  botScopes,
  buildSlackManifest,
  renderManifest,
  usageHint,
} from '../../../src/adapters/slack/manifest.js';
import { COMMANDS } from '../../../src/bot/commands/index.js';

const committed = () => readFileSync(new URL('../../../slack-app-manifest.json', import.meta.url), 'utf8');

describe('Slack app manifest', () => {
  it('is committed up to date with the command definitions (run `npm run manifest:slack` if not)', () => {
    // Compared as data: the committed file is laid out by biome, not by JSON.stringify.
    expect(JSON.parse(committed())).toEqual(JSON.parse(renderManifest(buildSlackManifest(COMMANDS))));
  });

  it('declares every command under its Slack name, with descriptions and usage hints', () => {
    const manifest = buildSlackManifest(COMMANDS);
    const names = manifest.features.slash_commands.map((c) => c.command);
    for (const name of [
      '/train',
      '/compare',
      '/restarts',
      '/landscape',
      '/lp',
      '/explain',
      '/ask',
      '/tutor-help',
    ]) {
      expect(names).toContain(name);
    }
    expect(names).not.toContain('/help');
    expect(names).not.toContain('/status');
    for (const command of manifest.features.slash_commands) {
      expect(command.command.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeGreaterThan(0);
    }
    const train = manifest.features.slash_commands.find((c) => c.command === '/train')!;
    expect(train.usage_hint).toMatch(/depth:\d+/);
  });

  it('asks for the scopes the adapter uses, and users:read only for teacher-only commands', () => {
    const manifest = buildSlackManifest(COMMANDS);
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'chat:write.public',
      'files:write',
      'users:read',
    ]);
    expect(COMMANDS.some((c) => c.teacherOnly)).toBe(true);
    expect(botScopes([{ teacherOnly: false }])).not.toContain('users:read');
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('uses Socket Mode by default and request URLs in HTTP mode', () => {
    expect(buildSlackManifest(COMMANDS).settings.socket_mode_enabled).toBe(true);
    const url = 'https://tutor.example.org/slack/events';
    const http = buildSlackManifest(COMMANDS, { requestUrl: url });
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.settings.interactivity.request_url).toBe(url);
    expect(http.settings.event_subscriptions.request_url).toBe(url);
    expect(http.features.slash_commands.every((c) => c.url === url)).toBe(true);
  });

  it('marks teacher-only commands and falls back to option names for a hint', () => {
    const command = {
      name: 'schedule',
      description: 'Plan a demo',
      options: { at: { kind: 'text' as const, description: 'when', required: true, maxLength: 20 } },
      examples: [],
      teacherOnly: true,
    };
    const manifest = buildSlackManifest([command]);
    expect(manifest.features.slash_commands[0]).toMatchObject({
      command: '/schedule',
      description: '(teachers) Plan a demo',
      usage_hint: '[at:…]',
    });
    expect(usageHint({ name: 'help', examples: ['/help', '/help train'], options: {} })).toBe('train');
  });
});
