import { decodeButton } from '../../bot/buttons.js';
import type { Bot } from '../../bot/create-bot.js';
import { createRequestLifecycle, type Incoming } from '../../bot/lifecycle/request-lifecycle.js';
import type { Logger } from '../../bot/logger.js';
import type { Reply } from '../../bot/types.js';
import { createHolds } from './address-limits.js';
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

/** A started request, or why it was not started (the client's or its address's requests in flight). */
export type Started = { requestId: string } | { refused: string };

/** What the HTTP routes and the adapter call. */
export interface Dispatcher {
  /** Starts a typed command from `address` (its key for the caps per address). */
  command(body: CommandBody, address: string): Started;
  /** Starts a button press from `address`. */
  button(body: ButtonBody, address: string): Started;
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
  tagOf: (client: string) => string,
  body: { client: string; name: string; channel: string; teacher?: boolean },
  text: string,
  via?: string,
): void {
  const message: WireEcho = {
    kind: 'echo',
    id: `e-${newRequestId()}`,
    at: Date.now(),
    author: {
      id: body.client,
      name: body.name,
      tag: tagOf(body.client),
      ...(body.teacher ? { teacher: true as const } : {}),
    },
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
  /** Requests one address may have in flight, all its browsers together. */
  maxInFlightPerAddress: number;
  /** The tag shown beside an author's name. */
  tagOf(client: string): string;
}): Dispatcher {
  const { hub, images, tagOf } = options;
  const perAddress = createHolds(options.maxInFlightPerAddress);
  const lifecycle = createRequestLifecycle({
    bot: options.bot,
    log: options.logger,
    timing: { progressIntervalMs: PAGE_PROGRESS_INTERVAL_MS },
  });
  const inFlight = new Map<string, number>();

  /** The release of the address's hold, or the sentence refusing the request. */
  function admit(client: string, address: string): (() => void) | string {
    if ((inFlight.get(client) ?? 0) >= MAX_IN_FLIGHT_PER_CLIENT)
      return 'wait for your earlier commands to finish first';
    return (
      perAddress.take(address) ??
      'too many commands from your network are waiting; try again when some have finished'
    );
  }

  function run(
    body: { client: string; channel: string },
    incoming: Incoming,
    release: () => void,
  ): { requestId: string } {
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
      release();
      const left = (inFlight.get(body.client) ?? 1) - 1;
      if (left > 0) inFlight.set(body.client, left);
      else inFlight.delete(body.client);
    });
    return { requestId };
  }

  return {
    // The echo goes out first: a command answers synchronously up to its first await.
    command(body, address) {
      const release = admit(body.client, address);
      if (typeof release === 'string') return { refused: release };
      const text = body.text.trim();
      // A line without a slash is shown as what it runs: a question to /ask.
      echo(hub, tagOf, body, text.startsWith('/') ? text : `/ask ${text}`);
      return run(body, toBotRequest(body), release);
    },
    button(body, address) {
      const release = admit(body.client, address);
      if (typeof release === 'string') return { refused: release };
      const decoded = decodeButton(body.buttonId);
      // Cancel is a control, not a step in the lesson: it stays out of the channel's story.
      if (decoded && decoded.command !== 'cancel') {
        echo(hub, tagOf, body, `/${decoded.command}${decoded.text ? ` ${decoded.text}` : ''}`, body.label);
      }
      return run(body, toButtonPress(body), release);
    },
    post: (channel, reply) => show(hub, images, channel, reply),
    notify: (channel, client, reply) => show(hub, images, channel, reply, client),
    async stop(graceMs) {
      lifecycle.stopAccepting();
      await lifecycle.drain(graceMs);
    },
  };
}
