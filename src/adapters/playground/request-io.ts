import type { CommandIo, ProgressUpdate, Reply } from '../../bot/types.js';
import type { ChannelHub } from './channels.js';
import type { ImageStore } from './image-store.js';
import { toWireReply } from './translate.js';
import type { WireButton, WireProgress, WireWorking } from './web/wire.js';

/*
 * One request's life on the page: `accept` shows a "working…" message (public, or only to the
 * asker), `progress` moves its bar, and the final reply takes its place under the same id. The
 * Cancel button goes only into the asker's copy.
 */

/** Browsers redraw at most this often anyway; a faster engine is thinned out here. */
const PROGRESS_INTERVAL_MS = 150;

/** The CommandIo for one request, and the call that delivers its final reply. */
export interface RequestIo {
  io: CommandIo;
  finish(reply: Reply): void;
}

const toWireProgress = (update: ProgressUpdate): WireProgress =>
  update.kind === 'queued'
    ? { state: 'queued', position: update.position }
    : {
        state: 'running',
        percent: Math.max(0, Math.min(100, update.percent)),
        ...(update.loss === undefined || !Number.isFinite(update.loss) ? {} : { loss: update.loss }),
      };

/** Creates the io for a request by `owner` in `channel`; its messages use the id `messageId`. */
export function createRequestIo(options: {
  hub: ChannelHub;
  images: ImageStore;
  channel: string;
  owner: string;
  messageId: string;
}): RequestIo {
  const { hub, images, channel, owner, messageId } = options;
  let shown: 'public' | 'private' | undefined;
  let latest: WireProgress | undefined;
  let lastSent = 0;
  let timer: NodeJS.Timeout | undefined;
  let finished = false;

  function sendProgress(): void {
    timer = undefined;
    if (finished || !shown || !latest) return;
    lastSent = Date.now();
    const event = { type: 'progress', id: messageId, progress: latest } as const;
    if (shown === 'public') {
      hub.broadcast(channel, event);
      hub.rememberProgress(channel, messageId, latest);
    } else hub.sendTo(channel, owner, event);
  }

  const io: CommandIo = {
    async accept(info) {
      if (finished || shown) return;
      shown = info.visibility;
      const working: WireWorking = {
        kind: 'working',
        id: messageId,
        at: Date.now(),
        visibility: info.visibility,
        summary: info.summary,
        ...(latest ? { progress: latest } : {}),
      };
      const cancel: WireButton | undefined = info.cancelButton && { ...info.cancelButton };
      hub.sendTo(channel, owner, {
        type: 'message',
        message: cancel ? { ...working, cancelButton: cancel } : working,
      });
      if (shown === 'public') {
        hub.sendExcept(channel, owner, { type: 'message', message: working });
        hub.remember(channel, working);
      }
      lastSent = Date.now();
    },
    progress(update) {
      if (finished) return;
      latest = toWireProgress(update);
      if (timer) return;
      const wait = Math.max(0, lastSent + PROGRESS_INTERVAL_MS - Date.now());
      timer = setTimeout(sendProgress, wait);
    },
  };

  return {
    io,
    finish(reply) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const message = toWireReply(reply, images, messageId);
      if (message.visibility === 'public') {
        hub.broadcast(channel, { type: 'message', message });
        hub.remember(channel, message);
        return;
      }
      hub.sendTo(channel, owner, { type: 'message', message });
      if (shown === 'public') {
        // The others saw the run start; it now ends privately for its asker, so take it away.
        hub.sendExcept(channel, owner, { type: 'remove', id: messageId });
        hub.forget(channel, messageId);
      }
    },
  };
}
