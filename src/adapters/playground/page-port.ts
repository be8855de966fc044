import type { RequestPort, WorkingState } from '../../bot/lifecycle/request-port.js';
import type { ProgressUpdate } from '../../bot/types.js';
import type { ChannelHub } from './channels.js';
import type { ImageStore } from './image-store.js';
import { toWireReply } from './translate.js';
import type { WireProgress, WireWorking } from './web/wire.js';

/*
 * One page request as the bot core's request port: accepting shows a "working…" message (public,
 * or only to the asker), progress moves its bar, and the final reply takes its place under the
 * same id. The Cancel button goes only into the asker's copy.
 */

/** Browsers redraw at most this often anyway; a faster engine is thinned out by the lifecycle. */
export const PAGE_PROGRESS_INTERVAL_MS = 150;

const toWireProgress = (update: ProgressUpdate): WireProgress =>
  update.kind === 'queued'
    ? { state: 'queued', position: update.position }
    : {
        state: 'running',
        percent: Math.max(0, Math.min(100, update.percent)),
        ...(update.loss === undefined || !Number.isFinite(update.loss) ? {} : { loss: update.loss }),
      };

/** The port of a request by `owner` in `channel`; its messages use the id `messageId`. */
export function pagePort(options: {
  hub: ChannelHub;
  images: ImageStore;
  channel: string;
  owner: string;
  messageId: string;
}): RequestPort {
  const { hub, images, channel, owner, messageId } = options;
  let shown: WorkingState['visibility'] | undefined;

  function showWorking(working: WorkingState): void {
    shown = working.visibility;
    const message: WireWorking = {
      kind: 'working',
      id: messageId,
      at: Date.now(),
      visibility: working.visibility,
      summary: working.summary,
      ...(working.progress ? { progress: toWireProgress(working.progress) } : {}),
    };
    const cancelButton = working.cancelButton && { ...working.cancelButton };
    hub.sendTo(channel, owner, {
      type: 'message',
      message: cancelButton ? { ...message, cancelButton } : message,
    });
    if (shown === 'public') {
      hub.sendExcept(channel, owner, { type: 'message', message });
      hub.remember(channel, message);
    }
  }

  return {
    async acknowledge(_visibility, working) {
      if (working) showWorking(working);
    },
    async showProgress(working) {
      if (!shown || !working.progress) return showWorking(working);
      const progress = toWireProgress(working.progress);
      const event = { type: 'progress', id: messageId, progress } as const;
      if (shown === 'public') {
        hub.broadcast(channel, event);
        hub.rememberProgress(channel, messageId, progress);
      } else hub.sendTo(channel, owner, event);
    },
    async deliver(reply) {
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
