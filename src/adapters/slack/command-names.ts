/*
 * Slack reserves `/help` and `/status`, and generic names clash with other apps in a workspace,
 * so three bot commands get a `tutor-` prefix on Slack. One map serves the manifest, the
 * listeners and the text of replies, so the names cannot drift apart.
 */

/** Bot command → Slack slash command name (without the slash), where they differ. */
export const SLACK_RENAMES: Readonly<Record<string, string>> = {
  help: 'tutor-help',
  status: 'tutor-status',
  cancel: 'tutor-cancel',
};

const BOT_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SLACK_RENAMES).map(([bot, slack]) => [slack, bot]),
);

/** The Slack slash command for a bot command, with its slash: `train` → `/train`, `help` → `/tutor-help`. */
export function slackCommandFor(botCommand: string): string {
  return `/${SLACK_RENAMES[botCommand] ?? botCommand}`;
}

/** The bot command a Slack slash command runs: `/tutor-help` → `help`. */
export function botCommandFor(slashCommand: string): string {
  const name = slashCommand.replace(/^\//, '').toLowerCase();
  return BOT_NAMES[name] ?? name;
}

// A renamed command mentioned in running text: `/help train`, "(/status)". Not part of a path
// or URL, hence the lookbehind for a start, a space, a backtick or an opening bracket.
const MENTION = new RegExp(`(?<=^|[\\s\`(])/(${Object.keys(SLACK_RENAMES).join('|')})(?![\\w-])`, 'g');

/** Rewrites command mentions in reply text to the names a Slack user must type. */
export function withSlackCommandNames(text: string): string {
  return text.replace(MENTION, (_match, name: string) => slackCommandFor(name));
}
