/**
 * Two figures about habits, from the per-day counts the engine's `stats` already gives: the streak
 * of days in a row with a completed block (the current one and the best), and how often blocks
 * are completed on each weekday.
 *
 * A streak counts days with work hours. A day the schedule has no work on (a weekend, a day off)
 * neither breaks a streak nor is needed for one, so someone who works Monday to Friday keeps their
 * streak over the weekend; a block completed on such a day still adds to it. Without the schedule
 * (the settings could not be read), every day counts. Today is not over: until a block is
 * completed today, the current streak is the one that ended yesterday. The engine counts only the
 * period asked for, so a streak that reaches back to its first day may be longer: `atLeast` says so.
 */

import type { DayStats } from "../bindings/DayStats";
import type { WorkHours } from "../bindings/WorkHours";
import { t } from "./i18n";
import { calendarDay, completionRate } from "./stats";
import { WEEKDAYS } from "./time";

export type Streak = {
  /** Days in the streak (rest days inside it not counted). */
  days: number;
  /** The streak reaches the first day counted, so it may have begun earlier. */
  atLeast: boolean;
};

export type Streaks = { current: Streak; best: Streak };

/** Whether a "YYYY-MM-DD" day is one the schedule has no work on. */
export type RestDay = (date: string) => boolean;

/** No day is a rest day: every day counts. */
export const NO_REST_DAYS: RestDay = () => false;

/** `Week`'s keys by `Date.getDay()`, Sunday first. */
const WEEK_KEYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

/** The schedule's rest days: weekdays without a work window, and the days off. */
export function restDaysOf(hours: WorkHours): RestDay {
  const off = new Set(hours.days_off);
  return (date) => {
    if (off.has(date)) return true;
    const day = calendarDay(date);
    if (day === null) return false;
    return hours.week[WEEK_KEYS[day.getDay()] ?? "monday"].length === 0;
  };
}

/** The current and the best streak over `days` (oldest first, the last one today). */
export function streaks(days: readonly DayStats[], restDay: RestDay = NO_REST_DAYS): Streaks {
  let run = 0;
  let runFromStart = true;
  let best: Streak = { days: 0, atLeast: false };
  days.forEach((day, i) => {
    const today = i === days.length - 1;
    if (day.blocks_completed > 0) {
      run += 1;
    } else if (!restDay(day.date) && !today) {
      run = 0;
      runFromStart = false;
    }
    if (run > best.days) best = { days: run, atLeast: runFromStart };
  });
  return { current: { days: run, atLeast: run > 0 && runFromStart }, best };
}

/** "1 day", "12 days", "52+ days". */
export function formatStreak(streak: Streak): string {
  return t(streak.atLeast ? "stats.streak.atLeast" : "stats.streak.days", { count: streak.days });
}

export type WeekdayRow = {
  /** "Mon". */
  day: string;
  completed: number;
  /** Completed and stopped early: the blocks that ended. */
  ended: number;
  /** From 0 to 1; null when no block ended on this weekday. */
  rate: number | null;
};

/** Completion per weekday, Monday first, summed over every such day in the period. */
export function weekdayCompletion(days: readonly DayStats[]): WeekdayRow[] {
  const sums = WEEKDAYS.map(() => ({ completed: 0, cancelled: 0 }));
  for (const day of days) {
    const date = calendarDay(day.date);
    const sum = date === null ? undefined : sums[date.getDay()];
    if (sum === undefined) continue;
    sum.completed += day.blocks_completed;
    sum.cancelled += day.blocks_cancelled;
  }
  // Weeks start on Monday, as the engine's do; `Date.getDay()` starts on Sunday.
  const mondayFirst = [1, 2, 3, 4, 5, 6, 0];
  return mondayFirst.map((d) => {
    const { completed, cancelled } = sums[d] ?? { completed: 0, cancelled: 0 };
    return {
      day: WEEKDAYS[d] ?? "",
      completed,
      ended: completed + cancelled,
      rate: completionRate(completed, cancelled),
    };
  });
}
