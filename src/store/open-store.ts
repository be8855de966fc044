import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { type PostRepo, postRepo } from './posts.js';
import { type QuizRepo, quizRepo } from './quizzes.js';
import { type RunRepo, runRepo } from './runs.js';
import { type ScheduleRepo, scheduleRepo } from './schedules.js';
import { type SettingsRepo, settingsRepo } from './settings.js';

/** The tutor's database: schedules, posts, run history, settings, quizzes and votes. */
export interface Store {
  /** The file (or ':memory:'). */
  readonly path: string;
  readonly schemaVersion: number;
  schedules: ScheduleRepo;
  posts: PostRepo;
  runs: RunRepo;
  settings: SettingsRepo;
  quizzes: QuizRepo;
  /** Runs `fn` in one transaction: all of its writes happen, or none. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** How to open a store. */
export interface StoreOptions {
  /** The clock for stored timestamps (tests pass a controllable one). */
  now?: () => number;
}

const KEEP = 'The file was left as it is.';

function sqliteCode(error: unknown): string {
  return (error as { code?: unknown }).code === undefined ? '' : String((error as { code: unknown }).code);
}

const oneLine = (text: string) =>
  text
    .replace(/\*\*\* in database \w+ \*\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function prepareFolder(file: string): void {
  const folder = path.dirname(path.resolve(file));
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new StoreError(
      file,
      `cannot be created: its folder ${folder} cannot be made (${(error as Error).message})`,
      'Point TUTOR_DB at a writable location.',
      { cause: error },
    );
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new StoreError(file, 'is a folder, not a file', 'Point TUTOR_DB at a file inside it.');
  }
}

function openConnection(file: string): Database.Database {
  try {
    return new Database(file, { timeout: 5_000 });
  } catch (error) {
    throw new StoreError(
      file,
      `cannot be opened (${(error as Error).message})`,
      'Check that the file and its folder are writable by this user, or point TUTOR_DB elsewhere.',
      { cause: error },
    );
  }
}

/** Settings, integrity and version checks; any failure here leaves the file untouched. */
function checkFile(db: Database.Database, file: string, memory: boolean): number {
  try {
    // Read-only checks first: switching to WAL writes the file's header.
    const problems = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check);
    if (problems.join() !== 'ok') {
      throw new StoreError(
        file,
        `failed its integrity check (${oneLine(problems.join('; ')).slice(0, 300)})`,
        `Restore it from a backup, or move it away to start with an empty database. ${KEEP}`,
      );
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new StoreError(
        file,
        `has schema version ${version}, newer than this depth-tutor knows (${SCHEMA_VERSION})`,
        `Run the newer depth-tutor that wrote it, or point TUTOR_DB at another file. ${KEEP}`,
      );
    }
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (!memory && mode !== 'wal') throw new Error(`journal mode stayed ${String(mode)}`);
    db.pragma('foreign_keys = ON');
    // A file SQLite could open only read-only fails here, before anything depends on writing.
    db.pragma(`user_version = ${version}`);
    return version;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const code = sqliteCode(error);
    const unreadable = code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
    throw new StoreError(
      file,
      unreadable
        ? 'is not an SQLite database, or is damaged beyond reading'
        : `cannot be used (${code || 'error'}: ${(error as Error).message})`,
      unreadable
        ? `Restore it from a backup, or move it away to start with an empty database. ${KEEP}`
        : `Check that the file and its folder are writable by this user. ${KEEP}`,
      { cause: error },
    );
  }
}

function migrate(db: Database.Database, file: string, from: number): void {
  for (const step of MIGRATIONS.filter((m) => m.version > from)) {
    try {
      db.transaction(() => {
        db.exec(step.sql);
        db.pragma(`user_version = ${step.version}`);
      })();
    } catch (error) {
      throw new StoreError(
        file,
        `could not be upgraded to schema version ${step.version} (${step.description}): ${(error as Error).message}`,
        `The upgrade was rolled back; the file is still at version ${step.version - 1}. Restore a backup if it was edited by hand.`,
        { cause: error },
      );
    }
  }
}

/**
 * Opens (creating if needed) the database at `file`, or ':memory:' for tests: WAL mode, foreign
 * keys on, integrity checked, migrations applied. A corrupt, unwritable or newer file is a
 * StoreError naming the file and what to do; an existing file is never deleted or recreated.
 */
export function openStore(file: string, options: StoreOptions = {}): Store {
  const memory = file === ':memory:';
  if (!memory) prepareFolder(file);
  const db = openConnection(file);
  let version: number;
  try {
    version = checkFile(db, file, memory);
    migrate(db, file, version);
  } catch (error) {
    db.close();
    throw error;
  }
  const now = options.now ?? Date.now;
  return {
    path: file,
    schemaVersion: SCHEMA_VERSION,
    schedules: scheduleRepo(db, now),
    posts: postRepo(db, now),
    runs: runRepo(db, now),
    settings: settingsRepo(db, now),
    quizzes: quizRepo(db, now),
    transaction: (fn) => db.transaction(fn)(),
    close: () => db.close(),
  };
}
