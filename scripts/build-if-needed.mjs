// The version check first: on an unsupported Node it prints one line and exits before anything else.
import './check-node.mjs';
// `npm start` builds only when a source file is newer than the build, so a second start is instant.
import { execSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(path.join(root, 'dist', 'main.js')).mtimeMs;
  } catch {
    return 0;
  }
}

const sources = Math.max(
  newestMtime(path.join(root, 'src')),
  statSync(path.join(root, 'package.json')).mtimeMs,
);
if (sources > builtAt()) {
  console.error('depth-tutor: building (first start, or sources changed)...');
  execSync('npm run -s build', { cwd: root, stdio: 'inherit' });
}
