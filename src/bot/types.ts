import type { Field } from '../engine/fields.js';
import type { LiveResult, UnitStatus } from '../engine/result.js';
import type { ChartConfig } from './charts/draft.js';

/*
 * The bot core's neutral language. Adapters turn platform events into a BotRequest and a
 * Reply back into platform calls; nothing here knows which platform it is talking to.
 */

/** Where a request came from; used for logs and for platform-specific limits only. */
export type Platform = 'discord' | 'slack' | 'playground' | 'cli' | 'test';

/** Options as they arrived: typed (Discord's options) or as key:value text (Slack, CLI, web). */
export type RequestOptions =
  | { kind: 'typed'; values: Record<string, unknown> }
  | { kind: 'text'; text: string };

/** One user's command, platform-neutral. */
export interface BotRequest {
  platform: Platform;
  requestId: string;
  /** `teacher`: the adapter's verdict from the platform's permissions and configured roles. */
  user: { id: string; name?: string; teacher?: boolean };
  /** Channel or conversation id on the platform. */
  conversation: string;
  /** The Discord server (guild) or Slack workspace (team) id; absent in DMs and the playground. */
  server?: string;
  command: string;
  options: RequestOptions;
}

/** An animated GIF that shows the same thing as its image's still, as it happened. */
export interface ReplyAnimation {
  /** File name with extension, e.g. "training.gif". */
  name: string;
  gif: Buffer;
  /** What happens in it, in words. */
  alt: string;
}

/** A chart image in a reply. */
export interface ReplyImage {
  /** File name with extension, e.g. "loss-curves.png". */
  name: string;
  png: Buffer;
  /** What the chart shows, in words (screen readers, Slack alt text). */
  alt: string;
  /**
   * Shown in place of the still (not next to it) by clients that play GIFs; the still stays as
   * the fallback. Only set when the GIF fits every platform's upload limit.
   */
  animation?: ReplyAnimation;
  /**
   * A public address of the same chart, when a public QuickChart server made one: platforms that
   * fetch images themselves (Slack image blocks) may show it instead of uploading the bytes.
   */
  url?: string;
  /** The Chart.js configuration the PNG was drawn from, for clients that draw charts themselves. */
  chart?: ChartConfig;
}

/** A follow-up or control button; `id` carries all it needs, so it works after a restart. */
export interface ReplyButton {
  id: string;
  label: string;
  style: 'primary' | 'secondary' | 'danger';
}

/** A neutral reply: a headline, short text blocks, facts, chart images and buttons. */
export interface Reply {
  visibility: 'public' | 'private';
  /** The whole headline; never cut (see fitHeadline for platforms whose titles are shorter). */
  headline: string;
  /**
   * What a platform may show as its title when the whole headline is longer than its titles
   * allow, e.g. "Training run" for "Training run: depth 8 · residual · …"; the headline then
   * goes on a line under that title.
   */
  shortHeadline?: string;
  /** Short paragraphs in light markdown (bold, italics, inline code, bullet lists). */
  blocks: string[];
  /** Labelled facts, e.g. the exact configuration, seeds and backend. */
  fields: { label: string; value: string }[];
  images: ReplyImage[];
  buttons: ReplyButton[];
}

/**
 * An in-flight update an adapter may show by editing its first message: waiting in line, running
 * (with the unit that reported and, for the page's charts, the partial results), or done (the
 * answer is being written). src/bot/progress-words.ts turns it into the words every platform shows.
 */
export type ProgressUpdate =
  | { kind: 'queued'; position: number }
  | { kind: 'running'; percent: number; loss?: number; unit?: UnitStatus; live?: LiveResult }
  | { kind: 'done' };

/** What a command may ask of the adapter while it works. */
export interface CommandIo {
  /**
   * Accepts the command: the adapter defers (Discord) or acks (Slack) now, with the visibility
   * fixed from here on, showing `summary` (e.g. the parsed configuration and queue position).
   * Commands that answer at once never call it.
   */
  accept(info: {
    visibility: 'public' | 'private';
    summary: string;
    cancelButton?: ReplyButton;
  }): Promise<void>;
  /** Throttled by the adapter to what its platform allows. */
  progress(update: ProgressUpdate): void;
}

/** A command option: an engine field, or free text (e.g. a question). */
export type CommandOption =
  | Field
  | { kind: 'text'; description: string; required: boolean; maxLength: number };
