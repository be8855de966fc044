#!/usr/bin/env node
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseOptionText } from './bot/options/parse-text.js';
import { parseCliArgs } from './cli/args.js';
import { summarize } from './cli/summarize.js';
import { ConfigError, loadConfig } from './config.js';
import { createEngine, EXPERIMENTS, type ExperimentName, SPEC_FIELDS, validateSpec } from './engine/index.js';

/*
 * `depth-tutor <experiment> key:value ... [--json] [--out DIR]`: runs one experiment from a shell
 * on the same worker pool the bot uses. Exit codes: 0 done, 2 bad input, 1 anything else.
 */

const USAGE = `usage: depth-tutor <experiment> [key:value ...] [--json] [--out DIR]
experiments: ${EXPERIMENTS.join(', ')}
example: depth-tutor compare depths:1,2,4,8 seeds:3 --json
Options of an experiment: depth-tutor <experiment> --help`;

function optionHelp(experiment: ExperimentName): string {
  const lines = Object.entries(SPEC_FIELDS[experiment]).map(
    ([name, f]) => `  ${name.padEnd(14)} ${f.description} (default ${String(f.default)})`,
  );
  return [`options of ${experiment}:`, ...lines].join('\n');
}

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const parsedArgs = parseCliArgs(process.argv.slice(2));
  if (!parsedArgs.ok) fail(2, parsedArgs.message);
  const { args } = parsedArgs;
  const experiment = EXPERIMENTS.find((e) => e === args.command);
  if (args.help && experiment) return void process.stdout.write(`${optionHelp(experiment)}\n`);
  if (args.help || args.command === undefined) return void process.stdout.write(`${USAGE}\n`);
  if (!experiment) fail(2, `unknown experiment "${args.command}"; choose one of ${EXPERIMENTS.join(', ')}`);

  const options = parseOptionText(args.optionText, SPEC_FIELDS[experiment]);
  const checked = options.ok ? validateSpec({ experiment, ...options.values }) : options;
  if (!checked.ok) fail(2, checked.errors.map((e) => e.message).join('\n'));

  const config = loadConfig();
  const engine = await createEngine({ backend: config.engine.backend, workers: config.engine.workers });
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const showProgress = !args.json && process.stderr.isTTY;
  try {
    const result = await engine.run(checked.spec, {
      signal: abort.signal,
      onProgress: (p) => {
        if (showProgress) process.stderr.write(`\r${(100 * p.fraction).toFixed(0).padStart(3)}%`);
      },
    });
    if (showProgress) process.stderr.write('\r    \r');
    process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : `${summarize(result)}\n`);
    if (args.outDir) {
      await mkdir(args.outDir, { recursive: true });
      const file = path.join(args.outDir, `${experiment}.json`);
      await writeFile(file, JSON.stringify(result, null, 2));
      if (!args.json) process.stdout.write(`result written to ${file}\n`);
    }
  } finally {
    await engine.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) fail(2, error.message);
  const e = error instanceof Error ? error : new Error(String(error));
  fail(1, e.name === 'AbortError' ? 'cancelled' : `depth-tutor: ${e.message}`);
});
