import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createOpsServer } from '../../src/ops/ops-server.js';

/*
 * No Docker engine runs here and hadolint has no Debian package, so these checks stand in for a
 * build: the Dockerfile's invariants from the issue, its build steps against CI's, and its health
 * check command run for real against an ops server.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  name: string;
  base: string;
  body: Instruction[];
}

/** Instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

function stagesOf(all: Instruction[]): Stage[] {
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of all) {
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name, value = ''] = instruction.args.split('=');
      args.set(name!, value);
    } else if (instruction.keyword === 'FROM') {
      const [image = '', , name = ''] = instruction.args.split(/\s+/);
      const base = image.replace(/^\$\{(\w+)\}$/, (_, arg: string) => args.get(arg) ?? '');
      stages.push({ name, base, body: [] });
    } else {
      stages.at(-1)?.body.push(instruction);
    }
  }
  return stages;
}

const dockerfile = read('Dockerfile');
const stages = stagesOf(instructions(dockerfile));
const stage = (name: string) => {
  const found = stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
};
const runs = (name: string) =>
  stage(name)
    .body.filter((i) => i.keyword === 'RUN')
    .map((i) => i.args);
const one = (name: string, keyword: string) => stage(name).body.filter((i) => i.keyword === keyword);

describe('the Dockerfile', () => {
  it('builds in stages on Debian, the default target being the slim runtime, never Alpine', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'prod-deps', 'gpu-deps', 'gpu', 'runtime']);
    expect(stage('runtime').base).toBe('node:20-bookworm-slim');
    expect(stage('build').base).toBe('node:20-bookworm');
    for (const { base } of stages) expect(base).not.toMatch(/alpine/i);
  });

  it('installs and builds exactly as CI does', () => {
    const ciInstall = read('.ci/run')
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.startsWith('npm ci'));
    expect(ciInstall).toBeDefined();
    expect(runs('build')).toContain(ciInstall);
    // npm ci builds through `prepare`, in CI and in the image alike.
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    expect(scripts.prepare).toBe('npm run build');
    expect(runs('build').join('\n')).toContain('test -f dist/worker-main.js');
    expect(existsSync(path.join(ROOT, 'src/worker-main.ts'))).toBe(true);
  });

  it('ships production dependencies only, as a non-root user, starting with source maps', () => {
    expect(runs('prod-deps').join('\n')).toMatch(/npm ci --omit=dev\b/);
    const copies = one('runtime', 'COPY').map((i) => i.args);
    expect(copies).toContain('--from=prod-deps /app/node_modules ./node_modules');
    expect(copies.some((c) => c.startsWith('--from=build /app/node_modules'))).toBe(false);
    for (const name of ['runtime', 'gpu']) {
      const keywords = stage(name).body.map((i) => i.keyword);
      expect(one(name, 'USER').map((i) => i.args)).toEqual(['node']);
      expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
      expect(one(name, 'HEALTHCHECK')).toHaveLength(1);
    }
    expect(JSON.parse(one('runtime', 'CMD')[0]!.args)).toEqual([
      'node',
      '--enable-source-maps',
      'dist/main.js',
    ]);
  });

  it('gives the gpu target the CUDA build of the binding that matches tfjs-core, on CUDA 11.2 and cuDNN 8', () => {
    expect(stage('gpu').base).toMatch(/^nvidia\/cuda:11\.2\.\d+-cudnn8-runtime-/);
    const core = JSON.parse(read('node_modules/@tensorflow/tfjs-core/package.json')).version as string;
    expect(runs('gpu-deps').join('\n')).toContain(`@tensorflow/tfjs-node-gpu@${core}`);
    expect(
      one('gpu', 'ENV')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/TUTOR_BACKEND=tensorflow/);
    expect(one('gpu', 'COPY').map((i) => i.args)).toContain(
      '--from=gpu-deps /app/node_modules ./node_modules',
    );
    expect(JSON.parse(one('gpu', 'CMD')[0]!.args)).toEqual([
      'node',
      '--enable-source-maps',
      'dist/worker-main.js',
    ]);
  });

  it('copies only files the build context has and .dockerignore lets through', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', 'data', '.env']));
    const sources = stages.flatMap((s) =>
      s.body
        .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
        .flatMap((i) => i.args.split(/\s+/).slice(0, -1)),
    );
    for (const source of sources.filter((s) => s !== '.')) {
      expect(existsSync(path.join(ROOT, source)), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
  });

  it('has a health check that passes against a live ops port and fails without one', async () => {
    const [command, ...args] = JSON.parse(
      one('runtime', 'HEALTHCHECK')[0]!.args.replace(/^.*?CMD\s+/, ''),
    ) as string[];
    expect(command).toBe('node');
    const probe = (port: number) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, args, { env: { OPS_PORT: String(port) }, stdio: 'ignore' });
        child.once('exit', (code) => resolve(code));
      });
    const server = createOpsServer({ port: 0, checks: {} });
    const { port } = await server.start();
    expect(await probe(port)).toBe(0);
    await server.stop();
    expect(await probe(port)).toBe(1);
  });
});

describe('docker-compose.yml', () => {
  const compose = read('docker-compose.yml');

  it('runs redis, one bot and two workers of the same image on the queue', () => {
    const services = [...compose.matchAll(/^ {2}([\w-]+):/gm)].map((m) => m[1]);
    expect(services).toEqual(expect.arrayContaining(['redis', 'bot', 'worker-1', 'worker-2']));
    expect(compose).toMatch(/^ {2}worker-1: \*worker$/m);
    expect(compose).toMatch(/^ {2}worker-2: \*worker$/m);
    expect(compose).toContain('dist/worker-main.js');
    expect(compose.match(/REDIS_URL: redis:\/\/redis:6379/g)).toHaveLength(2);
    expect(compose).toMatch(/condition: service_healthy/);
  });
});
