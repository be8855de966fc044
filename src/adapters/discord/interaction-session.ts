import type { Logger } from '../../bot/logger.js';
import type { CommandIo, Reply } from '../../bot/types.js';
import type { DiscordMessage } from './message-payload.js';
import { postedBelowMessage, stoppedMessage, type WorkingState, workingMessage } from './progress-view.js';
import { safeError } from './safe-error.js';

/*
 * One interaction's life. Discord allows 3 s for the first response and 15 minutes for edits
 * through the interaction token; the visibility chosen when deferring cannot change later.
 * Every call to Discord goes through one queue, so an edit never overtakes the final answer.
 */

/** The calls a session makes; reply-port.ts implements them on a discord.js interaction. */
export interface ReplyPort {
  defer(ephemeral: boolean): Promise<void>;
  reply(message: DiscordMessage, ephemeral: boolean): Promise<void>;
  edit(message: DiscordMessage): Promise<void>;
  followUp(message: DiscordMessage, ephemeral: boolean): Promise<void>;
  /** A new channel message, for when the interaction token is about to expire. */
  sendToChannel(message: DiscordMessage, mentionUserId?: string): Promise<void>;
}

/** Timing of a session; defaults fit Discord's real deadlines. */
export interface SessionTiming {
  /** Least time between two progress edits. */
  progressIntervalMs: number;
  /** Defer anyway if the bot has neither accepted nor answered by then (Discord's limit is 3 s). */
  deferDeadlineMs: number;
  /** From then on the result goes to the channel (the token lives 15 minutes). */
  channelFallbackAfterMs: number;
}

/** A session: the io the bot uses, and the call that delivers the final answer (once). */
export interface InteractionSession {
  io: CommandIo;
  finish(reply: Reply): Promise<void>;
  readonly finished: boolean;
}

/** Starts the clocks for one interaction by `userId`; `defaultVisibility` is used if the deadline strikes. */
export function createInteractionSession(options: {
  port: ReplyPort;
  userId: string;
  defaultVisibility: 'public' | 'private';
  timing: SessionTiming;
  log: Logger;
  toMessage: (reply: Reply) => DiscordMessage;
  now?: () => number;
}): InteractionSession {
  const { port, timing, log } = options;
  const now = options.now ?? Date.now;
  let shown: 'public' | 'private' | undefined;
  let working: WorkingState | undefined;
  let viaChannel = false;
  let finished = false;
  let lastEditAt = Number.NEGATIVE_INFINITY;
  let progressTimer: NodeJS.Timeout | undefined;
  let editQueued = false;
  let dirty = false;
  let queue: Promise<void> = Promise.resolve();
  let delivered: Promise<void> = Promise.resolve();

  /** Runs Discord calls one after another; a failure is logged and does not stop later calls. */
  function enqueue(what: string, task: () => Promise<void>): Promise<void> {
    const run = queue
      .then(task)
      .catch((error: unknown) => log.warn({ err: safeError(error), call: what }, 'discord call failed'));
    queue = run;
    return run;
  }

  function ack(visibility: 'public' | 'private'): Promise<void> {
    if (shown) return queue;
    shown = visibility;
    return enqueue('defer', () => port.defer(visibility === 'private'));
  }

  const deadline = setTimeout(() => {
    if (!finished && !shown) void ack(options.defaultVisibility);
  }, timing.deferDeadlineMs);
  const fallback = setTimeout(() => {
    if (finished) return;
    viaChannel = true;
    clearTimeout(progressTimer);
    if (shown && working) {
      const note = 'This is taking a while: the result will be posted in this channel.';
      working = { ...working, note };
      const state = working;
      void enqueue('edit (moving to channel)', () => port.edit(workingMessage(state)));
    }
  }, timing.channelFallbackAfterMs);
  deadline.unref();
  fallback.unref();

  function scheduleEdit(): void {
    if (finished || viaChannel || !working || progressTimer || editQueued) return;
    const wait = Math.max(0, lastEditAt + timing.progressIntervalMs - now());
    progressTimer = setTimeout(() => {
      progressTimer = undefined;
      editQueued = true;
      void enqueue('progress edit', async () => {
        if (finished || viaChannel || !working) return;
        dirty = false;
        lastEditAt = now();
        await port.edit(workingMessage(working));
      }).finally(() => {
        editQueued = false;
        if (dirty) scheduleEdit();
      });
    }, wait);
  }

  async function deliver(reply: Reply): Promise<void> {
    const message = options.toMessage(reply);
    const summary = working?.summary ?? '';
    if (viaChannel) {
      await port.sendToChannel(message, reply.visibility === 'private' ? options.userId : undefined);
    } else if (!shown) {
      await port.reply(message, reply.visibility === 'private');
    } else if (shown === reply.visibility) {
      await port.edit(message);
    } else if (shown === 'public') {
      // The channel saw the run start; it learns briefly that it stopped, the asker gets the details.
      await port.edit(stoppedMessage(summary, reply));
      await port.followUp(message, true);
    } else {
      await port.edit(postedBelowMessage(summary));
      await port.followUp(message, false);
    }
  }

  return {
    get finished() {
      return finished;
    },
    io: {
      async accept(info) {
        if (finished) return;
        working = {
          summary: info.summary,
          ...(working?.progress ? { progress: working.progress } : {}),
          ...(info.cancelButton ? { cancelButton: info.cancelButton } : {}),
        };
        const deferred = ack(info.visibility);
        const state = working;
        void enqueue('edit (accepted)', async () => {
          if (finished || viaChannel) return;
          lastEditAt = now();
          await port.edit(workingMessage(state));
        });
        await deferred;
      },
      progress(update) {
        if (finished || viaChannel) return;
        // Progress can arrive before accept (queue position): keep it for the first edit.
        working = working ? { ...working, progress: update } : { summary: '', progress: update };
        dirty = true;
        if (shown) scheduleEdit();
      },
    },
    finish(reply) {
      // A second call (shutdown racing the bot) waits for the first answer instead of sending one.
      if (finished) return delivered;
      finished = true;
      clearTimeout(deadline);
      clearTimeout(fallback);
      clearTimeout(progressTimer);
      delivered = enqueue('final answer', async () => {
        try {
          await deliver(reply);
        } catch (error) {
          // The interaction must not be left hanging: try a follow-up, then a channel message.
          log.warn({ err: safeError(error) }, 'final answer failed; trying a follow-up');
          const message = options.toMessage(reply);
          const mention = reply.visibility === 'private' ? options.userId : undefined;
          try {
            if (!shown) throw error;
            await port.followUp(message, reply.visibility === 'private');
          } catch {
            await port.sendToChannel(message, mention);
          }
        }
      });
      return delivered;
    },
  };
}
