import { randomUUID } from 'node:crypto';
import { decodeButton } from '../../bot/buttons.js';
import type { ButtonPress } from '../../bot/create-bot.js';
import type { BotRequest } from '../../bot/types.js';
import { botCommandFor, slackCommandFor } from './command-names.js';

/*
 * The Slack adapter's translations into the bot's neutral language. A slash command carries one
 * text string, which the bot core parses itself (`depth:8 activation:relu`); a button carries
 * its whole command in its action_id, so it needs nothing kept on this side.
 */

/** The fields of a slash command payload the adapter uses (Slack sends more). */
export interface SlashCommandBody {
  command: string;
  text: string;
  user_id: string;
  user_name?: string;
  channel_id: string;
  team_id?: string;
}

/** The fields of a block_actions payload the adapter uses. */
export interface ButtonBody {
  actionId: string;
  user: { id: string; name?: string };
  channel: string;
  team?: string | undefined;
}

/** A short request id, enough to find one request in the logs. */
export function newRequestId(): string {
  return randomUUID().slice(0, 8);
}

/** Where a request comes from, as the bot sees it; `teacher` is the adapter's verdict (see teachers.ts). */
function origin(
  who: { id: string; name?: string | undefined; teacher: boolean },
  channel: string,
  team: string | undefined,
  requestId: string,
): Omit<BotRequest, 'command' | 'options'> {
  const { id, name, teacher } = who;
  return {
    platform: 'slack',
    requestId,
    user: name ? { id, name, teacher } : { id, teacher },
    conversation: channel,
    ...(team ? { server: team } : {}),
  };
}

/** A slash command as a neutral request: `/tutor-help train` → command `help`, text `train`. */
export function toBotRequest(
  body: SlashCommandBody,
  teacher = false,
  requestId: string = newRequestId(),
): BotRequest {
  const who = { id: body.user_id, name: body.user_name, teacher };
  return {
    ...origin(who, body.channel_id, body.team_id, requestId),
    command: botCommandFor(body.command),
    options: { kind: 'text', text: body.text.trim() },
  };
}

/** A pressed button as a neutral button press. */
export function toButtonPress(
  body: ButtonBody,
  teacher = false,
  requestId: string = newRequestId(),
): ButtonPress {
  const who = { ...body.user, teacher };
  return { ...origin(who, body.channel, body.team, requestId), buttonId: body.actionId };
}

/** What a user effectively typed, for status messages and history: `/train depth:8`. */
export function invocationOf(request: Pick<BotRequest, 'command' | 'options'>): string {
  const text = request.options.kind === 'text' ? request.options.text : '';
  return `${slackCommandFor(request.command)}${text ? ` ${text}` : ''}`;
}

/** The command a button runs, as typed: `dt1:train depth:16` → `/train depth:16`. */
export function invocationOfButton(buttonId: string): string {
  const decoded = decodeButton(buttonId);
  if (!decoded) return buttonId;
  return invocationOf({ command: decoded.command, options: { kind: 'text', text: decoded.text } });
}
