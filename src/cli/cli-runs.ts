import { renderReplyText } from '../adapters/cli/render-text.js';
import type { TutorApp } from '../app.js';
import { chartsFor, createChartRenderer } from '../bot/charts/index.js';
import { unfinishedReply } from '../bot/commands/experiment-outcome.js';
import { isUserError } from '../bot/errors.js';
import { progressSentence, progressWords } from '../bot/progress-words.js';
import type { CommandIo, ProgressUpdate, Reply } from '../bot/types.js';
import type { Config } from '../config.js';
import type { ExperimentSpec } from '../engine/index.js';
import type { CliRequest } from './cli-request.js';
import { fail } from './fail.js';
import { printOut } from './print.js';
import { saveImages } from './save-images.js';

/** Characters of the progress line on a terminal: fits an 80-column window. */
const CLI_PROGRESS_WIDTH = 78;

/* The two ways a CLI run goes: the full result as JSON, or the bot's reply as text. */

/**
 * `--json`: the experiment's full result on stdout, its charts in --out. Through the job service,
 * so it runs on the queue workers too when REDIS_URL is set.
 */
export async function runJson(
  app: TutorApp,
  config: Config,
  spec: ExperimentSpec,
  outDir: string | undefined,
  signal: AbortSignal,
): Promise<void> {
  const ticket = await app.jobs.submit({ user: 'cli', conversation: 'cli', spec });
  if (isUserError(ticket)) fail(1, ticket.message);
  // Ctrl-C may come while the submit still talks to Redis: then cancel as soon as there is a job.
  const cancel = () => void app.jobs.cancel(ticket.id, 'cli');
  if (signal.aborted) cancel();
  else signal.addEventListener('abort', cancel, { once: true });
  const outcome = await ticket.done;
  // Interrupted: main exits with 130 after closing, which lets the cancel reach the queue's workers.
  if (signal.aborted) return;
  if (outcome.status === 'failed') fail(1, `depth-tutor: ${outcome.error.message}`);
  if (outcome.status !== 'done') {
    // The words the bot would use for a run that did not finish (cancelled, timed out, lost),
    // with its follow-up as a command to type.
    fail(1, renderReplyText(unfinishedReply(spec.experiment, spec, outcome)).trimEnd());
  }
  await printOut(`${JSON.stringify(outcome.result)}\n`);
  const renderer = createChartRenderer({
    kind: config.charts.renderer,
    quickchartUrl: config.charts.quickchartUrl,
  });
  if (outDir) await saveImages(await chartsFor(outcome.result, renderer), outDir);
}

/**
 * Any command through the bot: its reply as text on stdout, progress on a terminal's stderr.
 * An experiment that was refused or not run sets exit code 1.
 */
export async function runThroughBot(app: TutorApp, request: CliRequest): Promise<void> {
  const { args, command, text, experiment } = request;
  const showProgress = process.stderr.isTTY && !args.json;
  let accepted = false;
  let latest: ProgressUpdate | undefined;
  const io: CommandIo = {
    accept: async ({ summary }) => {
      accepted = true;
      // Where the run stands when it is accepted: "(running)", "(queued #2)".
      process.stderr.write(`${summary} (${progressWords(latest).status})\n`);
    },
    progress: (update) => {
      latest = update;
      if (!showProgress || !accepted) return;
      const { percent } = progressWords(update);
      const line = `${percent === undefined ? '' : `${percent}% `}${progressSentence(update)}`;
      // One line rewritten in place: cut to a common terminal's width, padded over the last one.
      process.stderr.write(`\r${line.slice(0, CLI_PROGRESS_WIDTH).padEnd(CLI_PROGRESS_WIDTH)}`);
    },
  };
  const asker = {
    platform: 'cli' as const,
    requestId: `cli-${process.pid}`,
    user: { id: 'cli' },
    conversation: 'cli',
  };
  const reply: Reply = await app.bot.handle({ ...asker, command, options: { kind: 'text', text } }, io);
  if (showProgress) process.stderr.write(`\r${' '.repeat(CLI_PROGRESS_WIDTH)}\r`);
  await printOut(renderReplyText(reply, await saveImages(reply.images, args.outDir)));
  if (experiment && (!accepted || reply.visibility === 'private')) process.exitCode = 1;
}
