import { field } from '../../engine/fields.js';
import type { Settings } from '../../store/index.js';
import { effectiveSettings, scopesOf } from '../classroom/class-settings.js';
import type { ClassroomServices } from '../classroom/classroom.js';
import { noClassroomReply } from '../classroom/notes.js';
import { LIMIT_SETTINGS, settingsPatches } from '../classroom/settings-input.js';
import { defineCommand, type TypedCommand, textOption } from '../command.js';
import { isUserError } from '../errors.js';
import { privateNote } from '../replies/plain-replies.js';
import type { TutorServices } from '../services.js';
import type { BotRequest, Reply } from '../types.js';

const text = (description: string, maxLength = 300) => textOption(description, maxLength);

const OPTIONS = {
  action: field.choice('show the settings, change them, or reset a scope', ['show', 'set', 'reset'], 'show'),
  channels: text('server-wide: channel ids students may use me in, comma-separated; none = all', 1000),
  scope: field.choice(
    'where limits apply: this channel or the whole server',
    ['channel', 'server'],
    'channel',
  ),
  maxDepth: text('deepest network allowed, or none', 10),
  maxSeeds: text('most seeds (and restarts) per run, or none', 10),
  maxSteps: text('most training steps per run, or none', 10),
  animate: text('false: replies show still charts, no training animations; none = the default (on)', 10),
  teacherRoles: text('server-wide: Discord role ids that count as teachers; none to clear'),
  teacherUsers: text('server-wide: user ids that count as teachers; none to clear'),
};

const SETTING_KEYS = [
  'channels',
  'maxDepth',
  'maxSeeds',
  'maxSteps',
  'animate',
  'teacherRoles',
  'teacherUsers',
] as const;

const list = (ids: string[] | null, none: string) =>
  ids === null ? none : ids.map((id) => `\`${id}\``).join(', ');

function showReply(request: BotRequest, classroom: ClassroomServices, headline: string): Reply {
  const s: Settings = effectiveSettings(classroom.store, request);
  const limitLines = (Object.keys(LIMIT_SETTINGS) as (keyof typeof LIMIT_SETTINGS)[]).map(
    (key) =>
      `• ${LIMIT_SETTINGS[key].label}: ${s[key] === null ? "no limit beyond the tutor's own" : `at most ${s[key]}`}`,
  );
  return privateNote(headline, [
    `Limits in this channel:\n${limitLines.join('\n')}`,
    `Training animations: ${s.animate === false ? 'off (still charts only)' : 'on'}`,
    `Channels students may use me in: ${list(s.allowedChannels, 'all')}`,
    `Teachers, besides server admins: roles ${list(s.teacherRoles, 'none')}; users ${list(s.teacherUsers, 'none')}`,
    'Change with e.g. `/settings max_depth:8 max_steps:500`, `/settings channels:C01,C02`, or `/settings reset scope:channel`.',
  ]);
}

/** `/settings`: a teacher's limits and lists for this channel or the whole server. */
export default defineCommand({
  name: 'settings',
  needsClassroom: true,
  description: 'Set where I answer, limits per channel, and who counts as a teacher (teachers)',
  options: OPTIONS,
  examples: [
    '/settings',
    '/settings max_depth:8 max_seeds:3 max_steps:500',
    '/settings scope:server channels:C0123,C0456',
    '/settings teacher_roles:112233445566',
    '/settings reset scope:channel',
  ],
  teacherOnly: true,
  positionals: ['action'],
  async run(request, { services }) {
    const classroom = services.classroom;
    if (!classroom) return noClassroomReply('settings');
    const scopes = scopesOf(request);
    const scope = request.values.scope ?? 'channel';
    const { store } = classroom;
    if (request.values.action === 'reset') {
      store.settings.clear(scope, scopes[scope]);
      return showReply(request, classroom, `The ${scope}'s settings were reset.`);
    }
    const given = Object.fromEntries(SETTING_KEYS.map((k) => [k, request.values[k]]));
    if (Object.values(given).every((v) => v === undefined))
      return showReply(request, classroom, 'Settings here');
    const patches = settingsPatches(given);
    if (isUserError(patches)) return patches;
    if (Object.keys(patches.limits).length > 0) {
      store.settings.update(scope, scopes[scope], patches.limits, request.user.id);
    }
    if (Object.keys(patches.server).length > 0) {
      store.settings.update('server', scopes.server, patches.server, request.user.id);
    }
    return showReply(request, classroom, 'Settings saved.');
  },
} satisfies TypedCommand<TutorServices, typeof OPTIONS>);
