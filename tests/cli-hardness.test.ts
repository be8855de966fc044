import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, cliEnv, root } from './cli-harness.js';

describe('depth-tutor hardness --json', () => {
  it('prints one record per instance with the documented fields', () => {
    const [node, ...head] = CLI;
    const run = spawnSync(
      node!,
      [...head, 'hardness', 'sizes:8,10', 'dims:2', 'timeLimit:2', 'steps:50', '--json'],
      {
        cwd: root,
        encoding: 'utf8',
        env: cliEnv(),
        timeout: 120_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      experiment: 'hardness',
      spec: { sizes: [8, 10], dims: [2], labels: 'both' },
    });
    expect(result.skipped).toEqual([]);
    expect(result.instances.map((r: { n: number; labels: string }) => `${r.n} ${r.labels}`)).toEqual([
      '8 planted',
      '8 random',
      '10 planted',
      '10 random',
    ]);
    for (const record of result.instances) {
      expect(record).toMatchObject({
        d: 2,
        positives: expect.any(Number),
        exact: {
          status: expect.stringMatching(/^(fit|no-fit|time-limit)$/),
          solveMs: expect.any(Number),
          nodes: expect.any(Number),
          lpIterations: expect.any(Number),
        },
        lp: { separable: expect.any(Boolean), status: expect.any(String), solveMs: expect.any(Number) },
        enumeration: { fit: expect.any(Boolean), lines: expect.any(Number) },
      });
      expect(record.gradientDescent !== undefined).toBe(record.exact.status === 'fit');
    }
  });
});
