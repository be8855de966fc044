import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The page's files. Built, they sit next to this module in dist/adapters/playground/web (the build
 * compiles app.ts and copies the rest). Run from src through tsx, as the tests do, there is no
 * compiled JavaScript: a .js request is then answered by transpiling the .ts beside it with the
 * TypeScript compiler the project already has, so both ways serve the same source.
 */

/** The page's directory beside this module, in src or in dist. */
export const WEB_DIR = fileURLToPath(new URL('./web/', import.meta.url));

// A flat directory of known kinds: no path in a name, so no way out of the directory.
const FILE_NAME = /^[a-z][a-z0-9-]*\.(html|css|js|svg)$/;

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

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

async function transpile(tsFile: string): Promise<Buffer> {
  const ts = (await import('typescript')).default;
  const source = await readFile(tsFile, 'utf8');
  const output = ts.transpileModule(source, {
    fileName: path.basename(tsFile),
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 },
  });
  return Buffer.from(output.outputText);
}

async function load(dir: string, name: string): Promise<Buffer | undefined> {
  const file = path.join(dir, name);
  try {
    return await readFile(file);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  if (!name.endsWith('.js')) return undefined;
  try {
    return await transpile(file.replace(/\.js$/, '.ts'));
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** Serves files from `dir` (default: WEB_DIR). */
export function createStaticFiles(dir: string = WEB_DIR): StaticFiles {
  const cache = new Map<string, Promise<StaticFile | undefined>>();
  return {
    get(name) {
      const extension = FILE_NAME.exec(name)?.[1];
      if (!extension) return Promise.resolve(undefined);
      let found = cache.get(name);
      if (!found) {
        found = load(dir, name).then((body) =>
          body
            ? {
                body,
                type: TYPES[extension] ?? 'application/octet-stream',
                etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
              }
            : undefined,
        );
        // A failed read is not remembered, so a transient error does not stick.
        found.catch(() => cache.delete(name));
        cache.set(name, found);
      }
      return found;
    },
  };
}
