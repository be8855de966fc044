import type { Clock } from '../../../src/bot/classroom/clock.js';

/** Lets promise callbacks and I/O callbacks scheduled so far run. */
export const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** A clock that moves only when a test moves it; due timers fire in time order as it passes them. */
export class ManualClock implements Clock {
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;
  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  setTimer(at: number, fn: () => void): () => void {
    const timer = { at, seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Pending timers (for checks that nothing is left armed). */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves to `target`, firing each timer due on the way at its own time and letting its work settle. */
  async advanceTo(target: number): Promise<void> {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
      await settle();
    }
    this.time = Math.max(this.time, target);
  }

  /** Moves forward by `ms`. */
  advance(ms: number): Promise<void> {
    return this.advanceTo(this.time + ms);
  }
}
