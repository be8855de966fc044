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
  url: string;
  alt: string;
  name: string;
  /** Pixel size read from the PNG header, so the page can reserve space before it loads. */
  width?: number;
  height?: number;
  /** An animated GIF of the same run, played on request in the still's place. */
  animation?: { url: string; alt: string };
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

/** Where a job stands while it waits or runs. */
export type WireProgress =
  | { state: 'queued'; position: number }
  | { state: 'running'; percent: number; loss?: number };

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
  | { type: 'progress'; id: string; progress: WireProgress }
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
