/** Builders for the engine's `Stats`, so each test states only the figures it is about. */

import type { Interrupter } from "../bindings/Interrupter";
import type { InterruptWeek } from "../bindings/InterruptWeek";
import type { DayStats, Stats, WeekStats } from "../lib/settings-ipc";

/** "YYYY-MM-DD" of the local calendar day `offset` days after `start`. */
export function dayAfter(start: string, offset: number): string {
  const [y, m, d] = start.split("-").map(Number);
  const day = new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + offset);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** The Mondays of the eight weeks `stats` covers, oldest first: 6 Oct to 24 Nov 2025. */
export const WEEK_STARTS: readonly string[] = Array.from({ length: 8 }, (_, w) => dayAfter("2025-10-06", w * 7));

/**
 * One interrupter as the engine sends it: a figure for each of the eight weeks (by its Monday, the
 * others none), and the totals summed from them.
 */
export function interrupter(
  who: string,
  weeks: Record<string, Partial<InterruptWeek>> = {},
  source: Interrupter["source"] = "api",
): Interrupter {
  const perWeek = WEEK_STARTS.map((start) => ({ held: 0, broke_through: 0, ...weeks[start] }));
  return {
    who,
    source,
    held: perWeek.reduce((n, w) => n + w.held, 0),
    broke_through: perWeek.reduce((n, w) => n + w.broke_through, 0),
    weeks: perWeek,
  };
}

/**
 * Eight weeks from Monday 6 Oct 2025 to Wednesday 26 Nov 2025, every day present (as the engine
 * sends them), with the given days' figures filled in, and who interrupted (none unless given).
 */
export function stats(
  days: Record<string, Partial<DayStats>> = {},
  weeks: Record<string, Partial<WeekStats>> = {},
  interrupters: Interrupter[] = [],
): Stats {
  const from = "2025-10-06";
  const to = "2025-11-26";
  const dayList: DayStats[] = [];
  for (let i = 0; dayAfter(from, i) <= to; i += 1) {
    const date = dayAfter(from, i);
    dayList.push({ date, focus_secs: 0, blocks_completed: 0, blocks_cancelled: 0, ...days[date] });
  }
  const weekList: WeekStats[] = WEEK_STARTS.map((start) => ({
    start,
    held: 0,
    broke_through: 0,
    delivered: 0,
    ...weeks[start],
  }));
  const blocks_completed = dayList.reduce((n, d) => n + d.blocks_completed, 0);
  const blocks_cancelled = dayList.reduce((n, d) => n + d.blocks_cancelled, 0);
  const ended = blocks_completed + blocks_cancelled;
  return {
    from,
    to,
    days: dayList,
    weeks: weekList,
    interrupters,
    blocks_completed,
    blocks_cancelled,
    completion_rate: ended > 0 ? blocks_completed / ended : null,
  };
}
