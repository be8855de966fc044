import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createOpsServer } from '../../src/ops/ops-server.js';

/*
 * The Dockerfiles' invariants, checked without a Docker engine (hadolint has no Debian package):
 * their stages and bases, their build steps against CI's, and the health check command run for real
 * against an ops server. scripts/docker-smoke.sh builds and runs the images where Docker runs.
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

/** A Dockerfile's stages, and helpers to look inside one. */
function dockerfileOf(file: string) {
  const text = read(file);
  const stages = stagesOf(instructions(text));
  const stage = (name: string) => {
    const found = stages.find((s) => s.name === name);
    if (!found) throw new Error(`${file}: no stage ${name}`);
    return found;
  };
  const runs = (name: string) =>
    stage(name)
      .body.filter((i) => i.keyword === 'RUN')
      .map((i) => i.args);
  const one = (name: string, keyword: string) => stage(name).body.filter((i) => i.keyword === keyword);
  return { text, stages, stage, runs, one };
}

const runtimeFile = dockerfileOf('Dockerfile');
const gpuFile = dockerfileOf('Dockerfile.gpu');
const ciInstall = read('.ci/run')
  .split('\n')
  .map((line) => line.trim())
  .find((line) => line.startsWith('npm ci'));
/** The newest Node line package.json says is tested: the images run on it. */
const newestTestedMajor = (JSON.parse(read('package.json')).engines.node as string).match(
  /\^(\d+)\.\d+\.\d+$/,
)?.[1];
const envOf = (file: ReturnType<typeof dockerfileOf>, name: string) =>
  file
    .one(name, 'ENV')
    .map((i) => i.args)
    .join(' ');

describe('the Dockerfile', () => {
  const { stages, stage, runs, one } = runtimeFile;

  it('builds in stages on Debian with the newest tested Node, the default target being the slim runtime', () => {
    expect(stages.map((s) => s.name)).toEqual(['manifests', 'build', 'prod-deps', 'runtime']);
    expect(newestTestedMajor).toBe('24');
    expect(stage('runtime').base).toBe(`node:${newestTestedMajor}-bookworm-slim`);
    expect(stage('manifests').base).toBe(`node:${newestTestedMajor}-bookworm`);
    for (const { base } of stages) expect(base).not.toMatch(/alpine/i);
  });

  it('has nothing of the GPU image, which the classic builder would build on the way to runtime', () => {
    const everything = stages.flatMap((s) => [s.base, ...s.body.map((i) => i.args)]).join('\n');
    expect(everything).toContain('npm ci');
    expect(everything).not.toMatch(/cuda|tfjs-node|nvidia/i);
  });

  it('installs and builds exactly as CI does', () => {
    expect(ciInstall).toBeDefined();
    // CI's install, with the build `prepare` would run taken out first and run once the sources are in.
    expect(runs('manifests')).toEqual(['npm pkg delete scripts.prepare']);
    expect(runs('build')[0]).toBe(ciInstall);
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    expect(scripts.prepare).toBe('npm run build');
    expect(runs('build').join('\n')).toMatch(
      /npm run build && test -f dist\/main\.js && test -f dist\/worker-main\.js/,
    );
    expect(existsSync(path.join(ROOT, 'src/worker-main.ts'))).toBe(true);
  });

  it('copies the package manifests before npm ci and the sources after, so a source change reuses the install', () => {
    const manifests = stage('manifests').body;
    expect(manifests.filter((i) => i.keyword === 'COPY').map((i) => i.args)).toEqual([
      'package.json package-lock.json ./',
    ]);
    const body = stage('build').body;
    const at = (match: (i: Instruction) => boolean) => body.findIndex(match);
    const install = at((i) => i.keyword === 'RUN' && i.args.includes('npm ci'));
    const sources = at((i) => i.keyword === 'COPY' && i.args === '. .');
    const build = at((i) => i.keyword === 'RUN' && i.args.includes('npm run build'));
    // Nothing but the manifests reaches the install layer: npm ci is the build stage's first step.
    expect([install, install < sources, sources < build]).toEqual([0, true, true]);
  });

  it('hangs both installs off one manifests stage, so a cache left by --no-cache cannot pick the wrong install', () => {
    // Two stages each starting FROM the Node image with the same WORKDIR and COPY make two identical
    // cached chains after a --no-cache build; the classic builder may then follow the prod-deps one
    // and miss the build stage's install on every later build.
    expect(stage('build').base).toBe('manifests');
    expect(stage('prod-deps').base).toBe('manifests');
    const fromNodeImage = stages.filter((s) => s.base === `node:${newestTestedMajor}-bookworm`);
    expect(fromNodeImage.map((s) => s.name)).toEqual(['manifests']);
    expect(runs('prod-deps').join('\n')).toMatch(/^npm ci --omit=dev\b/);
  });

  it('listens on every interface inside the container, where loopback is reachable from nowhere', () => {
    const env = envOf(runtimeFile, 'runtime');
    expect(env).toMatch(/\bPLAYGROUND_HOST=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bOPS_HOST=0\.0\.0\.0\b/);
    // Outside a container the defaults stay loopback.
    const config = read('src/config.ts');
    expect(config).toContain("PLAYGROUND_HOST: z.string().min(1).default('127.0.0.1')");
    expect(config).toContain("OPS_HOST: z.string().min(1).default('127.0.0.1')");
  });

  it('exposes every container port docker-compose.yml publishes, and the ops port', () => {
    const exposed = one('runtime', 'EXPOSE').flatMap((i) => i.args.split(/\s+/));
    const published = [...read('docker-compose.yml').matchAll(/^\s+- "[^"]*:(\d+)"$/gm)].map((m) => m[1]);
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) expect(exposed).toContain(port);
    expect(exposed).toContain('9090');
  });

  it('declares no VOLUME, so workers (which keep nothing) get no anonymous /data volume', () => {
    expect(stages.flatMap((s) => s.body).filter((i) => i.keyword === 'VOLUME')).toEqual([]);
    expect(runs('runtime').join('\n')).toContain('chown node:node /data');
  });

  it('ships production dependencies only, as a non-root user, starting with source maps', () => {
    expect(runs('prod-deps').join('\n')).toMatch(/npm ci --omit=dev\b/);
    const copies = one('runtime', 'COPY').map((i) => i.args);
    expect(copies).toContain('--from=prod-deps /app/node_modules ./node_modules');
    expect(copies.some((c) => c.startsWith('--from=build /app/node_modules'))).toBe(false);
    // The CLI's first import is the Node version check, outside dist.
    expect(read('src/cli.ts')).toContain("import '../scripts/check-node.mjs';");
    expect(copies).toContain('scripts/check-node.mjs ./scripts/');
    expect(JSON.parse(one('runtime', 'CMD')[0]!.args)).toEqual([
      'node',
      '--enable-source-maps',
      'dist/main.js',
    ]);
  });
});

describe('Dockerfile.gpu', () => {
  const { stages, stage, runs, one, text } = gpuFile;
  const core = JSON.parse(read('node_modules/@tensorflow/tfjs-core/package.json')).version as string;

  it('ends with the gpu worker on the same plain Debian Node image as the runtime, not a CUDA image', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'gpu-deps', 'cuda-libs', 'gpu']);
    expect(stage('gpu').base).toBe(runtimeFile.stage('runtime').base);
    for (const { base } of stages) expect(base).toMatch(/^node:\d+-bookworm/);
    expect(runs('build')).toContain(ciInstall);
    expect(JSON.parse(one('gpu', 'CMD')[0]!.args)).toEqual([
      'node',
      '--enable-source-maps',
      'dist/worker-main.js',
    ]);
    expect(envOf(gpuFile, 'gpu')).toMatch(/TUTOR_BACKEND=tensorflow/);
    expect(envOf(gpuFile, 'gpu')).toMatch(/NVIDIA_DRIVER_CAPABILITIES=compute,utility/);
  });

  it('installs the CUDA build of the binding that matches tfjs-core', () => {
    expect(runs('gpu-deps').join('\n')).toContain(`@tensorflow/tfjs-node-gpu@${core}`);
    expect(one('gpu', 'COPY').map((i) => i.args)).toContain(
      '--from=gpu-deps /app/node_modules ./node_modules',
    );
  });

  it('pins CUDA 11 and cuDNN 8 wheels, and puts the library folder of each on LD_LIBRARY_PATH', () => {
    const install = runs('cuda-libs').join('\n');
    const wheels = new Map(
      [...install.matchAll(/nvidia-([a-z-]+)-cu11==([\d.]+)/g)].map((m) => [m[1]!, m[2]!] as const),
    );
    expect([...wheels.keys()].sort()).toEqual(
      ['cublas', 'cuda-runtime', 'cudnn', 'cufft', 'curand', 'cusolver', 'cusparse'].sort(),
    );
    expect(wheels.get('cuda-runtime')).toMatch(/^11\./);
    expect(wheels.get('cudnn')).toMatch(/^8\./);
    const libraryPath =
      envOf(gpuFile, 'gpu')
        .match(/LD_LIBRARY_PATH=(\S+)/)?.[1]
        ?.split(':') ?? [];
    expect(libraryPath.sort()).toEqual(
      [...wheels.keys()].map((wheel) => `/opt/nvidia/${wheel.replace('-', '_')}/lib`).sort(),
    );
    expect(one('gpu', 'COPY').map((i) => i.args)).toContain(
      '--from=cuda-libs /opt/wheels/nvidia /opt/nvidia',
    );
    expect(text).not.toMatch(/FROM\s+nvidia\//);
  });
});

describe('both images', () => {
  it('run as the non-root node user with a health check, and start with source maps', () => {
    for (const [file, name] of [
      [runtimeFile, 'runtime'],
      [gpuFile, 'gpu'],
    ] as const) {
      const keywords = file.stage(name).body.map((i) => i.keyword);
      expect(file.one(name, 'USER').map((i) => i.args)).toEqual(['node']);
      expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
      expect(file.one(name, 'HEALTHCHECK')).toHaveLength(1);
    }
  });

  it('copy only files the build context has and .dockerignore lets through', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', 'data', '.env']));
    const sources = [...runtimeFile.stages, ...gpuFile.stages].flatMap((s) =>
      s.body
        .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
        .flatMap((i) => i.args.split(/\s+/).slice(0, -1)),
    );
    for (const source of sources.filter((s) => s !== '.')) {
      expect(existsSync(path.join(ROOT, source)), source).toBe(true);
      expect(ignored, source).not.toContain(source);
      expect(ignored, source).not.toContain(path.dirname(source));
    }
  });

  it('have a health check that passes against a live ops port and fails without one', async () => {
    const healthCommand = (file: ReturnType<typeof dockerfileOf>, name: string) =>
      JSON.parse(file.one(name, 'HEALTHCHECK')[0]!.args.replace(/^.*?CMD\s+/, '')) as string[];
    const [command, ...args] = healthCommand(runtimeFile, 'runtime');
    expect(command).toBe('node');
    expect(healthCommand(gpuFile, 'gpu')).toEqual([command, ...args]);
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

  it('mounts /data for the bot only, and takes its image tag and host ports from the environment', () => {
    const workerBlock = compose.slice(compose.indexOf('x-worker:'), compose.indexOf('services:'));
    expect(workerBlock).not.toMatch(/volumes:/);
    expect(compose).toContain('- tutor-data:/data');
    // Compose's own ${VAR:-default} interpolation, spelled with a $ outside a template literal.
    const dollar = '$';
    expect(compose).toContain(`image: ${dollar}{TUTOR_IMAGE:-depth-tutor:latest}`);
    expect(compose).toContain(`"127.0.0.1:${dollar}{PLAYGROUND_PUBLISH_PORT:-3000}:3000"`);
  });
});

describe('scripts/docker-smoke.sh', () => {
  const script = read('scripts/docker-smoke.sh');
  const code = script
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n');
  /**
   * Runs the script with arguments alone: argument errors and --help answer before any Docker call.
   * Its PATH holds only the tools those need, so a script that went on would fail at once on a
   * missing `docker` (with another message) instead of building an image.
   */
  const runScript = async (...args: string[]) => {
    const tools = await mkdtemp(path.join(tmpdir(), 'smoke-path-'));
    for (const tool of ['sed', 'grep', 'cut', 'dirname']) {
      await symlink(
        execFileSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(),
        path.join(tools, tool),
      );
    }
    const bash = execFileSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim();
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(bash, [path.join(ROOT, 'scripts/docker-smoke.sh'), ...args], {
        env: { PATH: tools },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.once('exit', (exitCode) => {
        void rm(tools, { recursive: true, force: true });
        resolve({ code: exitCode, stdout, stderr });
      });
    });
  };

  it('never re-tags depth-tutor:latest, and runs compose on its own tag, project and free ports', () => {
    expect(code).not.toMatch(/docker tag/);
    expect(code).not.toContain('depth-tutor:latest');
    expect(code).toContain('export TUTOR_IMAGE="$TESTED"');
    expect(code).toMatch(/PLAYGROUND_PUBLISH_PORT=\$\(free_port\)/);
    expect(code).toMatch(/SLACK_PUBLISH_PORT=\$\(free_port\)/);
    expect(code).toMatch(/-p 127\.0\.0\.1::3000 -p 127\.0\.0\.1::9090/);
    expect(code).toContain('-p "$PROJECT"');
  });

  it('leaves nothing behind, and fails the run when a container, network or volume of its own remains', () => {
    const cleanup = code.slice(code.indexOf('cleanup() {'), code.indexOf('trap cleanup EXIT'));
    expect(cleanup).toContain('docker rm -f -v "$NAME"');
    expect(cleanup).toContain('down -v --remove-orphans');
    expect(cleanup).toMatch(/if \[ -n "\$built" \]; then docker rmi "\$IMAGE"/);
    expect(cleanup).toMatch(/if \[ "\$TESTED" != "\$IMAGE" \]; then docker rmi "\$TESTED"/);
    // What is still there afterwards: its containers, its compose network, volumes new since the start.
    expect(cleanup).toContain('docker ps -aq --filter "label=com.docker.compose.project=$PROJECT"');
    expect(cleanup).toContain('docker network ls -q --filter "label=com.docker.compose.project=$PROJECT"');
    expect(cleanup).toContain('comm -13 <(echo "$volumes_before") <(docker volume ls -q | sort)');
    expect(cleanup).toMatch(/\[ "\$status" = 0 \] && status=1/);
    expect(code.indexOf('volumes_before=$(docker volume ls -q | sort)')).toBeLessThan(
      code.indexOf('docker run -d'),
    );
  });

  it('checks what a user needs: the page and its files, the API, /readyz, every service healthy and ready, a drain with a job running', () => {
    expect(code).toContain('"$page/"');
    expect(code).toContain('[ "$code" = 200 ] || fail "GET / through the published port');
    expect(code).toContain('id="command"');
    // Every file the page names is fetched: a page whose scripts are missing fails too.
    expect(code).toMatch(/for file in \$files; do[\s\S]*"\$page\$file"/);
    expect(code).toContain('"$page/api/session"');
    expect(code).toContain('"$page/api/command"');
    expect(code).toContain('"$ops/readyz"');
    expect(code).toMatch(/services=\(redis bot worker-1 worker-2\)/);
    expect(code).toMatch(/for service in bot worker-1 worker-2; do[\s\S]*readyz "\$service"/);
    expect(code).toMatch(/tutor_jobs_running 1[\s\S]*docker stop "\$NAME"/);
  });

  it('has two documented breaks: an image without the web files, a bot that cannot reach Redis', () => {
    // The web break removes exactly the directory the playground serves its page from.
    expect(read('src/adapters/playground/static-files.ts')).toContain(
      "export const WEB_DIR = fileURLToPath(new URL('./web/', import.meta.url));",
    );
    expect(existsSync(path.join(ROOT, 'src/adapters/playground/web/index.html'))).toBe(true);
    expect(code).toContain('RUN rm -rf /app/dist/adapters/playground/web');
    // The Redis break overrides the bot's REDIS_URL alone, to a port where nothing listens.
    expect(code).toContain(
      "printf 'services:\\n  bot:\\n    environment:\\n      REDIS_URL: redis://redis:6390\\n'",
    );
    expect(read('docker-compose.yml')).not.toContain('6390');
    expect(read('docs/operations.md')).toContain('scripts/docker-smoke.sh --break web');
    expect(read('docs/operations.md')).toContain('scripts/docker-smoke.sh --break redis');
  });

  it('answers --help with its usage, and refuses a bad argument naming the allowed values, before any Docker call', async () => {
    const help = await runScript('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: scripts/docker-smoke.sh [--break web|redis]');
    expect(help.stdout).toContain('--break redis');
    const badBreak = await runScript('--break', 'disk');
    expect(badBreak.code).toBe(2);
    expect(badBreak.stderr.trim()).toBe("docker-smoke.sh: --break must be web or redis, not 'disk'");
    // A --break without its value is refused too, not taken as a plain run.
    const missing = await runScript('--break');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe("docker-smoke.sh: --break must be web or redis, not ''");
    const empty = await runScript('--break=');
    expect(empty.code).toBe(2);
    const unknown = await runScript('--fast');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe(
      "docker-smoke.sh: unknown argument '--fast' (allowed: --break web, --break redis, --help)",
    );
  });
});
