import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Measurement, median, printTable } from './report.js';

/*
 * Cold start of the playground, from the built code: the time from spawning `node` to the page
 * (index.html and app.js) being served on PLAYGROUND_PORT. The target: under 3 s once built.
 * Two processes are timed: `node dist/main.js` with no chat tokens (when main exists), and a
 * minimal wiring of the same parts (engine with its workers, services, bot, playground).
 */

const dist = (file: string) => pathToFileURL(path.resolve('dist', file)).href;
const WIRING = `
import { createEngine } from '${dist('engine/index.js')}';
import { createTutorServices } from '${dist('bot/tutor-services.js')}';
import { createBot } from '${dist('bot/create-bot.js')}';
import { silentLogger } from '${dist('bot/logger.js')}';
import { createPlaygroundAdapter } from '${dist('adapters/playground/index.js')}';
const engine = await createEngine({ workers: 2, backend: 'auto' });
const { services } = createTutorServices({ engine, logger: silentLogger, charts: { kind: 'local' }, concurrency: 2 });
const bot = createBot({ services, logger: silentLogger });
const playground = createPlaygroundAdapter({ bot, host: '127.0.0.1', port: Number(process.env.PLAYGROUND_PORT), logger: silentLogger });
console.log((await playground.start()).url);
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function served(url: string): Promise<boolean> {
  try {
    const [page, script] = await Promise.all([fetch(url), fetch(`${url}app.js`)]);
    await Promise.all([page.arrayBuffer(), script.arrayBuffer()]);
    return page.status === 200 && script.status === 200;
  } catch {
    return false;
  }
}

/** Spawns `command args`, polls until the page is served, returns the elapsed ms and stops it. */
async function timeToPage(args: string[], command = process.execPath): Promise<number> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PLAYGROUND_PORT: String(port),
    OPS_PORT: '0',
    LOG_LEVEL: 'silent',
    TUTOR_DB: ':memory:',
  };
  for (const token of ['DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'])
    delete env[token];
  const started = performance.now();
  // Its own process group, so that stopping `npm start` also stops the node it started.
  const child: ChildProcess = spawn(command, args, { env, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      if (await served(url)) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error(`${args.join(' ')}: no page after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) await stop(child);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  };
  signalGroup('SIGTERM');
  const killTimer = setTimeout(() => signalGroup('SIGKILL'), 5000);
  await exited;
  clearTimeout(killTimer);
}

async function sample(args: string[], command?: string, runs = 3): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await timeToPage(args, command));
  return median(times);
}

/** Measures the playground's cold start from dist/ (says so and skips when dist is missing). */
export async function benchPlaygroundStart(): Promise<void> {
  if (!existsSync('dist/adapters/playground/web/app.js')) {
    console.log('\n(dist/ is missing: run `npm run build` first to time the playground cold start)');
    return;
  }
  const rows: Measurement[] = [];
  if (existsSync('dist/main.js')) {
    rows.push(
      {
        name: 'npm start (built, no tokens) -> page served',
        value: await sample(['start'], 'npm'),
        unit: 'ms',
        target: 3000,
      },
      {
        name: 'node dist/main.js (no tokens) -> page served',
        value: await sample(['dist/main.js']),
        unit: 'ms',
        target: 3000,
      },
    );
  }
  // A file, not `node -e`: worker threads inherit the parent's flags, and --input-type breaks them.
  const folder = await mkdtemp(path.join(os.tmpdir(), 'depth-tutor-bench-'));
  const script = path.join(folder, 'playground-start.mjs');
  await writeFile(script, WIRING);
  try {
    rows.push({
      name: 'engine + services + bot + playground -> page served',
      value: await sample([script]),
      unit: 'ms',
      target: 3000,
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  printTable('playground cold start (median of 3, from the built code)', rows);
}

// Run on its own: `npx tsx bench/playground-start.ts`.
if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) await benchPlaygroundStart();
