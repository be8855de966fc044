import { randomUUID } from 'node:crypto';
import { GRID_COLOR, REFERENCE_COLOR, TEXT_COLOR } from '../../bot/charts/style.js';
import type { ButtonPress } from '../../bot/create-bot.js';
import type { BotRequest, Reply, ReplyImage } from '../../bot/types.js';
import type { ImageStore } from './image-store.js';
import type { ButtonBody, CommandBody, Sender, WireChart, WireReply } from './web/wire.js';

/*
 * The playground's two translations, like every adapter's: what the page sends becomes a neutral
 * BotRequest, and a neutral Reply becomes what the page shows. Nothing here is playground-only
 * behaviour the other adapters could not also offer.
 */

/** The conversation id the bot sees for a playground channel. */
export function conversationOf(channel: string): string {
  return `playground:${channel}`;
}

/** A short request id, enough to find one request in the logs. */
export function newRequestId(): string {
  return randomUUID().slice(0, 8);
}

/**
 * Splits `/train depth:8` into the command name and the option text after it. A line without a
 * slash is a question, as a student types it into a chat box: "why is depth hard?" is `/ask`.
 */
export function splitCommandLine(text: string): { command: string; optionText: string } {
  if (!text.trim().startsWith('/')) return { command: 'ask', optionText: text.trim() };
  const trimmed = text.trim().replace(/^\/+/, '');
  const space = trimmed.search(/\s/);
  const command = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  return { command, optionText: space < 0 ? '' : trimmed.slice(space + 1).trim() };
}

/** The bot's user for a sender: the public id, never the session secret. */
const userOf = (body: Sender & { name: string }): BotRequest['user'] => ({
  id: body.client,
  name: body.name,
  ...(body.teacher ? { teacher: true } : {}),
});

/** A typed command line from the page, as a neutral request. */
export function toBotRequest(body: CommandBody, requestId: string = newRequestId()): BotRequest {
  const { command, optionText } = splitCommandLine(body.text);
  return {
    platform: 'playground',
    requestId,
    user: userOf(body),
    conversation: conversationOf(body.channel),
    command,
    options: { kind: 'text', text: optionText },
  };
}

/** A pressed button from the page, as a neutral button press. */
export function toButtonPress(body: ButtonBody, requestId: string = newRequestId()): ButtonPress {
  return {
    platform: 'playground',
    requestId,
    user: userOf(body),
    conversation: conversationOf(body.channel),
    buttonId: body.buttonId,
  };
}

/**
 * Largest chart configuration the page gets to draw itself, as JSON characters. A reply's charts
 * travel in every page's stream and stay in the channel's history; a larger one (a fine decision
 * grid) is shown as its PNG instead.
 */
export const MAX_CHART_JSON = 64 * 1024;

/** The chart's configuration for the page to draw, unless it is too large to send around. */
function wireChart(image: ReplyImage): WireChart | undefined {
  if (!image.chart || JSON.stringify(image.chart).length > MAX_CHART_JSON) return undefined;
  return {
    config: image.chart,
    colors: { text: TEXT_COLOR, grid: GRID_COLOR, reference: REFERENCE_COLOR },
  };
}

/** A neutral reply as the page shows it; its chart images go to the store and travel as URLs. */
export function toWireReply(
  reply: Reply,
  images: ImageStore,
  id: string,
  at: number = Date.now(),
): WireReply {
  return {
    kind: 'reply',
    id,
    at,
    visibility: reply.visibility,
    headline: reply.headline,
    blocks: [...reply.blocks],
    fields: reply.fields.map((f) => ({ label: f.label, value: f.value })),
    images: reply.images.map((image) => {
      const stored = images.put(image.png);
      const { id: imageId, ...size } = stored;
      // The page shows the still first, with a play button for the animation.
      const animation = image.animation && {
        url: `/images/${images.put(image.animation.gif).id}.gif`,
        alt: image.animation.alt,
      };
      const chart = wireChart(image);
      return {
        url: `/images/${imageId}.png`,
        alt: image.alt,
        name: image.name,
        ...size,
        ...(animation ? { animation } : {}),
        ...(chart ? { chart } : {}),
      };
    }),
    buttons: reply.buttons.map((b) => ({ id: b.id, label: b.label, style: b.style })),
  };
}
