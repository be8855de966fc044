import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/*
 * Vitest global setup. The playground serves only compiled page scripts (it never compiles at
 * request time), and the tests run the server from src: compile the page's TypeScript into the
 * build output first, exactly as `npm run build` does, when a source is newer than its output.
 */

const root = path.resolve(import.meta.dirname, '../..');
const source = path.join(root, 'src/adapters/playground/web');
const built = path.join(root, 'dist/adapters/playground/web');

const mtime = (file: string) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/** True when a page script is missing from the build or older than its source. */
function stale(): boolean {
  const scripts = readdirSync(source).filter((name) => name.endsWith('.ts'));
  const newestSource = Math.max(
    mtime(path.join(source, 'tsconfig.json')),
    ...scripts.map((n) => mtime(path.join(source, n))),
  );
  return scripts.some((name) => mtime(path.join(built, name.replace(/\.ts$/, '.js'))) < newestSource);
}

export default function setup(): void {
  if (!stale()) return;
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(source, 'tsconfig.json')], {
    cwd: root,
    stdio: 'inherit',
  });
}
