import { decodeButton } from '../../bot/buttons.js';
import type { Bot } from '../../bot/create-bot.js';
import type { Logger } from '../../bot/logger.js';
import { privateNote } from '../../bot/replies/plain-replies.js';
import type { Reply } from '../../bot/types.js';
import type { ChannelHub } from './channels.js';
import type { ImageStore } from './image-store.js';
import { createRequestIo } from './request-io.js';
import { newRequestId, toBotRequest, toButtonPress, toWireReply } from './translate.js';
import type { ButtonBody, CommandBody, WireEcho } from './web/wire.js';

/*
 * Runs requests from the page through the bot and delivers what comes back. The bot promises one
 * Reply per request; this is still the adapter's one catch, so a bug never leaves a page waiting.
 */

/** Requests one client may have in flight at once; more are refused with 429. */
export const MAX_IN_FLIGHT_PER_CLIENT = 4;

/** What the HTTP routes call. */
export interface Dispatcher {
  /** Starts a typed command; undefined when the client already has too many in flight. */
  command(body: CommandBody): { requestId: string } | undefined;
  /** Starts a button press; undefined when the client already has too many in flight. */
  button(body: ButtonBody): { requestId: string } | undefined;
  /** Shows a reply nobody asked for (a scheduled demo) to the whole channel. */
  post(channel: string, reply: Reply): void;
}

/** Creates the dispatcher. */
export function createDispatcher(options: {
  bot: Bot;
  hub: ChannelHub;
  images: ImageStore;
  logger: Logger;
}): Dispatcher {
  const { bot, hub, images, logger } = options;
  const inFlight = new Map<string, number>();

  function echo(body: { client: string; name: string; channel: string }, text: string, via?: string): void {
    const message: WireEcho = {
      kind: 'echo',
      id: `e-${newRequestId()}`,
      at: Date.now(),
      author: { id: body.client, name: body.name },
      text,
      ...(via === undefined ? {} : { via }),
    };
    hub.broadcast(body.channel, { type: 'message', message });
    hub.remember(body.channel, message);
  }

  const admits = (client: string) => (inFlight.get(client) ?? 0) < MAX_IN_FLIGHT_PER_CLIENT;

  function run(
    body: { client: string; channel: string },
    requestId: string,
    call: (io: ReturnType<typeof createRequestIo>['io']) => Promise<Reply>,
  ): { requestId: string } {
    inFlight.set(body.client, (inFlight.get(body.client) ?? 0) + 1);
    const request = createRequestIo({
      hub,
      images,
      channel: body.channel,
      owner: body.client,
      messageId: `r-${requestId}`,
    });
    void call(request.io)
      .catch((error: unknown) => {
        logger.error({ err: error, requestId }, 'playground request failed');
        return privateNote('Sorry, something went wrong on my side.', [`Reference \`${requestId}\`.`]);
      })
      .then((reply) => request.finish(reply))
      .catch((error: unknown) =>
        logger.error({ err: error, requestId }, 'playground could not deliver a reply'),
      )
      .finally(() => {
        const left = (inFlight.get(body.client) ?? 1) - 1;
        if (left > 0) inFlight.set(body.client, left);
        else inFlight.delete(body.client);
      });
    return { requestId };
  }

  return {
    // The echo goes out first: a command answers synchronously up to its first await.
    command(body) {
      if (!admits(body.client)) return undefined;
      const text = body.text.trim();
      echo(body, text.startsWith('/') ? text : `/${text}`);
      const request = toBotRequest(body);
      return run(body, request.requestId, (io) => bot.handle(request, io));
    },
    button(body) {
      if (!admits(body.client)) return undefined;
      const decoded = decodeButton(body.buttonId);
      // Cancel is a control, not a step in the lesson: it stays out of the channel's story.
      if (decoded && decoded.command !== 'cancel') {
        echo(body, `/${decoded.command}${decoded.text ? ` ${decoded.text}` : ''}`, body.label);
      }
      const press = toButtonPress(body);
      return run(body, press.requestId, (io) => bot.handleButton(press, io));
    },
    post(channel, reply) {
      const message = { ...toWireReply(reply, images, `p-${newRequestId()}`), visibility: 'public' as const };
      hub.broadcast(channel, { type: 'message', message });
      hub.remember(channel, message);
    },
  };
}
