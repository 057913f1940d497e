/**
 * Timers a test runs by hand (see lib/timers.ts): nothing fires until `advance` moves the clock
 * past it, in the order a browser would fire them.
 */

import type { Timers } from "../lib/timers";

export type ManualTimers = Timers & {
  /** Moves the clock `ms` forward, firing every timer that comes due (those they set too). */
  advance: (ms: number) => void;
  /** How many timers are waiting. */
  waiting: () => number;
};

export function manualTimers(): ManualTimers {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  return {
    setTimeout(run, ms) {
      const id = nextId++;
      due.set(id, { at: now + Math.max(0, ms), run });
      return id;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...due.entries()].sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
        if (next === undefined || next[1].at > end) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].run();
      }
      now = end;
    },
    waiting: () => due.size,
  };
}
