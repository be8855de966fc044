import { describeColumn } from '../../bot/charts/builders/map-bins.js';
import { AXIS_TITLE } from '../../bot/charts/builders/trainability-map.js';
import { OKABE_ITO, REFERENCE_COLOR, SERIES_COLORS } from '../../bot/charts/style.js';
import type { RequestPort, WorkingState } from '../../bot/lifecycle/request-port.js';
import { progressWords } from '../../bot/progress-words.js';
import type { ProgressUpdate } from '../../bot/types.js';
import type { ChannelHub } from './channels.js';
import type { ImageStore } from './image-store.js';
import { toWireReply } from './translate.js';
import type { WireLive, WireProgress, WireWorking } from './web/wire.js';

/*
 * One page request as the bot core's request port: accepting shows a "working…" message (public,
 * or only to the asker), progress moves its bar and its live chart, and the final reply takes its
 * place under the same id. The Cancel button goes only into the asker's copy.
 *
 * The engine's partial results arrive whole with every report (bounded, append-only curves);
 * pages get them whole once, in the working message, and after that only the points they have
 * not seen, at most once per PAGE_PROGRESS_INTERVAL_MS. The channel's history keeps the whole
 * copy, so a page opened mid-run starts from everything measured so far.
 */

/** Browsers redraw at most this often anyway; a faster engine is thinned out by the lifecycle. */
export const PAGE_PROGRESS_INTERVAL_MS = 150;

type EngineLive = Extract<ProgressUpdate, { kind: 'running' }>['live'];

/** The bot core's words for an update, as the page shows them. */
export function toWireProgress(update: ProgressUpdate): WireProgress {
  const words = progressWords(update);
  return {
    state: update.kind,
    status: words.status,
    ...(words.detail === undefined ? {} : { detail: words.detail }),
    ...(words.percent === undefined ? {} : { percent: words.percent }),
  };
}

/** The partial results as the page draws them; `sent[i]` points of curve i are left out. */
export function toWireLive(live: NonNullable<EngineLive>, sent: readonly number[] = []): WireLive {
  if (live.kind === 'map') {
    return {
      kind: 'map',
      axisTitle: AXIS_TITLE[live.axis],
      values: live.values.map((v) => describeColumn(live.axis, v)),
      depths: [...live.depths],
      cells: [...live.cells],
      colors: {
        low: OKABE_ITO.bluishGreen,
        mid: OKABE_ITO.yellow,
        high: OKABE_ITO.vermillion,
        diverged: REFERENCE_COLOR,
      },
    };
  }
  return {
    kind: 'curves',
    steps: live.steps,
    colors: [...SERIES_COLORS],
    curves: live.curves.flatMap((curve, index) => {
      const from = Math.min(sent[index] ?? 0, curve.points.length);
      // A delta leaves out the curves with nothing new; a full copy (nothing sent) has them all.
      if (from > 0 && from === curve.points.length) return [];
      return [{ index, label: curve.label, from, points: curve.points.slice(from) }];
    }),
  };
}

const liveOf = (working: WorkingState): EngineLive =>
  working.progress?.kind === 'running' ? working.progress.live : undefined;

/** Points of each curve in `live`: what a page has once it was sent. */
const pointCounts = (live: EngineLive): number[] =>
  live?.kind === 'curves' ? live.curves.map((c) => c.points.length) : [];

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
  let sent: number[] = [];

  function showWorking(working: WorkingState): void {
    shown = working.visibility;
    const live = liveOf(working);
    const message: WireWorking = {
      kind: 'working',
      id: messageId,
      at: Date.now(),
      visibility: working.visibility,
      summary: working.summary,
      ...(working.progress ? { progress: toWireProgress(working.progress) } : {}),
      ...(live ? { live: toWireLive(live) } : {}),
    };
    sent = pointCounts(live);
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
      const live = liveOf(working);
      const event = {
        type: 'progress',
        id: messageId,
        progress,
        ...(live ? { live: toWireLive(live, sent) } : {}),
      } as const;
      sent = live ? pointCounts(live) : sent;
      if (shown === 'public') {
        hub.broadcast(channel, event);
        hub.rememberProgress(channel, messageId, progress, live && toWireLive(live));
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
