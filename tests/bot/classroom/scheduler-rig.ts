import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClassroomPorts, PostTarget, RunAs } from '../../../src/bot/classroom/ports.js';
import { draftSchedule } from '../../../src/bot/classroom/schedule-spec.js';
import {
  createScheduler,
  type Scheduler,
  type SchedulerOptions,
} from '../../../src/bot/classroom/scheduler.js';
import { silentLogger } from '../../../src/bot/logger.js';
import type { Reply } from '../../../src/bot/types.js';
import { openStore, type ScheduleRow, type Store } from '../../../src/store/index.js';
import type { ManualClock } from './manual-clock.js';

/** A fresh temporary database file path. */
export function tempDb(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'tutor-db-')), 'tutor.db');
}

/** A public reply standing in for a command's answer. */
export function replyFor(text: string): Reply {
  return { visibility: 'public', headline: `ran ${text}`, blocks: [], fields: [], images: [], buttons: [] };
}

/** What the fake outside world saw. */
export interface Seen {
  posts: { target: PostTarget; reply: Reply; at: number }[];
  notes: { target: RunAs; reply: Reply; at: number }[];
  commands: { text: string; as: RunAs; at: number }[];
}

/** A store and a scheduler on a manual clock, with recording stand-ins for the adapters and the bot. */
export function schedulerRig(
  clock: ManualClock,
  options: {
    file?: string;
    graceMs?: number;
    retryDelaysMs?: number[];
    post?: ClassroomPorts['post'];
    runCommand?: ClassroomPorts['runCommand'];
    fireOnce?: SchedulerOptions['fireOnce'];
  } = {},
) {
  const store: Store = openStore(options.file ?? ':memory:', { now: () => clock.now() });
  const seen: Seen = { posts: [], notes: [], commands: [] };
  const ports: ClassroomPorts = {
    async post(target, reply) {
      await options.post?.(target, reply);
      seen.posts.push({ target, reply, at: clock.now() });
    },
    async notifyOwner(target, reply) {
      seen.notes.push({ target, reply, at: clock.now() });
    },
    async runCommand(text, as) {
      seen.commands.push({ text, as, at: clock.now() });
      return options.runCommand ? options.runCommand(text, as) : replyFor(text);
    },
  };
  const scheduler: Scheduler = createScheduler({
    store,
    clock,
    ports,
    log: silentLogger,
    ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
    ...(options.retryDelaysMs === undefined ? {} : { retryDelaysMs: options.retryDelaysMs }),
    ...(options.fireOnce === undefined ? {} : { fireOnce: options.fireOnce }),
  });
  return { store, scheduler, seen };
}

/** Adds a schedule the way /schedule add does, from the options a teacher types. */
export function addSchedule(
  store: Store,
  now: number,
  input: { time?: string; tz: string; days?: string; post?: string; channel?: string },
): ScheduleRow {
  const draft = draftSchedule(input, { conversation: 'class-1', now, checkCommand: () => undefined });
  if ('kind' in draft) throw new Error(draft.message);
  return store.schedules.add({ ...draft, platform: 'test', server: null, owner: 'teacher-1' });
}

/** ISO times of the posts seen, for readable assertions. */
export const isoTimes = (items: readonly { at: number }[]) => items.map((i) => new Date(i.at).toISOString());
