/**
 * How the window turns instants into the numbers it shows.
 *
 * Every function takes `nowMs` as an argument instead of reading the clock, so the countdown and
 * the progress bar can be tested at any instant; the one place that reads the clock is the ticker.
 * The countdown rounds up: a block with 24 min 59.2 s left shows 25:00, and 00:00 appears only
 * when the deadline has passed.
 */

import type { FocusBlock } from "../bindings/FocusBlock";
import { t } from "./i18n";

/** Short weekday names by `Date.getDay()`, Sunday first, from the catalogue. */
export const WEEKDAYS: readonly string[] = (["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const).map((d) =>
  t(`calendar.weekday.short.${d}`),
);

/** Whole seconds until `deadlineMs`, rounded up, never negative. */
export function remainingSecs(deadlineMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
}

/** `mm:ss`, or `h:mm:ss` from one hour up. */
export function formatCountdown(totalSecs: number): string {
  const secs = Math.max(0, Math.floor(totalSecs));
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${pad2(m)}:${pad2(s)}`;
}

/**
 * Milliseconds until the rounded-up countdown to `deadlineMs` next changes, so a timer set for
 * this long lands just after the displayed second flips instead of drifting against it.
 */
export function msUntilNextSecond(deadlineMs: number, nowMs: number): number {
  const rest = (deadlineMs - nowMs) % 1000;
  return rest > 0 ? rest : 1000;
}

/** Share of the planned length (extensions included) already spent, from 0 to 1. */
export function elapsedFraction(block: FocusBlock, nowMs: number): number {
  if (block.planned_secs <= 0) return 1;
  const elapsed = (nowMs - Date.parse(block.started_at)) / 1000;
  return Math.min(1, Math.max(0, elapsed / block.planned_secs));
}

/** Minutes left as a person reads them: rounded up, and never 0 while the block runs (as the tray). */
export function minutesLeft(deadlineMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil(remainingSecs(deadlineMs, nowMs) / 60));
}

/** `HH:MM` in the local time zone. */
export function formatClockTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "--:--";
  return `${pad2(at.getHours())}:${pad2(at.getMinutes())}`;
}

/**
 * "17:30" today, "Thu 09:00" on another day, in the local time zone. The weekday is English, as
 * every other word in the window and the tray's `%a`, whatever the machine's locale. For an
 * instant that may be more than a week away (a message's arrival, a due date), use the date
 * ladder, `formatTimestamp` in `dates.ts`, which adds Yesterday, Tomorrow and the date.
 */
export function formatWhen(iso: string, nowMs: number): string {
  const at = new Date(iso);
  const now = new Date(nowMs);
  if (Number.isNaN(at.getTime())) return formatClockTime(iso);
  const sameDay =
    at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  const clock = formatClockTime(iso);
  return sameDay ? clock : t("calendar.ladder.weekday", { weekday: WEEKDAYS[at.getDay()] ?? "", clock });
}

/** Minutes a person would say they spent: rounded down, so a 24 m 50 s block is "24 min". */
export function wholeMinutes(secs: number): number {
  return Math.max(0, Math.floor(secs / 60));
}

function pad2(n: number): string {
  return n.toString().padStart(2, "0");
}
