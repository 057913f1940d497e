/** Builders for the engine's types, so each test states only what it is about. */

import type { FocusBlock } from "../bindings/FocusBlock";
import type { Status } from "../bindings/Status";

/** A fixed "now" for tests: 2025-03-04 10:00:00 local time. */
export const NOW = new Date(2025, 2, 4, 10, 0, 0).getTime();

export const iso = (ms: number): string => new Date(ms).toISOString();
export const minutes = (n: number): number => n * 60_000;

export function block(overrides: Partial<FocusBlock> = {}): FocusBlock {
  const started = NOW - minutes(5);
  return {
    id: 1,
    started_at: iso(started),
    deadline: iso(started + minutes(25)),
    intent: "Draft the Q3 report",
    planned_secs: 25 * 60,
    ended_at: null,
    outcome: null,
    schedule_id: null,
    away_secs: 0,
    ...overrides,
  };
}

export function idleStatus(blocks: FocusBlock[] = []): Status {
  return {
    mode: "open",
    quiet_reason: null,
    away: null,
    presenting: null,
    meeting: null,
    next_change: null,
    block: null,
    block_breakthroughs: 0,
    held: 0,
    working_late_until: null,
    done_for_today_until: null,
    fault: null,
    first_run: false,
    proposals: [],
    today: {
      messages_held: 0,
      messages_broke_through: 0,
      focus_secs: blocks.reduce(
        (sum, b) => sum + (b.ended_at === null ? 0 : (Date.parse(b.ended_at) - Date.parse(b.started_at)) / 1000),
        0,
      ),
      blocks_completed: blocks.filter((b) => b.outcome === "completed").length,
      blocks,
    },
  };
}

export function runningStatus(running: FocusBlock, earlier: FocusBlock[] = []): Status {
  const idle = idleStatus(earlier);
  const runSecs = Math.max(0, (NOW - Date.parse(running.started_at)) / 1000);
  return {
    ...idle,
    mode: "focus",
    next_change: { at: running.deadline, mode: "open" },
    block: running,
    today: {
      ...idle.today,
      focus_secs: idle.today.focus_secs + runSecs,
      blocks: [running, ...earlier],
    },
  };
}

/** A profile the app has just made: Open all day (nothing held by the clock) until the first run is finished. */
export function firstRunStatus(): Status {
  return { ...idleStatus(), first_run: true };
}
