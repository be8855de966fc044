import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeVersionVerdict, TESTED } from '../../scripts/check-node.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs a script under this Node, pretending to be `version` (process.version is all the check reads). */
function runAs(version: string, script: string, args: string[] = []) {
  const pretend = `data:text/javascript,Object.defineProperty(process,'version',{value:'${version}'})`;
  return spawnSync(process.execPath, ['--import', pretend, path.join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('the Node version check', () => {
  it('refuses Node older than 20.18 with one line naming the supported versions', () => {
    for (const version of ['v18.20.8', 'v16.0.0', 'v20.17.1', 'v19.9.0']) {
      const verdict = nodeVersionVerdict(version);
      expect(verdict?.refuse, version).toBe(true);
      expect(verdict?.message).toBe(
        `depth-tutor needs Node 20 (20.18 or newer) or Node 24; this is Node ${version.slice(1)}.`,
      );
    }
  });

  it('says nothing on the tested lines and warns, without refusing, on an untested newer one', () => {
    for (const version of ['v20.18.0', 'v20.19.5', 'v24.0.0', 'v24.22.3']) {
      expect(nodeVersionVerdict(version), version).toBeUndefined();
    }
    for (const version of ['v22.12.0', 'v21.0.0', 'v26.1.0']) {
      const verdict = nodeVersionVerdict(version);
      expect(verdict?.refuse, version).toBe(false);
      expect(verdict?.message).toContain(`untested Node ${version.slice(1)}`);
    }
  });

  it('names the same versions as package.json engines', () => {
    const engines = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node as string;
    expect(engines).toBe(TESTED.map((v) => `^${v.major}.${v.minor}.0`).join(' || '));
  });

  it('stops `npm start` before the build, and the CLI before anything else, on Node 18', () => {
    for (const script of ['scripts/build-if-needed.mjs', 'dist/cli.js']) {
      const run = runAs('v18.20.8', script, ['help']);
      expect(run.status, script).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toEqual([
        'depth-tutor needs Node 20 (20.18 or newer) or Node 24; this is Node 18.20.8.',
      ]);
    }
    const current = runAs(process.version, 'scripts/check-node.mjs');
    expect([current.status, current.stderr]).toEqual([0, '']);
  });
});
