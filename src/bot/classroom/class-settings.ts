import type { ExperimentSpec } from '../../engine/spec.js';
import { NO_SETTINGS, type Settings, type Store } from '../../store/index.js';
import { type UserError, userError } from '../errors.js';
import { privateNote } from '../replies/plain-replies.js';
import type { BotRequest, Reply } from '../types.js';

/*
 * Teacher settings as the bot applies them. A channel's own limits win over its server's; the
 * allowed-channel list and who counts as a teacher are server-wide. Platform, server and channel
 * ids are joined into one scope id, so ids from different platforms never meet.
 */

/** The scope ids of a request's channel and server. */
export function scopesOf(where: Pick<BotRequest, 'platform' | 'conversation' | 'server'>) {
  return {
    channel: `${where.platform}:${where.conversation}`,
    server: `${where.platform}:${where.server ?? '*'}`,
  };
}

/** The settings in force in a request's channel: the channel's own, else its server's. */
export function effectiveSettings(
  store: Store,
  where: Pick<BotRequest, 'platform' | 'conversation' | 'server'>,
) {
  const scopes = scopesOf(where);
  const server = store.settings.get('server', scopes.server);
  const channel = store.settings.get('channel', scopes.channel);
  const pick = <K extends keyof Settings>(key: K): Settings[K] =>
    channel?.[key] ?? server?.[key] ?? NO_SETTINGS[key];
  return {
    allowedChannels: server?.allowedChannels ?? null,
    maxDepth: pick('maxDepth'),
    maxSeeds: pick('maxSeeds'),
    maxSteps: pick('maxSteps'),
    animate: pick('animate'),
    teacherRoles: server?.teacherRoles ?? null,
    teacherUsers: server?.teacherUsers ?? null,
  } satisfies Settings;
}

/**
 * Whether the bot answers this request here. Teachers are answered everywhere (so they can
 * always reach /settings); students only in the allowed channels, when a list is set.
 */
export function admit(store: Store, request: BotRequest): Reply | undefined {
  if (request.user.teacher) return undefined;
  const allowed = effectiveSettings(store, request).allowedChannels;
  if (allowed === null || allowed.includes(request.conversation)) return undefined;
  return privateNote("Sorry, I don't answer in this channel.", [
    'Your teacher chose the channels I work in for this class. Please try me in one of those.',
  ]);
}

/** The deepest network, the seed count and the step count an experiment asks for. */
function demands(spec: ExperimentSpec): {
  depth?: number;
  seeds?: { field: string; value: number };
  steps: number;
} {
  switch (spec.experiment) {
    case 'train':
      return { depth: spec.depth, seeds: { field: 'seeds', value: spec.seeds }, steps: spec.steps };
    case 'compare':
    case 'map':
      return {
        depth: Math.max(...spec.depths),
        seeds: { field: 'seeds', value: spec.seeds },
        steps: spec.steps,
      };
    case 'restarts':
      // Every restart is one more seed of the same nets.
      return { depth: spec.depth, seeds: { field: 'restarts', value: spec.restarts }, steps: spec.steps };
    case 'landscape':
      return { depth: spec.depth, steps: spec.steps };
    case 'lp':
      return { steps: spec.steps };
    case 'hardness':
      return { seeds: { field: 'restarts', value: spec.restarts }, steps: spec.steps };
  }
}

/** A private refusal naming the limit when an experiment is over this channel's limits. */
export function checkLimits(
  store: Store,
  where: Pick<BotRequest, 'platform' | 'conversation' | 'server'>,
  spec: ExperimentSpec,
): UserError | undefined {
  const limits = effectiveSettings(store, where);
  const asked = demands(spec);
  const over = (field: string, value: number, max: number | null) =>
    max !== null && value > max
      ? userError(
          'channel-limit',
          `In this channel ${field} may be at most ${max} (you asked for ${value}); your teacher set this limit.`,
          field,
        )
      : undefined;
  const depthField = spec.experiment === 'compare' ? 'depths' : 'depth';
  return (
    (asked.depth === undefined ? undefined : over(depthField, asked.depth, limits.maxDepth)) ??
    (asked.seeds === undefined ? undefined : over(asked.seeds.field, asked.seeds.value, limits.maxSeeds)) ??
    over('steps', asked.steps, limits.maxSteps)
  );
}
