import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Build step (`npm run build`, after both tsc runs): tsc compiles the page's TypeScript into
 * dist/adapters/playground/web but does not copy its other files; this copies the HTML, CSS
 * and SVG beside them. Run from dist: `node dist/adapters/playground/copy-web-assets.js`.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(here, '../../../src/adapters/playground/web');
const target = path.join(here, 'web');
const COPIED = /\.(html|css|svg)$/;

await mkdir(target, { recursive: true });
const names = (await readdir(source)).filter((name) => COPIED.test(name));
await Promise.all(names.map((name) => copyFile(path.join(source, name), path.join(target, name))));
process.stdout.write(`playground: copied ${names.length} files to ${path.relative(process.cwd(), target)}\n`);
