import { decodeButton } from '../../bot/buttons.js';
import type { Bot } from '../../bot/create-bot.js';
import { createRequestLifecycle, type Incoming } from '../../bot/lifecycle/request-lifecycle.js';
import type { Logger } from '../../bot/logger.js';
import type { Reply } from '../../bot/types.js';
import type { ChannelHub } from './channels.js';
import type { ImageStore } from './image-store.js';
import { PAGE_PROGRESS_INTERVAL_MS, pagePort } from './page-port.js';
import { newRequestId, toBotRequest, toButtonPress, toWireReply } from './translate.js';
import type { ButtonBody, CommandBody, WireEcho } from './web/wire.js';

/*
 * Runs requests from the page through the bot core's request lifecycle (one answer each, the
 * apology, the restart note, the wait on stop) and keeps each page's share of the work fair.
 */

/** Requests one client may have in flight at once; more are refused with 429. */
export const MAX_IN_FLIGHT_PER_CLIENT = 4;

/** What the HTTP routes and the adapter call. */
export interface Dispatcher {
  /** Starts a typed command; undefined when the client already has too many in flight. */
  command(body: CommandBody): { requestId: string } | undefined;
  /** Starts a button press; undefined when the client already has too many in flight. */
  button(body: ButtonBody): { requestId: string } | undefined;
  /** Shows a reply nobody asked for (a scheduled demo) to the whole channel. */
  post(channel: string, reply: Reply): void;
  /** Shows a reply to one client's pages only. */
  notify(channel: string, client: string, reply: Reply): void;
  /** Refuses new requests, and answers those in flight (waiting up to `graceMs` for the bot). */
  stop(graceMs?: number): Promise<void>;
}

/** Shows a command as typed (or pressed) to everyone in the channel, and keeps it in the history. */
function echo(
  hub: ChannelHub,
  body: { client: string; name: string; channel: string },
  text: string,
  via?: string,
): void {
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

/** A reply nobody asked for: to the whole channel, or (`only`) to one client's pages. */
function show(hub: ChannelHub, images: ImageStore, channel: string, reply: Reply, only?: string): void {
  const wire = toWireReply(reply, images, `p-${newRequestId()}`);
  if (only) {
    hub.sendTo(channel, only, { type: 'message', message: { ...wire, visibility: 'private' } });
    return;
  }
  const message = { ...wire, visibility: 'public' as const };
  hub.broadcast(channel, { type: 'message', message });
  hub.remember(channel, message);
}

/** Creates the dispatcher. */
export function createDispatcher(options: {
  bot: Bot;
  hub: ChannelHub;
  images: ImageStore;
  logger: Logger;
}): Dispatcher {
  const { hub, images } = options;
  const lifecycle = createRequestLifecycle({
    bot: options.bot,
    log: options.logger,
    timing: { progressIntervalMs: PAGE_PROGRESS_INTERVAL_MS },
  });
  const inFlight = new Map<string, number>();

  const admits = (client: string) => (inFlight.get(client) ?? 0) < MAX_IN_FLIGHT_PER_CLIENT;

  function run(body: { client: string; channel: string }, incoming: Incoming): { requestId: string } {
    const { requestId } = incoming;
    inFlight.set(body.client, (inFlight.get(body.client) ?? 0) + 1);
    const port = pagePort({
      hub,
      images,
      channel: body.channel,
      owner: body.client,
      messageId: `r-${requestId}`,
    });
    void lifecycle.serve(incoming, port).finally(() => {
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
      // A line without a slash is shown as what it runs: a question to /ask.
      echo(hub, body, text.startsWith('/') ? text : `/ask ${text}`);
      return run(body, toBotRequest(body));
    },
    button(body) {
      if (!admits(body.client)) return undefined;
      const decoded = decodeButton(body.buttonId);
      // Cancel is a control, not a step in the lesson: it stays out of the channel's story.
      if (decoded && decoded.command !== 'cancel') {
        echo(hub, body, `/${decoded.command}${decoded.text ? ` ${decoded.text}` : ''}`, body.label);
      }
      return run(body, toButtonPress(body));
    },
    post: (channel, reply) => show(hub, images, channel, reply),
    notify: (channel, client, reply) => show(hub, images, channel, reply, client),
    async stop(graceMs) {
      lifecycle.stopAccepting();
      await lifecycle.drain(graceMs);
    },
  };
}
