/**
 * Turns the engine's `Stats` into what the stats view shows: one row per day and per week, with
 * the labels a person reads ("Mon 3 Nov") and the figures already in the unit shown.
 *
 * The engine counts; this only reshapes and words. Dates arrive as local calendar days
 * ("YYYY-MM-DD"), so they are read as calendar days too: parsing them with `Date.parse` would read
 * UTC midnight and show the day before to anyone west of Greenwich.
 */

import { DEFAULT_STATS_WEEKS } from "../bindings/limits";
import type { Stats } from "./settings-ipc";
import { MONTHS } from "./dates";
import { t } from "./i18n";
import { wholeMinutes, WEEKDAYS } from "./time";

export { formatMinutes } from "./countdown";

/** How many weeks the view asks the engine for: the engine's default. */
export const STATS_WEEKS = DEFAULT_STATS_WEEKS;

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A "YYYY-MM-DD" calendar day as a local `Date` at midnight, or null when it is not one. */
export function calendarDay(date: string): Date | null {
  const match = CALENDAR_DAY.exec(date);
  if (!match) return null;
  const day = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(day.getTime()) ? null : day;
}

/** "Mon 3 Nov". */
export function dayLabel(date: string): string {
  const day = calendarDay(date);
  if (day === null) return date;
  return t("calendar.ladder.weekdayDayMonth", {
    weekday: WEEKDAYS[day.getDay()] ?? "",
    day: day.getDate(),
    month: MONTHS[day.getMonth()] ?? "",
  });
}

/** "3 Nov": short enough for an axis tick. */
export function shortDayLabel(date: string): string {
  const day = calendarDay(date);
  if (day === null) return date;
  return t("calendar.ladder.dayMonth", { day: day.getDate(), month: MONTHS[day.getMonth()] ?? "" });
}

/** "Week of Mon 3 Nov", for the week that starts on `monday`. */
export function weekLabel(monday: string): string {
  return t("stats.week", { day: dayLabel(monday) });
}

export type DayRow = {
  date: string;
  label: string;
  shortLabel: string;
  /** Whether the day is a Monday, where the chart puts its date ticks. */
  weekStart: boolean;
  minutes: number;
  completed: number;
  cancelled: number;
};

export type WeekRow = {
  start: string;
  label: string;
  shortLabel: string;
  held: number;
  brokeThrough: number;
  delivered: number;
};

export type StatsView = {
  days: DayRow[];
  weeks: WeekRow[];
  totalMinutes: number;
  completed: number;
  cancelled: number;
  /** Completed over ended blocks, from 0 to 1; null when no block ended. */
  completionRate: number | null;
  /** Whether any block ran at all; without one the focus chart has nothing to say. */
  hasFocus: boolean;
  /** Whether any message arrived in the period. */
  hasMessages: boolean;
};

export function statsView(stats: Stats): StatsView {
  const days = stats.days.map((day): DayRow => {
    const date = calendarDay(day.date);
    return {
      date: day.date,
      label: dayLabel(day.date),
      shortLabel: shortDayLabel(day.date),
      weekStart: date?.getDay() === 1,
      minutes: wholeMinutes(day.focus_secs),
      completed: day.blocks_completed,
      cancelled: day.blocks_cancelled,
    };
  });
  const weeks = stats.weeks.map((week): WeekRow => ({
    start: week.start,
    label: weekLabel(week.start),
    shortLabel: shortDayLabel(week.start),
    held: week.held,
    brokeThrough: week.broke_through,
    delivered: week.delivered,
  }));
  const completed = stats.blocks_completed;
  const cancelled = stats.blocks_cancelled;
  return {
    days,
    weeks,
    totalMinutes: days.reduce((sum, day) => sum + day.minutes, 0),
    completed,
    cancelled,
    completionRate: completionRate(completed, cancelled),
    hasFocus:
      completed + cancelled > 0 ||
      stats.days.some((d) => d.focus_secs > 0 || d.blocks_completed + d.blocks_cancelled > 0),
    hasMessages: weeks.some((w) => w.held + w.brokeThrough + w.delivered > 0),
  };
}

/** Completed over completed and cancelled; null when nothing ended (a running block counts for neither). */
export function completionRate(completed: number, cancelled: number): number | null {
  const ended = completed + cancelled;
  return ended > 0 ? completed / ended : null;
}

/** "83 %"-style figure as people write it here: "83%", or "—" when there is nothing to rate. */
export function formatRate(rate: number | null): string {
  return rate === null ? t("common.unknown") : t("stats.rate", { percent: Math.round(rate * 100) });
}
