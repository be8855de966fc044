import type { Field } from '../../engine/fields.js';
import { type ExperimentSpec, SPEC_FIELDS } from '../../engine/spec.js';
import type { RunRow, Store } from '../../store/index.js';
import { commandButton } from '../buttons.js';
import { optionText } from '../options/option-text.js';
import type { BotRequest, Reply, ReplyButton } from '../types.js';

/** How many runs /history shows, and how many of them get a rerun button. */
export const HISTORY_LENGTH = 10;
const BUTTONS = 5;
/** Characters of a run's headline kept in its history. */
const HEADLINE_KEPT = 200;

/** The command text that repeats a run exactly (defaults left out; `short` keys for button ids). */
export function repeatCommand(spec: ExperimentSpec, short = false): { command: string; text: string } {
  const { experiment, ...values } = spec;
  const fields = SPEC_FIELDS[experiment] as Record<string, Field>;
  return { command: experiment, text: optionText(values, fields, short) };
}

/** A finished run as lists beside /history show it (Slack's App Home); the command uses the bot's names. */
export type RecentRun = Pick<RunRow, 'command' | 'headline' | 'conversation' | 'createdAt'>;

/**
 * A run's command as the tutor writes it today, rebuilt from its stored spec: rows recorded
 * before option names were shown in snake_case (`learningRate:0.01`) read like new ones. The
 * stored text stands when the spec is of no experiment this version knows.
 */
export function shownRun<Run extends Pick<RunRow, 'command' | 'spec'>>(run: Run): Run {
  const spec = run.spec as unknown as ExperimentSpec;
  if (!Object.hasOwn(SPEC_FIELDS, spec.experiment)) return run;
  const { command, text } = repeatCommand(spec);
  return { ...run, command: `/${command} ${text}`.trim() };
}

/** Records a finished experiment in the requester's history. */
export function recordRun(store: Store, request: BotRequest, spec: ExperimentSpec, headline: string): void {
  const { command, text } = repeatCommand(spec);
  store.runs.add({
    platform: request.platform,
    user: request.user.id,
    conversation: request.conversation,
    command: `/${command} ${text}`.trim(),
    spec: spec as unknown as Record<string, unknown>,
    // Bounded so ten runs fit one Slack Home section; the cut is marked, and the command stored
    // beside it (shown with it in /history and the Home tab) holds every option whole.
    headline: headline.length <= HEADLINE_KEPT ? headline : `${headline.slice(0, HEADLINE_KEPT - 1)}…`,
  });
}

function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

function rerunButton(run: RunRow, index: number): ReplyButton | undefined {
  const spec = run.spec as unknown as ExperimentSpec;
  if (!Object.hasOwn(SPEC_FIELDS, spec.experiment)) return undefined;
  const { command, text } = repeatCommand(spec, true);
  return commandButton(`Rerun #${index + 1}`, command, text);
}

/** The caller's recent runs, each with the command that repeats it and (the newest) a rerun button. */
export function historyReply(runs: readonly RunRow[], now: number): Reply {
  if (runs.length === 0) {
    return {
      visibility: 'private',
      headline: 'You have no runs yet.',
      blocks: ['Start with `/train depth:1`, then `/train depth:8`.'],
      fields: [],
      images: [],
      buttons: [],
    };
  }
  const lines = runs.map(
    (run, i) => `${i + 1}. ${run.headline} (${ago(now - run.createdAt)})\n    \`${shownRun(run).command}\``,
  );
  return {
    visibility: 'private',
    headline: `Your last ${runs.length === 1 ? 'run' : `${runs.length} runs`}`,
    blocks: [lines.join('\n'), 'Copy a command to repeat a run exactly, or press a button to rerun it.'],
    fields: [],
    images: [],
    buttons: runs
      .slice(0, BUTTONS)
      .map(rerunButton)
      .filter((b): b is ReplyButton => b !== undefined),
  };
}
