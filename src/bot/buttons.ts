import type { ReplyButton } from './types.js';

/*
 * A button's id is the command it runs, as text: `dt1:train depth:16 seed:4`. Nothing is kept
 * on the server, so buttons keep working after a restart. Discord caps ids at 100 characters,
 * the tightest of the platforms; longer ones are not offered.
 */
const PREFIX = 'dt1:';
export const MAX_BUTTON_ID = 100;

/** A button that runs `command` with the given option text. Undefined when the id would be too long. */
export function commandButton(
  label: string,
  command: string,
  text: string,
  style: ReplyButton['style'] = 'secondary',
): ReplyButton | undefined {
  const id = `${PREFIX}${command}${text ? ` ${text}` : ''}`;
  return id.length <= MAX_BUTTON_ID ? { id, label, style } : undefined;
}

/** What a button id asks for, or undefined for an id that is not ours. */
export function decodeButton(id: string): { command: string; text: string } | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  const body = id.slice(PREFIX.length);
  const space = body.indexOf(' ');
  const command = space < 0 ? body : body.slice(0, space);
  if (!/^[a-z-]+$/.test(command)) return undefined;
  return { command, text: space < 0 ? '' : body.slice(space + 1) };
}

/** The requester's cancel button for a queued or running job. */
export function cancelButton(jobId: string): ReplyButton {
  return { id: `${PREFIX}cancel ${jobId}`, label: 'Cancel', style: 'danger' };
}
