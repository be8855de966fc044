import type { types } from '@slack/bolt';
import type { RecentRun } from '../../bot/classroom/run-history.js';
import type { CommandSummary, LessonLike } from '../../bot/services.js';
import { slackCommandFor, withSlackCommandNames } from './command-names.js';
import { escapeSlack, toMrkdwn, truncate } from './mrkdwn.js';

/*
 * The App Home tab: what the tutor teaches (the lessons, in story order), how to call it (the
 * command definitions) and the viewer's own recent runs (the history /history shows). Rebuilt on every app_home_opened, so it
 * is never stale for long. Home views allow 100 blocks; this uses about 25.
 */

type Block = types.KnownBlock;

const INTRO =
  'I run small, real training experiments to show one idea: *the deeper a plain neural network, the harder it is to train.* ' +
  'Type a command in any channel I am in, for example `/train depth:1`, then `/train depth:8`, then `/compare`.';

const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text } });
const section = (text: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, 3000) },
});

function lessonBlock(lesson: LessonLike): Block {
  return section(
    `*${escapeSlack(lesson.title)}*\n${toMrkdwn(lesson.summary)}\nTry \`${escapeSlack(lesson.command)}\` · read \`/explain ${lesson.id}\``,
  );
}

function commandLines(commands: readonly CommandSummary[]): string {
  return commands
    .map((c) => {
      const who = c.teacherOnly ? ' _(teachers)_' : '';
      return `• \`${slackCommandFor(c.name)}\`${who}: ${escapeSlack(c.description)}`;
    })
    .join('\n');
}

function runLines(runs: readonly RecentRun[] | undefined): string {
  if (!runs) return 'Run history is off: it needs the classroom database (TUTOR_DB).';
  if (runs.length === 0) return 'No runs yet. Try `/train depth:1` in a channel.';
  return runs
    .map((run) => {
      const at = run.createdAt;
      const when = `<!date^${Math.floor(at / 1000)}^{date_short_pretty} {time}|${new Date(at).toISOString()}>`;
      const command = withSlackCommandNames(run.command);
      return `• ${when} in <#${run.conversation}>: \`${escapeSlack(command)}\`\n   ${escapeSlack(run.headline)}`;
    })
    .join('\n');
}

/** The Home tab view for one user. */
export function homeView(options: {
  lessons: readonly LessonLike[];
  commands: readonly CommandSummary[];
  /** Absent when the tutor keeps no history (no database). */
  recentRuns: readonly RecentRun[] | undefined;
}): types.HomeView {
  const blocks: Block[] = [
    header('depth-tutor'),
    section(INTRO),
    { type: 'divider' },
    header('What I teach'),
    ...options.lessons.slice(0, 20).map(lessonBlock),
    { type: 'divider' },
    header('Commands'),
    section(commandLines(options.commands)),
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'Options are `name:value` pairs; `/tutor-help train` lists them all.' },
      ],
    },
    { type: 'divider' },
    header('Your recent runs'),
    section(runLines(options.recentRuns)),
  ];
  return { type: 'home', blocks };
}
