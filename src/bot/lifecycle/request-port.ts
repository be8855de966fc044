import type { ProgressUpdate, Reply, ReplyButton } from '../types.js';

/*
 * The one port each platform implements for one request. The bot core's lifecycle decides when
 * each call happens (deadlines, throttling, the single final answer, shutdown); the port only
 * knows how its platform shows things. Calls on one port never overlap: the next one starts when
 * the previous one has settled.
 */

/** Who sees an answer: the whole conversation, or only the person who asked. */
export type Visibility = 'public' | 'private';

/** What the in-flight message shows once the bot has accepted a request. */
export interface WorkingState {
  /** The visibility the bot accepted with (a public run shows to the conversation). */
  visibility: Visibility;
  /** E.g. the run's configuration and queue position. */
  summary: string;
  /** The latest progress, when there is any. */
  progress?: ProgressUpdate;
  /** The asker's Cancel button. */
  cancelButton?: ReplyButton;
}

/** What the lifecycle knows when the final answer goes out. */
export interface AnswerContext {
  /** How the request was acknowledged; undefined when the answer is the first response. */
  acknowledged?: Visibility;
  /** The in-flight state, when the bot accepted the request. */
  working?: WorkingState;
}

/** One request's way back to its platform. */
export interface RequestPort {
  /**
   * The platform's first response (Discord's defer, Slack's ack). `working` is present when the
   * bot accepted the request, and absent when the acknowledgement deadline struck first.
   */
  acknowledge(visibility: Visibility, working?: WorkingState): Promise<void>;
  /**
   * Shows the in-flight state again (accepted after a deadline acknowledgement, or new progress).
   * `superseded()` turns true once the answer is waiting: a port that paces its own writes may
   * then drop this display rather than spend a write on it.
   */
  showProgress(working: WorkingState, superseded: () => boolean): Promise<void>;
  /** The final answer; called exactly once. */
  deliver(reply: Reply, context: AnswerContext): Promise<void>;
  /**
   * The platform's answer window is about to close (Discord's 15-minute interaction token): no
   * more progress is shown, and the port delivers the answer by other means.
   */
  windowClosing?(working: WorkingState | undefined): Promise<void>;
}

/** A platform's clocks for the lifecycle; every adapter passes its own. */
export interface LifecycleTiming {
  /** Acknowledge by then if the bot has neither accepted nor answered; omit where there is no deadline. */
  ackDeadlineMs?: number;
  /** Least time between two progress displays of one request. */
  progressIntervalMs: number;
  /** When the port's answer window closes (see `windowClosing`); omit where it stays open. */
  answerWindowMs?: number;
}
