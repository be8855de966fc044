import { optionSpelling } from '../../bot/command-options.js';
import type { CommandSummary } from '../../bot/services.js';
import { slackCommandFor } from './command-names.js';

/*
 * The Slack app manifest, derived from the command definitions: installing is "create app from
 * manifest, install, copy two tokens". Scopes are the ones the adapter calls need, no more:
 * commands (slash commands), chat:write (status, answers, ephemeral notes), chat:write.public
 * (post in public channels the bot was not invited to), files:write (charts via files.uploadV2),
 * and users:read only when a teacher-only command needs the workspace-admin check.
 */

/** The part of Slack's app manifest schema this app fills in. */
export interface SlackManifest {
  _metadata: { major_version: number; minor_version: number };
  display_information: {
    name: string;
    description: string;
    long_description: string;
    background_color: string;
  };
  features: {
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: {
      command: string;
      description: string;
      usage_hint?: string;
      should_escape: boolean;
      url?: string;
    }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/** The bot scopes the adapter uses, given the commands it serves. */
export function botScopes(commands: readonly Pick<CommandSummary, 'teacherOnly'>[]): string[] {
  const scopes = ['commands', 'chat:write', 'chat:write.public', 'files:write'];
  return commands.some((c) => c.teacherOnly) ? [...scopes, 'users:read'] : scopes;
}

/** The usage hint: the arguments of the richest example, e.g. `depth:8 activation:relu`. */
export function usageHint(
  command: Pick<CommandSummary, 'name' | 'examples' | 'options'>,
): string | undefined {
  const args = command.examples
    .map((e) => e.trim().replace(/^\/?\S+\s*/, ''))
    .sort((a, b) => b.length - a.length)[0];
  if (args) return args.slice(0, 1000);
  const names = Object.keys(command.options);
  return names.length > 0
    ? names
        .map((n) => `[${optionSpelling(n)}:…]`)
        .join(' ')
        .slice(0, 1000)
    : undefined;
}

const LONG_DESCRIPTION =
  'depth-tutor runs small, real neural-network training experiments in your class channel and explains what they show: ' +
  'the deeper a plain network, the harder its training problem. Students type /train depth:8 or /compare and get loss curves, ' +
  'gradient charts and a short explanation, with buttons for the next experiment. It cites Judd (1988), Blum & Rivest (1992), ' +
  'Glorot & Bengio (2010), He et al. (2016) and Li et al. (2018). The App Home lists the lessons, the commands and your recent runs.';

/**
 * Builds the manifest. Socket Mode by default (no public endpoint); with `requestUrl` (the public
 * `https://…/slack/events` address) it describes HTTP mode instead.
 */
export function buildSlackManifest(
  commands: readonly CommandSummary[],
  options: { appName?: string; requestUrl?: string } = {},
): SlackManifest {
  const name = options.appName ?? 'depth-tutor';
  const url = options.requestUrl;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Real training runs that show why deeper plain networks are harder to optimize.',
      long_description: LONG_DESCRIPTION,
      background_color: '#1d3557',
    },
    features: {
      app_home: {
        home_tab_enabled: true,
        messages_tab_enabled: false,
        messages_tab_read_only_enabled: false,
      },
      bot_user: { display_name: name, always_online: true },
      slash_commands: commands.map((c) => {
        const hint = usageHint(c);
        return {
          command: slackCommandFor(c.name),
          description: `${c.teacherOnly ? '(teachers) ' : ''}${c.description}`,
          ...(hint ? { usage_hint: hint } : {}),
          should_escape: false,
          ...(url ? { url } : {}),
        };
      }),
    },
    oauth_config: { scopes: { bot: botScopes(commands) } },
    settings: {
      event_subscriptions: { bot_events: ['app_home_opened'], ...(url ? { request_url: url } : {}) },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: url === undefined,
      token_rotation_enabled: false,
    },
  };
}

/** The manifest as the committed file holds it: two-space JSON with a final newline. */
export function renderManifest(manifest: SlackManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
