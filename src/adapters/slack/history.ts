/*
 * The App Home's "your recent runs". For now the adapter keeps a few runs per user in memory;
 * the classroom issue moves run history to SQLite, and then passes its own RunHistory in.
 */

/** One finished run, as the App Home lists it. */
export interface RecentRun {
  at: number;
  /** The command as typed or pressed, e.g. `/train depth:8`. */
  invocation: string;
  /** The reply's headline, e.g. "Training run: depth 8, sigmoid…". */
  headline: string;
  channel: string;
}

/** Where recent runs come from (and, for the in-memory default, go to). */
export interface RunHistory {
  /** Records a finished run; a store that records runs elsewhere may ignore it. */
  record(userId: string, run: RecentRun): void;
  /** The user's latest runs, newest first. */
  recent(userId: string, limit: number): Promise<RecentRun[]> | RecentRun[];
}

/** A small in-memory history: `perUser` runs per user, `maxUsers` users (least recently active dropped). */
export function createMemoryHistory(perUser = 10, maxUsers = 5000): RunHistory {
  const byUser = new Map<string, RecentRun[]>();
  return {
    record(userId, run) {
      const runs = [run, ...(byUser.get(userId) ?? [])].slice(0, perUser);
      // Re-inserting moves the user to the end of the Map's order, so the first key is the stalest.
      byUser.delete(userId);
      byUser.set(userId, runs);
      if (byUser.size > maxUsers) {
        const stalest = byUser.keys().next().value;
        if (stalest !== undefined) byUser.delete(stalest);
      }
    },
    recent(userId, limit) {
      return (byUser.get(userId) ?? []).slice(0, limit);
    },
  };
}
