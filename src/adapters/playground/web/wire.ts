/*
 * What travels between the playground server and its page: JSON over HTTP and Server-Sent Events.
 * Shared by both sides (types only), so a renamed field breaks the build, not the page.
 */

/** A button as the page shows it; pressing it posts `id` back. */
export interface WireButton {
  id: string;
  label: string;
  style: 'primary' | 'secondary' | 'danger';
}

/** A chart image, served by URL from the server's image store. */
export interface WireImage {
  /** The PNG: the download, and what the page shows when it cannot draw the chart itself. */
  url: string;
  alt: string;
  name: string;
  /** Pixel size read from the PNG header, so the page can reserve space before it loads. */
  width?: number;
  height?: number;
  /** An animated GIF of the same run, played on request in the still's place. */
  animation?: { url: string; alt: string };
  /** The chart's Chart.js configuration (plain JSON), which the page draws itself. */
  chart?: WireChart;
}

/** A chart the page draws: the PNG's own configuration, and the colours a dark theme swaps. */
export interface WireChart {
  config: { type: string; data: unknown; options: Record<string, unknown> };
  /** The light theme's text, grid and reference-line colours as the configuration spells them. */
  colors: { text: string; grid: string; reference: string };
}

/** Who typed a command. */
export interface WireAuthor {
  id: string;
  /** The display name, as its author chose it: any student may pick any name. */
  name: string;
  /**
   * A short tag from the public id, shown beside the name, so two "Alice"s (or one pretending)
   * look different. The server makes it with a key of its own, so it cannot be ground offline.
   */
  tag: string;
  /** Set by the server for a signed-in teacher: the page shows a badge no name can imitate. */
  teacher?: true;
}

/**
 * Where a job stands, in the bot core's words (the same as Discord's and Slack's): `status` is
 * "queued #2", "starting", "running" or "done"; `detail` says which unit reported and how far it is.
 */
export interface WireProgress {
  state: 'queued' | 'running' | 'done';
  status: string;
  detail?: string;
  /** Whole percent of the whole run, while it runs. */
  percent?: number;
}

/** A training run's loss so far: its points from index `from` on (0 in a full copy). */
export interface WireCurve {
  index: number;
  label: string;
  from: number;
  points: [number, number][];
}

/**
 * What a running job has measured so far, for its live chart: loss curves (train, compare) or
 * the finished cells of a map. In a progress event, curves carry only their new points.
 */
export type WireLive =
  | {
      kind: 'curves';
      steps: number;
      curves: WireCurve[];
      /** Series colours in order (the PNGs' palette), curve i taking colours[i % length]. */
      colors: string[];
    }
  | {
      kind: 'map';
      /** The columns' title, e.g. "weight variance σ_w²". */
      axisTitle: string;
      values: string[];
      depths: number[];
      /** Mean final loss per cell, row-major over `depths` then `values`; null while it runs. */
      cells: (number | 'diverged' | null)[];
      /** Cell colours from the lowest loss to the highest, and for a cell that diverged. */
      colors: { low: string; mid: string; high: string; diverged: string };
    };

/** A command as typed, shown to everyone in the channel. */
export interface WireEcho {
  kind: 'echo';
  id: string;
  at: number;
  author: WireAuthor;
  text: string;
  /** The label of the button that sent it, when a button did. */
  via?: string;
}

/** A job in flight: replaced by the final reply with the same id. */
export interface WireWorking {
  kind: 'working';
  id: string;
  at: number;
  visibility: 'public' | 'private';
  summary: string;
  progress?: WireProgress;
  /** Everything measured so far (a full copy, never a delta). */
  live?: WireLive;
  /** Only in the requester's copy. */
  cancelButton?: WireButton;
}

/** A finished answer. Private ones reach only the asker. */
export interface WireReply {
  kind: 'reply';
  id: string;
  at: number;
  visibility: 'public' | 'private';
  headline: string;
  /** Light markdown: bold, italics, inline code, bullet lines. */
  blocks: string[];
  fields: { label: string; value: string }[];
  images: WireImage[];
  buttons: WireButton[];
}

/** Anything the message list shows. */
export type WireMessage = WireEcho | WireWorking | WireReply;

/** One Server-Sent Event's data. */
export type WireEvent =
  | { type: 'hello'; channel: string; history: WireMessage[] }
  | { type: 'message'; message: WireMessage }
  | { type: 'progress'; id: string; progress: WireProgress; live?: WireLive }
  | { type: 'remove'; id: string };

/** One option of a command, for completion. */
export interface WireOption {
  name: string;
  kind: 'int' | 'number' | 'boolean' | 'choice' | 'int-list' | 'number-list' | 'choice-list' | 'text';
  description: string;
  /** What it accepts, in words (the bot's own wording). */
  allowed: string;
  choices?: string[];
  min?: number;
  max?: number;
  default?: string;
  required?: boolean;
  /** Values a text option completes to (the lesson topics of /explain), with the names that lead to each. */
  topics?: { value: string; title: string; aliases: string[] }[];
}

/** A command, for completion and hints: derived from the bot's command definitions. */
export interface WireCommand {
  name: string;
  description: string;
  examples: string[];
  options: WireOption[];
  /** Takes the rest of the line as one free-text option (e.g. /ask). */
  freeText: boolean;
}

/** The body of POST /api/command, as the page sends it. */
export interface CommandPost {
  name: string;
  channel: string;
  text: string;
}

/** The body of POST /api/button, as the page sends it. */
export interface ButtonPost {
  name: string;
  channel: string;
  buttonId: string;
  label?: string;
}

/** Who sent a post, from its session cookie: never in the body, so a page cannot claim to be another. */
export interface Sender {
  /** The sender's public id. */
  client: string;
  /** Signed in with the teacher token. */
  teacher?: boolean;
}

/** A checked command post and its sender. */
export type CommandBody = CommandPost & Sender;

/** A checked button post and its sender. */
export type ButtonBody = ButtonPost & Sender;

/** GET /api/session: this browser's public id and whether it is a teacher. */
export interface WireSession {
  id: string;
  teacher: boolean;
  /** A teacher token is configured, so signing in as a teacher is possible. */
  teacherSignIn: boolean;
}
