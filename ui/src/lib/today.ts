/**
 * The "Today" panel as plain data: one row per block and the day's totals.
 *
 * `TodaySummary.focus_secs` is the engine's count at the moment it built the status, the running
 * block included up to then. Between statuses the running block keeps growing, so the window adds
 * what it has run since that status arrived rather than waiting for the next one.
 */

import type { FocusBlock } from "../bindings/FocusBlock";
import type { Outcome } from "../bindings/Outcome";
import type { TodaySummary } from "../bindings/TodaySummary";
import { t } from "./i18n";
import { formatClockTime, wholeMinutes } from "./time";

export type BlockRow = {
  id: number;
  /** `HH:MM–HH:MM`, local time; a running block ends at its deadline. */
  timeRange: string;
  intent: string | null;
  /** For styling: the engine's outcome, or "running". */
  kind: Outcome | "running";
  /** How it ended, in words: "completed", "stopped early", "running". */
  outcome: string;
  minutes: number;
};

export function outcomeLabel(block: FocusBlock): string {
  return t(`focus.today.outcome.${block.outcome ?? "running"}`);
}

/** Seconds spent in the block up to `nowMs` (all of it once ended), never past its deadline. */
export function focusedSecs(block: FocusBlock, nowMs: number): number {
  const end = block.ended_at === null ? nowMs : Date.parse(block.ended_at);
  const spent = Math.min(end, Date.parse(block.deadline)) - Date.parse(block.started_at);
  return Math.max(0, spent / 1000);
}

export function blockRow(block: FocusBlock, nowMs: number): BlockRow {
  return {
    id: block.id,
    timeRange: `${formatClockTime(block.started_at)}–${formatClockTime(block.ended_at ?? block.deadline)}`,
    intent: block.intent,
    kind: block.outcome ?? "running",
    outcome: outcomeLabel(block),
    minutes: wholeMinutes(focusedSecs(block, nowMs)),
  };
}

/**
 * Minutes focused today, live: the engine's count as of `statusAtMs`, plus what the running block
 * has run since. A running block that is not among today's (it began yesterday) adds nothing, as
 * the engine does not count it either.
 */
export function todayFocusMinutes(
  today: TodaySummary,
  running: FocusBlock | null,
  statusAtMs: number,
  nowMs: number,
): number {
  let secs = today.focus_secs;
  if (running !== null && today.blocks.some((block) => block.id === running.id)) {
    secs += Math.max(0, focusedSecs(running, nowMs) - focusedSecs(running, statusAtMs));
  }
  return wholeMinutes(secs);
}
