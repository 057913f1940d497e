/**
 * One way to write an instant, everywhere in the window: the date ladder.
 *
 * The nearer an instant, the less it needs: "14:33" today, "Yesterday 14:33", "Mon 14:33" within
 * the last six days, "12 Nov" earlier this year, "12 Nov 2025" in another year. The future mirrors
 * it ("Tomorrow 09:00", "Thu 09:00"), so a pin's due date or a snooze reads the same way. Days are
 * counted between the local calendar dates, never from elapsed hours, so a minute past midnight is
 * already "Yesterday" and a 23- or 25-hour day (a DST change) lands on the right rung. A 24-hour
 * clock and English names whatever the machine's locale, as every other word in the window and the
 * tray's `%a`. Pure: `nowMs` is passed in, the clock is never read here.
 */

import { t } from "./i18n";
import { WEEKDAYS } from "./time";

const MONTH_KEYS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] as const;

/** Short month names by `Date.getMonth()`, from the catalogue. */
export const MONTHS: readonly string[] = MONTH_KEYS.map((m) => t(`calendar.month.short.${m}`));

/** An ISO 8601 instant as the engine sends it, epoch milliseconds, or a `Date`. */
export type Instant = string | number | Date;

/** What is shown for an instant that cannot be read. */
export const UNKNOWN_INSTANT = t("common.unknown");

/** Local calendar days from `from`'s date to `to`'s: 1 when `to` is the next day, whatever the hours. */
export function calendarDaysBetween(from: Date, to: Date): number {
  const day = (d: Date): number => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((day(to) - day(from)) / 86_400_000);
}

/** The instant on the ladder, seen from `nowMs`, in the local time zone. */
export function formatTimestamp(at: Instant, nowMs: number): string {
  const date = toDate(at);
  if (date === null) return UNKNOWN_INSTANT;
  const now = new Date(nowMs);
  const ago = calendarDaysBetween(date, now);
  const clock = clockOf(date);
  if (ago === 0) return clock;
  if (ago === 1) return t("calendar.ladder.yesterday", { clock });
  if (ago === -1) return t("calendar.ladder.tomorrow", { clock });
  const weekday = WEEKDAYS[date.getDay()] ?? "";
  if (Math.abs(ago) <= 6) return t("calendar.ladder.weekday", { weekday, clock });
  const day = date.getDate();
  const month = MONTHS[date.getMonth()] ?? "";
  return date.getFullYear() === now.getFullYear()
    ? t("calendar.ladder.dayMonth", { day, month })
    : t("calendar.ladder.dayMonthYear", { day, month, year: date.getFullYear() });
}

/** The whole instant, for a tooltip or a detail line: "Tue 12 Nov 2025 14:33". */
export function formatFullTimestamp(at: Instant): string {
  const date = toDate(at);
  if (date === null) return UNKNOWN_INSTANT;
  return t("calendar.ladder.full", {
    weekday: WEEKDAYS[date.getDay()] ?? "",
    day: date.getDate(),
    month: MONTHS[date.getMonth()] ?? "",
    year: date.getFullYear(),
    clock: clockOf(date),
  });
}

function toDate(at: Instant): Date | null {
  const date = at instanceof Date ? new Date(at.getTime()) : new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
}

function clockOf(date: Date): string {
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

function pad2(n: number): string {
  return n.toString().padStart(2, "0");
}
