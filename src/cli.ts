#!/usr/bin/env node
// First: on an unsupported Node, one line naming the supported versions, and exit 1.
import '../scripts/check-node.mjs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { renderReplyText } from './adapters/cli/render-text.js';
import { createTutorApp } from './app.js';
import { chartsFor, createChartRenderer } from './bot/charts/index.js';
import { COMMANDS } from './bot/commands/index.js';
import { isUserError } from './bot/errors.js';
import { settledWithin } from './bot/jobs/shared.js';
import { resolveOptions } from './bot/options/resolve.js';
import type { CommandIo, Reply, ReplyImage } from './bot/types.js';
import { parseCliArgs } from './cli/args.js';
import { ConfigError, loadConfig } from './config.js';
import { EXPERIMENTS, type ExperimentName, validateSpec } from './engine/index.js';
import { createRootLogger } from './logging.js';
import { maskRedisUrl } from './queue/redis.js';

/*
 * `depth-tutor <command> key:value ... [--json] [--out DIR]`: any command of the bot, from a
 * shell, through the same bot core and worker pool. --json prints an experiment's full result.
 * Exit codes: 0 done, 2 bad input, 1 anything else (the run failed, timed out or was cancelled).
 */

const USAGE = `usage: depth-tutor <command> [key:value ...] [--json] [--out DIR]
commands: ${COMMANDS.map((c) => c.name).join(', ')}
examples:
  depth-tutor train depth:8
  depth-tutor compare depths:1,2,4,8 seeds:3 --json
  depth-tutor hardness dims:2,4,8 --json
  depth-tutor explain vanishing-gradients
Every option of a command: depth-tutor help <command>`;

/** How long a one-shot run waits for Redis before saying it cannot be reached. */
const QUEUE_WAIT_MS = 2500;
/** How long closing may take once the answer is printed. */
const CLOSE_WAIT_MS = 700;

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function saveImages(images: ReplyImage[], outDir: string | undefined): Promise<string[]> {
  if (!outDir || images.length === 0) return [];
  await mkdir(outDir, { recursive: true });
  const files = images.map((image) => ({ file: path.join(outDir, image.name), data: image.png }));
  // The animation of training, when the reply has one, next to the stills it animates.
  const animation = images.find((image) => image.animation)?.animation;
  if (animation) files.push({ file: path.join(outDir, 'animation.gif'), data: animation.gif });
  return Promise.all(
    files.map(async ({ file, data }) => {
      await writeFile(file, data);
      return file;
    }),
  );
}

async function main(): Promise<void> {
  const parsedArgs = parseCliArgs(process.argv.slice(2));
  if (!parsedArgs.ok) fail(2, parsedArgs.message);
  const { args } = parsedArgs;
  if (args.command === undefined || (args.help && args.command === 'help'))
    return void process.stdout.write(`${USAGE}\n`);
  const definition = COMMANDS.find((c) => c.name === args.command);
  if (!definition)
    fail(2, `unknown command "${args.command}"; commands are ${COMMANDS.map((c) => c.name).join(', ')}`);
  const command = args.help ? 'help' : definition.name;
  const text = args.help ? definition.name : args.optionText;
  const experiment = EXPERIMENTS.find((e): e is ExperimentName => e === command);

  // Bad options stop here with exit code 2 and the words the bot would use.
  const options = resolveOptions(COMMANDS.find((c) => c.name === command)!, { kind: 'text', text });
  // `view` chooses charts (train, compare); it is the bot's option, not the engine's.
  const engineValues = options.ok
    ? Object.fromEntries(Object.entries(options.values).filter(([k]) => k !== 'view'))
    : {};
  const checked = options.ok && experiment ? validateSpec({ experiment, ...engineValues }) : options;
  if (!checked.ok) fail(2, checked.errors.map((e) => e.message).join('\n'));
  if (args.json && !experiment) fail(2, `--json works with the experiments: ${EXPERIMENTS.join(', ')}`);

  const config = loadConfig();
  // A shell wants quiet: warnings and worse on stderr, unless LOG_LEVEL asks for more detail.
  const level = config.logLevel === 'debug' || config.logLevel === 'trace' ? config.logLevel : 'warn';
  const logger = createRootLogger({ logLevel: level, secrets: config.secrets }, pino.destination(2));
  // One-shot runs keep no history and fire no schedules: no database.
  const app = await createTutorApp(config, logger, { withStore: false, queueWaitMs: QUEUE_WAIT_MS });
  if (experiment && config.redisUrl && app.queue && !(await app.queue.ping())) {
    await app.close();
    fail(
      1,
      `depth-tutor: Redis at ${maskRedisUrl(config.redisUrl)} is not reachable, so no experiment can run on the queue; start Redis (and a worker: npm run worker), or unset REDIS_URL to train in this process`,
    );
  }
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const showProgress = process.stderr.isTTY && !args.json;
  try {
    if (args.json && checked.ok && 'spec' in checked) {
      // Through the job service, so --json runs on the queue workers too when REDIS_URL is set.
      const ticket = await app.jobs.submit({ user: 'cli', conversation: 'cli', spec: checked.spec });
      if (isUserError(ticket)) fail(1, ticket.message);
      abort.signal.addEventListener('abort', () => void app.jobs.cancel(ticket.id, 'cli'));
      const outcome = await ticket.done;
      if (outcome.status !== 'done') {
        fail(
          1,
          outcome.status === 'failed'
            ? `depth-tutor: ${outcome.error.message}`
            : outcome.status === 'lost'
              ? 'the training queue lost the run (its Redis was restarted or emptied); running it again is safe'
              : `the run was ${outcome.status === 'timeout' ? 'stopped at its time limit' : 'cancelled'}`,
        );
      }
      process.stdout.write(`${JSON.stringify(outcome.result)}\n`);
      const renderer = createChartRenderer({
        kind: config.charts.renderer,
        quickchartUrl: config.charts.quickchartUrl,
      });
      if (args.outDir) await saveImages(await chartsFor(outcome.result, renderer), args.outDir);
      return;
    }
    let accepted = false;
    const io: CommandIo = {
      accept: async ({ summary }) => {
        accepted = true;
        process.stderr.write(`${summary}\n`);
      },
      progress: (update) => {
        if (!showProgress) return;
        const line =
          update.kind === 'queued'
            ? `queued #${update.position}`
            : `${update.percent}%${update.loss === undefined ? '' : ` loss ${update.loss.toFixed(3)}`}`;
        process.stderr.write(`\r${line.padEnd(30)}`);
      },
    };
    const request = {
      platform: 'cli' as const,
      requestId: `cli-${process.pid}`,
      user: { id: 'cli' },
      conversation: 'cli',
    };
    const reply: Reply = await app.bot.handle({ ...request, command, options: { kind: 'text', text } }, io);
    if (showProgress) process.stderr.write(`\r${' '.repeat(30)}\r`);
    process.stdout.write(renderReplyText(reply, await saveImages(reply.images, args.outDir)));
    if (experiment && (!accepted || reply.visibility === 'private')) process.exitCode = 1;
  } finally {
    // A one-shot run is over once its answer is out: close what can be closed in a moment, then
    // leave, so that no connection's reconnection loop or blocking read holds the shell.
    await settledWithin(app.close(), CLOSE_WAIT_MS);
  }
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error: unknown) => {
    if (error instanceof ConfigError) fail(2, error.message);
    const e = error instanceof Error ? error : new Error(String(error));
    fail(1, e.name === 'AbortError' ? 'cancelled' : `depth-tutor: ${e.message}`);
  });
