import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cliEnv, root } from './cli-harness.js';

function cli(...args: string[]) {
  const [node, ...head] = CLI;
  const run = spawnSync(node!, [...head, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: cliEnv(),
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('depth-tutor CLI', () => {
  it('prints a compare result as JSON with the documented fields', () => {
    const { code, stdout } = cli('compare', 'depths:1,2', 'seeds:2', 'steps:30', 'points:64', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      experiment: 'compare',
      backend: 'wasm',
      spec: { depths: [1, 2], seeds: 2 },
    });
    expect(result.durationMs).toBeGreaterThan(0);
    expect(result.runs).toHaveLength(4);
    for (const run of result.runs) {
      expect(run).toEqual(
        expect.objectContaining({
          depth: expect.any(Number),
          seed: expect.any(Number),
          finalLoss: expect.any(Number),
        }),
      );
    }
    expect(result.summaries.map((s: { depth: number }) => s.depth)).toEqual([1, 2]);
    expect(result.summaries[0].meanFinalLoss).toBeGreaterThan(0);
  });

  it('prints the bot reply and writes the charts as PNG files and the training as animation.gif with --out', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'depth-tutor-cli-'));
    const { code, stdout } = cli(
      'train',
      'depth:2',
      'width:8',
      'learningRate:0.5',
      'steps:30',
      'points:64',
      'seeds:1',
      '--out',
      out,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Training run: depth 2');
    // Shell words, not chat markdown: the line can be pasted as it is. Two-word options are
    // written as the docs write them, whichever spelling was typed.
    expect(stdout).toContain(
      'Repeat it: depth-tutor train depth:2 width:8 learning_rate:0.5 steps:30 points:64 seeds:1',
    );
    expect(stdout).toContain(
      '  Go deeper: depth-tutor train depth:4 width:8 learning_rate:0.5 steps:30 points:64 seeds:1\n',
    );
    expect(stdout).not.toMatch(/`|\/train|learningRate|gridSize/);
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      'animation.gif',
      'decision-boundary.png',
      'gradient-norms.png',
      'loss-curves.png',
    ]);
    for (const file of files.filter((f) => f.endsWith('.png')))
      expect(readFileSync(path.join(out, file)).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(path.join(out, 'animation.gif')).subarray(0, 6).toString()).toBe('GIF89a');
  });

  it('writes no animation with animate:false', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'depth-tutor-cli-'));
    const { code } = cli(
      'train',
      'depth:1',
      'width:8',
      'steps:20',
      'points:64',
      'seeds:1',
      'animate:false',
      '--out',
      out,
    );
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'decision-boundary.png',
      'gradient-norms.png',
      'loss-curves.png',
    ]);
  });

  it('exits 2 with the bot’s own words for bad options, unknown commands and flags', () => {
    const bad = cli('train', 'depth:99');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('depth must be a whole number from 0 to 32 (got 99)');
    expect(cli('trian').stderr).toContain('unknown command "trian"; Did you mean depth-tutor train?');
    expect(cli('train', '--fast').code).toBe(2);
  });

  it('runs the reading commands too', () => {
    const { code, stdout } = cli('explain', 'lp-one-layer');
    expect(code).toBe(0);
    expect(stdout).toContain('linear program');
    const help = cli('train', '--help');
    expect(help.stdout).toContain('a whole number from 0 to 32 (default 5)');
    expect(help.stdout).toContain('learning_rate: learning rate; a number from');
    expect(help.stdout).not.toMatch(/learningRate|gridSize|weightScale/);
    const overview = cli('help');
    expect(overview.code).toBe(0);
    expect(overview.stdout).toContain('Start with depth-tutor train depth:1');
    expect(overview.stdout).not.toMatch(/`|(^|\s)\/[a-z]/m);
  });

  it('prints its version with --version and exits 0', () => {
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-v']) {
      const run = cli(flag);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`depth-tutor ${version}\n`);
    }
  });

  it('exits 2, saying why, for the commands that need the classroom database', () => {
    for (const command of ['quiz', 'schedule', 'settings', 'history']) {
      const run = cli(command);
      expect(run.code, command).toBe(2);
      expect(run.stdout, command).toBe('');
      expect(run.stderr, command).toMatch(new RegExp(`^depth-tutor ${command} needs the classroom database`));
    }
    // Its help still works: reading about a command needs no database.
    expect(cli('quiz', '--help').code).toBe(0);
  });
});
