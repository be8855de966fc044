import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, SCHEMA_VERSION, StoreError } from '../../src/store/index.js';

const tempFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'tutor-store-')), 'tutor.db');

/** The first released schema, written out by hand: what a database from version 1 holds. */
const V1_SQL = `
  CREATE TABLE schedules (
    id INTEGER PRIMARY KEY AUTOINCREMENT, platform TEXT NOT NULL, conversation TEXT NOT NULL,
    owner TEXT NOT NULL, cron TEXT NOT NULL, time_zone TEXT NOT NULL, days TEXT NOT NULL,
    time_of_day TEXT, post_kind TEXT NOT NULL CHECK (post_kind IN ('lesson-plan', 'command')),
    post_command TEXT, plan_position INTEGER NOT NULL DEFAULT 0,
    paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)), active_since INTEGER NOT NULL,
    created_at INTEGER NOT NULL);
  CREATE TABLE posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    schedule_id INTEGER NOT NULL REFERENCES schedules(id) ON DELETE CASCADE, due_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'missed', 'unconfirmed')),
    command TEXT, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, last_error TEXT,
    recorded_at INTEGER NOT NULL, sent_at INTEGER, UNIQUE (schedule_id, due_at));
  CREATE INDEX posts_by_status ON posts(status, next_attempt_at);
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, platform TEXT NOT NULL, user_id TEXT NOT NULL,
    conversation TEXT NOT NULL, command TEXT NOT NULL, spec TEXT NOT NULL, headline TEXT NOT NULL,
    created_at INTEGER NOT NULL);
  CREATE INDEX runs_by_user ON runs(platform, user_id, created_at);
`;

function writeV1File(file: string, extraSql = '') {
  const db = new Database(file);
  db.exec(V1_SQL);
  db.exec(`
    INSERT INTO schedules (platform, conversation, owner, cron, time_zone, days, time_of_day, post_kind,
      plan_position, active_since, created_at)
    VALUES ('discord', 'C1', 'teacher', '30 8 * * 1-5', 'Europe/Berlin', 'weekdays', '08:30', 'lesson-plan', 3, 1000, 1000);
    INSERT INTO posts (schedule_id, due_at, status, command, attempts, recorded_at, sent_at)
    VALUES (1, 5000, 'sent', '/lp dataset:xor', 1, 5000, 5001);
    INSERT INTO runs (platform, user_id, conversation, command, spec, headline, created_at)
    VALUES ('slack', 'U1', 'C9', '/train depth:8', '{"experiment":"train","depth":8}', 'Training run', 2000);
  `);
  db.exec(extraSql);
  db.pragma('user_version = 1');
  db.close();
}

function expectStoreError(open: () => unknown, pattern: RegExp, file: string) {
  let thrown: unknown;
  try {
    open();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(StoreError);
  expect((thrown as Error).message).toContain(file);
  expect((thrown as Error).message).toMatch(pattern);
}

describe('opening', () => {
  it('creates the folder and the file, in WAL mode, at the current schema version', () => {
    const file = path.join(path.dirname(tempFile()), 'nested', 'deeper', 'tutor.db');
    const store = openStore(file);
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
    store.close();
  });

  it('upgrades a version-1 file: new tables and columns, every old row kept', () => {
    const file = tempFile();
    writeV1File(file);
    const store = openStore(file);
    expect(store.schedules.get(1)).toMatchObject({
      platform: 'discord',
      conversation: 'C1',
      server: null,
      cron: '30 8 * * 1-5',
      timeZone: 'Europe/Berlin',
      planPosition: 3,
      paused: false,
    });
    expect(store.posts.forSchedule(1)).toMatchObject([
      { dueAt: 5000, status: 'sent', command: '/lp dataset:xor' },
    ]);
    expect(store.runs.recent('slack', 'U1', 10)).toMatchObject([
      { command: '/train depth:8', spec: { depth: 8 } },
    ]);
    expect(store.settings.update('server', 'discord:G1', { maxDepth: 8 }, 't').maxDepth).toBe(8);
    const quiz = store.quizzes.create({
      platform: 'discord',
      server: 'G1',
      conversation: 'C1',
      starter: 't',
      kind: 'depth',
      question: 'q?',
      choices: [{ id: 'a', label: 'A' }],
      spec: { experiment: 'compare' },
      revealAt: 10,
    });
    expect(store.quizzes.vote(quiz.id, 'u', null, 'a')).toBe('recorded');
    store.close();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
    // Opening again changes nothing.
    const again = openStore(file);
    expect(again.schedules.list('discord', null)).toHaveLength(1);
    again.close();
  });

  it('rolls a failed upgrade step back and says which step failed', () => {
    const file = tempFile();
    // A hand-made table in the way of step 2.
    writeV1File(file, 'CREATE TABLE settings (x TEXT);');
    expectStoreError(() => openStore(file), /could not be upgraded to schema version 2/, file);
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    const columns = (raw.pragma('table_info(schedules)') as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('server');
    expect(raw.prepare('SELECT COUNT(*) AS n FROM schedules').get()).toEqual({ n: 1 });
    raw.close();
  });

  it('refuses a file of garbage bytes with a clear error, and leaves it as it was', () => {
    const file = tempFile();
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256));
    writeFileSync(file, garbage);
    expectStoreError(() => openStore(file), /is not an SQLite database[\s\S]*backup/, file);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  function filledFile(): { file: string; bytes: Buffer; pageSize: number } {
    const file = tempFile();
    const db = new Database(file);
    db.exec('CREATE TABLE filler (x TEXT); CREATE INDEX filler_x ON filler(x);');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(50)}`);
    })();
    db.close();
    const bytes = readFileSync(file);
    return { file, bytes, pageSize: bytes.readUInt16BE(16) };
  }

  it('refuses a database whose pages were overwritten', () => {
    const { file, bytes, pageSize } = filledFile();
    for (let i = pageSize * 3; i < pageSize * 6; i++) bytes[i] = (i * 31) % 256;
    writeFileSync(file, bytes);
    expectStoreError(() => openStore(file), /not an SQLite database, or is damaged/, file);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a database that fails its integrity check, quoting the check', () => {
    const { file, bytes, pageSize } = filledFile();
    // Point the first cell of the first leaf page (type 13 or 10) past the end of its page.
    let page = 1;
    while (![13, 10].includes(bytes[page * pageSize]!)) page++;
    bytes[page * pageSize + 8] = 0xff;
    writeFileSync(file, bytes);
    expectStoreError(() => openStore(file), /failed its integrity check \(.*out of range/, file);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a file written by a newer version', () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expectStoreError(() => openStore(file), /newer than this depth-tutor knows/, file);
  });

  it('refuses a path it cannot create, and a folder', () => {
    const file = tempFile();
    writeFileSync(file, 'not a folder');
    const below = path.join(file, 'tutor.db');
    expectStoreError(() => openStore(below), /cannot be created/, below);
    expectStoreError(() => openStore(path.dirname(file)), /is a folder/, path.dirname(file));
  });
});

describe('repositories', () => {
  const fresh = () => openStore(':memory:', { now: () => 1_000 });
  const schedule = {
    platform: 'test',
    server: null,
    conversation: 'c',
    owner: 'o',
    cron: '0 8 * * *',
    timeZone: 'UTC',
    days: 'daily',
    timeOfDay: '08:00',
    postKind: 'command' as const,
    postCommand: '/lp',
  };

  it('records a due post once per (schedule, due time)', () => {
    const store = fresh();
    const s = store.schedules.add(schedule);
    expect(store.posts.claim(s.id, 42, '/lp')).toMatchObject({ status: 'pending', attempts: 0 });
    expect(store.posts.claim(s.id, 42, '/lp')).toBeUndefined();
    expect(store.posts.recordMissed(s.id, 42)).toBe(false);
    expect(store.posts.recordMissed(s.id, 43)).toBe(true);
    expect(store.posts.lastDueAt(s.id)).toBe(43);
    store.schedules.remove(s.id);
    expect(store.posts.forSchedule(s.id)).toEqual([]);
    store.close();
  });

  it('keeps one vote per person, changeable until the reveal begins', () => {
    const store = fresh();
    const quiz = store.quizzes.create({
      platform: 'test',
      server: null,
      conversation: 'c',
      starter: 's',
      kind: 'depth',
      question: 'q',
      choices: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
      spec: {},
      revealAt: 5,
    });
    expect(store.quizzes.vote(quiz.id, 'u1', 'Ada', 'a')).toBe('recorded');
    expect(store.quizzes.vote(quiz.id, 'u1', 'Ada', 'a')).toBe('unchanged');
    expect(store.quizzes.vote(quiz.id, 'u1', 'Ada', 'b')).toBe('changed');
    expect(store.quizzes.vote(quiz.id, 'u2', null, 'b')).toBe('recorded');
    expect(store.quizzes.vote(quiz.id, 'u3', null, 'c')).toBe('bad-choice');
    expect(store.quizzes.vote(999, 'u3', null, 'a')).toBe('not-found');
    expect(store.quizzes.tally(quiz.id)).toEqual({ b: 2 });
    expect(store.quizzes.beginReveal(quiz.id)).toBe(true);
    expect(store.quizzes.beginReveal(quiz.id)).toBe(false);
    expect(store.quizzes.vote(quiz.id, 'u4', null, 'a')).toBe('closed');
    store.quizzes.finishReveal(quiz.id, 'b');
    expect(store.quizzes.get(quiz.id)).toMatchObject({ status: 'revealed', answer: 'b', revealedAt: 1_000 });
    store.close();
  });

  it('merges settings changes field by field; null lifts a setting', () => {
    const store = fresh();
    store.settings.update('channel', 'test:c', { maxDepth: 8 }, 't1');
    store.settings.update('channel', 'test:c', { maxSteps: 500, allowedChannels: ['c', 'd'] }, 't2');
    expect(store.settings.get('channel', 'test:c')).toMatchObject({
      maxDepth: 8,
      maxSteps: 500,
      allowedChannels: ['c', 'd'],
      updatedBy: 't2',
    });
    expect(store.settings.get('channel', 'test:c')?.animate).toBeNull();
    store.settings.update('channel', 'test:c', { animate: false }, 't1');
    expect(store.settings.get('channel', 'test:c')).toMatchObject({ animate: false, maxSteps: 500 });
    store.settings.update('channel', 'test:c', { maxDepth: null }, 't1');
    expect(store.settings.get('channel', 'test:c')?.maxDepth).toBeNull();
    expect(store.settings.clear('channel', 'test:c')).toBe(true);
    expect(store.settings.get('channel', 'test:c')).toBeUndefined();
    store.close();
  });

  it('lists a user runs newest first, per platform', () => {
    let t = 0;
    const store = openStore(':memory:', { now: () => ++t });
    for (const depth of [1, 2, 3]) {
      store.runs.add({
        platform: 'slack',
        user: 'u',
        conversation: 'c',
        command: `/train depth:${depth}`,
        spec: { depth },
        headline: 'h',
      });
    }
    store.runs.add({
      platform: 'discord',
      user: 'u',
      conversation: 'c',
      command: '/lp',
      spec: {},
      headline: 'h',
    });
    expect(store.runs.recent('slack', 'u', 2).map((r) => r.command)).toEqual([
      '/train depth:3',
      '/train depth:2',
    ]);
    store.close();
  });
});
