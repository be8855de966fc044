#!/usr/bin/env node
// First: on an unsupported Node, one line naming the supported versions, and exit 1.
import '../scripts/check-node.mjs';
import pino from 'pino';
import { createTutorApp } from './app.js';
import { settledWithin } from './bot/jobs/shared.js';
import { readCliRequest } from './cli/cli-request.js';
import { runJson, runThroughBot } from './cli/cli-runs.js';
import { fail } from './cli/fail.js';
import { leaveQuietlyWhenReaderCloses } from './cli/print.js';
import { ConfigError, loadConfig } from './config.js';
import { createRootLogger } from './logging.js';
import { maskRedisUrl } from './queue/redis/client.js';

/*
 * `depth-tutor <command> key:value ... [--json] [--out DIR]`: any command of the bot, from a
 * shell, through the same bot core and worker pool. --json prints an experiment's full result.
 * Exit codes: 0 done, 2 bad input or a command the CLI cannot run (it needs the classroom database),
 * 130 interrupted (Ctrl-C), 1 anything else (the run failed or timed out). --version prints the version.
 */

/** How long a one-shot run waits for Redis before saying it cannot be reached. */
const QUEUE_WAIT_MS = 2500;
/** How long closing may take once the answer is printed. */
const CLOSE_WAIT_MS = 700;

/** Set by Ctrl-C: the run was cancelled, whatever it answered on its way out. */
let interrupted = false;

async function main(): Promise<void> {
  leaveQuietlyWhenReaderCloses();
  const request = readCliRequest(process.argv.slice(2));
  if (!request) return;
  const config = loadConfig();
  // A shell wants quiet: warnings and worse on stderr, unless LOG_LEVEL asks for more detail.
  const level = config.logLevel === 'debug' || config.logLevel === 'trace' ? config.logLevel : 'warn';
  const logger = createRootLogger({ logLevel: level, secrets: config.secrets }, pino.destination(2));
  // One-shot runs keep no history and fire no schedules: no database.
  const app = await createTutorApp(config, logger, { withStore: false, queueWaitMs: QUEUE_WAIT_MS });
  if (request.experiment && config.redisUrl && app.queue && !(await app.queue.ping())) {
    await app.close();
    fail(
      1,
      `depth-tutor: Redis at ${maskRedisUrl(config.redisUrl)} is not reachable, so no experiment can run on the queue; start Redis (and a worker: npm run worker), or unset REDIS_URL to train in this process`,
    );
  }
  const abort = new AbortController();
  const json = Boolean(request.args.json && request.spec);
  process.once('SIGINT', () => {
    interrupted = true;
    abort.abort();
    // The --json run cancels its job through the abort; a run through the bot has no job id here,
    // so closing the app cancels it, without the queue's drain (which would wait for this very
    // run). Either way the run ends at once and main exits with 130 once the cancel is sent.
    if (!json) void app.close(0);
  });
  try {
    if (json && request.spec) {
      await runJson(app, config, request.spec, request.args.outDir, abort.signal);
    } else {
      await runThroughBot(app, request);
    }
  } finally {
    // A one-shot run is over once its answer is out: close what can be closed in a moment, then
    // leave, so that no connection's reconnection loop or blocking read holds the shell.
    await settledWithin(app.close(), CLOSE_WAIT_MS);
  }
}

main()
  .then(() => (interrupted ? fail(130, 'cancelled') : process.exit(process.exitCode ?? 0)))
  .catch((error: unknown) => {
    if (error instanceof ConfigError) fail(2, error.message);
    if (interrupted) fail(130, 'cancelled');
    const e = error instanceof Error ? error : new Error(String(error));
    fail(1, e.name === 'AbortError' ? 'cancelled' : `depth-tutor: ${e.message}`);
  });
