import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The page's files. Built, they all sit next to this module in dist/adapters/playground/web: the
 * build compiles the page's TypeScript there and copies the rest. Run from src through tsx (as the
 * tests do), the HTML, CSS and icon come from src and the scripts from that same build output;
 * nothing is compiled at request time, so a production install needs no TypeScript.
 *
 * Which files exist is read once, from the directory listings: an unknown name is a 404 without
 * touching the disk, and nothing about it is remembered, so a flood of made-up names costs nothing.
 */

/** The page's directory beside this module, in src or in dist. */
export const WEB_DIR = fileURLToPath(new URL('./web/', import.meta.url));

/** Run from src, the page's compiled scripts are in the build output (web/tsconfig.json's outDir). */
const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');
const BUILT_SCRIPTS_DIR = fileURLToPath(new URL('../../../dist/adapters/playground/web/', import.meta.url));

// A flat directory of known kinds: no path in a name, so no way out of the directory.
const FILE_NAME = /^[a-z][a-z0-9-]{0,63}\.(html|css|js|svg)$/;

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
};

/** A file ready to send. */
export interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
}

/** Looks up the page's files by name, caching each one after its first read. */
export interface StaticFiles {
  get(name: string): Promise<StaticFile | undefined>;
}

/**
 * Chart.js for the page, served as `/chartjs.js` straight from the installed package (a
 * dependency anyway: the server renders the PNGs with it), so the page's copy is always the
 * server's version and nothing is fetched from elsewhere. The UMD build is self-contained and
 * registers every chart type; the page loads it as a classic script before its own module.
 */
export const CHART_JS_NAME = 'chartjs.js';
const CHART_JS_FILE = path.join(
  path.dirname(createRequire(import.meta.url).resolve('chart.js')),
  'chart.umd.min.js',
);

/** Where each servable file is: the first directory that has it wins. */
async function listFiles(dirs: readonly string[]): Promise<Map<string, string>> {
  const where = new Map<string, string>([[CHART_JS_NAME, CHART_JS_FILE]]);
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) if (FILE_NAME.test(name) && !where.has(name)) where.set(name, dir);
  }
  return where;
}

async function load(file: string, extension: string): Promise<StaticFile> {
  const body = await readFile(file);
  return {
    body,
    type: TYPES[extension] ?? 'application/octet-stream',
    etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
  };
}

/** Serves files from `dirs` (default: WEB_DIR, plus the built scripts when run from src). */
export function createStaticFiles(
  dirs: readonly string[] = RUNNING_FROM_SOURCE ? [WEB_DIR, BUILT_SCRIPTS_DIR] : [WEB_DIR],
): StaticFiles {
  let listing: Promise<Map<string, string>> | undefined;
  // Only files that exist are cached, so the cache holds at most the page's own files.
  const cache = new Map<string, Promise<StaticFile>>();
  return {
    async get(name) {
      const extension = FILE_NAME.exec(name)?.[1];
      if (!extension) return undefined;
      listing ??= listFiles(dirs);
      const where = (await listing).get(name);
      if (!where) return undefined;
      let found = cache.get(name);
      if (!found) {
        found = load(name === CHART_JS_NAME ? where : path.join(where, name), extension);
        // A failed read is not remembered, so a transient error does not stick.
        found.catch(() => cache.delete(name));
        cache.set(name, found);
      }
      return found;
    },
  };
}
