import { field } from '../../engine/fields.js';
import type { ScheduleRow } from '../../store/index.js';
import type { ClassroomServices } from '../classroom/classroom.js';
import { noClassroomReply } from '../classroom/notes.js';
import { checkPostCommand } from '../classroom/post-command.js';
import { describeContent, describeTiming, draftSchedule, formatDue } from '../classroom/schedule-spec.js';
import { defineCommand, type TypedCommand, textOption, type ValuesOf } from '../command.js';
import { type UserError, userError } from '../errors.js';
import { privateNote } from '../replies/plain-replies.js';
import type { TutorServices } from '../services.js';
import type { BotRequest, CommandIo, Reply } from '../types.js';

const ACTIONS = ['list', 'add', 'pause', 'resume', 'remove', 'preview'] as const;

const OPTIONS = {
  action: field.choice('add, list, pause, resume, remove or preview', ACTIONS, 'list'),
  id: textOption('the schedule number (pause, resume, remove, preview)', 600),
  channel: textOption('channel id or mention to post in (default: here)', 100),
  time: textOption('time of day, HH:MM on a 24-hour clock, e.g. 08:30', 5),
  tz: textOption('IANA time zone, e.g. Europe/Berlin', 64),
  days: textOption('daily, weekdays, weekends, mon,wed,fri, or a cron expression', 100),
  post: textOption('lesson-plan, or a command in quotes, e.g. "/compare depths:1,4,16"', 300),
};

const RULES = {
  positionals: ['action', 'id'] as const,
  aliases: { timezone: 'tz', zone: 'tz', at: 'time', in: 'channel', schedule: 'id' },
  unknownHint: 'a command to post goes in quotes: post:"/train depth:8"',
};

function line(s: ScheduleRow, classroom: ClassroomServices): string {
  const next = classroom.scheduler.nextDue(s);
  const when = s.paused
    ? 'paused'
    : next === undefined
      ? 'no further posts'
      : `next ${formatDue(next, s.timeZone)}`;
  return `• #${s.id}: ${describeTiming(s)} in \`${s.conversation}\`, posting ${describeContent(s)}; ${when}`;
}

/** The schedule with this number in the caller's server, or a refusal. */
function mine(
  request: BotRequest,
  classroom: ClassroomServices,
  id: string | undefined,
): ScheduleRow | UserError {
  const number = Number((id ?? '').replace(/^#/, ''));
  const found = Number.isSafeInteger(number) ? classroom.store.schedules.get(number) : undefined;
  if (!id)
    return userError('invalid-option', 'id is needed: the schedule number from `/schedule list`', 'id');
  if (!found || found.platform !== request.platform || found.server !== (request.server ?? null)) {
    return userError(
      'not-found',
      `There is no schedule #${id.slice(0, 20)} here; \`/schedule list\` shows them.`,
      'id',
    );
  }
  return found;
}

function add(
  request: BotRequest,
  values: ValuesOf<typeof OPTIONS>,
  services: TutorServices,
  classroom: ClassroomServices,
) {
  const { action: _action, id: _id, ...input } = values;
  const draft = draftSchedule(input, {
    conversation: request.conversation,
    now: classroom.clock.now(),
    checkCommand: (text) => checkPostCommand(text, services),
  });
  if ('kind' in draft) return draft;
  const schedule = classroom.store.schedules.add({
    ...draft,
    platform: request.platform,
    server: request.server ?? null,
    owner: request.user.id,
  });
  classroom.scheduler.refresh();
  return privateNote(`Schedule #${schedule.id} added.`, [
    line(schedule, classroom),
    `Manage it with \`/schedule pause ${schedule.id}\`, \`resume\`, \`remove\` or \`preview\`.`,
  ]);
}

async function preview(schedule: ScheduleRow, classroom: ClassroomServices, io: CommandIo): Promise<Reply> {
  await io.accept({ visibility: 'public', summary: `Preparing the next post of schedule #${schedule.id}` });
  try {
    return await classroom.scheduler.preview(schedule);
  } catch (error) {
    return privateNote(`Schedule #${schedule.id} cannot post right now.`, [
      (error as Error).message.slice(0, 300),
    ]);
  }
}

/** `/schedule`: a teacher's daily demos in a class channel. */
export default defineCommand({
  name: 'schedule',
  needsClassroom: true,
  description: 'Schedule daily demos in a class channel: the lesson plan or any command (teachers)',
  options: OPTIONS,
  examples: [
    '/schedule add time:08:30 tz:Europe/Berlin days:weekdays post:lesson-plan',
    '/schedule add channel:C0123 days:"0 9 * * 1" tz:America/New_York post:"/compare depths:1,4,16"',
    '/schedule list',
    '/schedule pause 3',
    '/schedule preview 3',
  ],
  teacherOnly: true,
  ...RULES,
  async run(request, { services, io }) {
    const classroom = services.classroom;
    if (!classroom) return noClassroomReply('schedule');
    const action = request.values.action ?? 'list';
    if (action === 'add') return add(request, request.values, services, classroom);
    if (action === 'list') {
      const all = classroom.store.schedules.list(request.platform, request.server ?? null);
      return all.length === 0
        ? privateNote('No schedules here yet.', [
            'Add one: `/schedule add time:08:30 tz:Europe/Berlin days:weekdays`',
          ])
        : privateNote(`Schedules (${all.length})`, [all.map((s) => line(s, classroom)).join('\n')]);
    }
    const schedule = mine(request, classroom, request.values.id);
    if ('kind' in schedule) return schedule;
    switch (action) {
      case 'preview':
        return preview(schedule, classroom, io);
      case 'remove':
        classroom.store.schedules.remove(schedule.id);
        classroom.scheduler.refresh();
        return privateNote(`Schedule #${schedule.id} removed.`);
      default: {
        const pause = action === 'pause';
        if (schedule.paused === pause)
          return privateNote(`Schedule #${schedule.id} is already ${pause ? 'paused' : 'running'}.`);
        classroom.store.schedules.setPaused(schedule.id, pause);
        classroom.scheduler.refresh();
        const now = classroom.store.schedules.get(schedule.id) ?? schedule;
        return privateNote(`Schedule #${schedule.id} ${pause ? 'paused' : 'resumed'}.`, [
          line(now, classroom),
        ]);
      }
    }
  },
} satisfies TypedCommand<TutorServices, typeof OPTIONS>);
