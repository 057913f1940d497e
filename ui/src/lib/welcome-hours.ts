/**
 * The welcome guide's work day: the same hours on each chosen weekday, with an optional break,
 * read from the settings' `Week` and written back into it.
 *
 * The settings allow any windows on any weekday; the guide offers only what most people have
 * (a start, an end, perhaps lunch). A week it cannot show that way (shorter Fridays, three
 * windows a day) is kept as it is unless the user chooses to replace it, so running the guide
 * again never flattens hours set up in Settings.
 */

import type { Week } from "../bindings/Week";
import type { Window } from "../bindings/Window";
import { t } from "./i18n";
import { parseTime } from "./settings-check";
import { WEEKDAYS, type WeekdayKey } from "./settings-fields";

export type WorkDay = {
  days: WeekdayKey[];
  start: string;
  end: string;
  /** Whether the day has a break; its times are kept while it is off, for turning it back on. */
  pause: boolean;
  pauseStart: string;
  pauseEnd: string;
};

/** The input a problem belongs beside. */
export type WorkDayField = "days" | "start" | "end" | "pause";

const sameWindows = (a: Window[], b: Window[]): boolean =>
  a.length === b.length && a.every((w, i) => w.start === b[i]?.start && w.end === b[i]?.end);

const workingDays = (week: Week): WeekdayKey[] => WEEKDAYS.filter((d) => week[d.key].length > 0).map((d) => d.key);

/**
 * The week as one work day, taken from its first working weekday. `exact` says whether writing
 * it back gives the same week: every working day alike, with one window or two.
 */
export function workDayOf(week: Week): { day: WorkDay; exact: boolean } {
  const days = workingDays(week);
  const first = days[0] === undefined ? [] : week[days[0]];
  const exact = first.length <= 2 && days.every((key) => sameWindows(week[key], first));
  const [morning, afternoon] = [first[0], first.at(-1)];
  const day: WorkDay = {
    days,
    start: morning?.start ?? "09:00",
    end: afternoon?.end ?? "17:30",
    pause: first.length >= 2,
    pauseStart: first.length >= 2 ? (morning?.end ?? "12:00") : "12:00",
    pauseEnd: first.length >= 2 ? (first[1]?.start ?? "13:00") : "13:00",
  };
  return { day, exact };
}

/** The windows of one working day. */
export function windowsOf(day: WorkDay): Window[] {
  const [start, end] = [day.start.trim(), day.end.trim()];
  if (!day.pause) return [{ start, end }];
  return [
    { start, end: day.pauseStart.trim() },
    { start: day.pauseEnd.trim(), end },
  ];
}

/** `week` with the work day on its chosen weekdays and every other weekday off. */
export function weekOf(day: WorkDay): Week {
  const windows = windowsOf(day);
  const week = {} as Week;
  for (const { key } of WEEKDAYS) week[key] = day.days.includes(key) ? windows.map((w) => ({ ...w })) : [];
  return week;
}

/** The first thing wrong with the day, beside the input it concerns; null when it can be saved. */
export function checkWorkDay(day: WorkDay): { field: WorkDayField; message: string } | null {
  if (day.days.length === 0) return { field: "days", message: t("welcome.hours.check.days") };
  const start = parseTime(day.start.trim());
  if (start === null) return { field: "start", message: t("welcome.hours.check.start") };
  const end = parseTime(day.end.trim(), true);
  if (end === null) return { field: "end", message: t("welcome.hours.check.end") };
  if (end <= start) return { field: "end", message: t("welcome.hours.check.backwards", { end: day.end.trim() }) };
  if (!day.pause) return null;
  const pauseStart = parseTime(day.pauseStart.trim());
  const pauseEnd = parseTime(day.pauseEnd.trim());
  if (pauseStart === null || pauseEnd === null) {
    return { field: "pause", message: t("welcome.hours.check.pause") };
  }
  if (pauseEnd <= pauseStart) return { field: "pause", message: t("welcome.hours.check.pauseBackwards") };
  if (pauseStart <= start || pauseEnd >= end) {
    return {
      field: "pause",
      message: t("welcome.hours.check.pauseOutside", { start: day.start.trim(), end: day.end.trim() }),
    };
  }
  return null;
}

/**
 * The week in a few words: "Mon–Fri 09:00–12:00, 13:00–17:30", weekdays with the same windows
 * together ("Mon–Thu, Sat 09:00–17:00; Fri 09:00–13:00"); "no work hours" for none.
 */
export function describeWeek(week: Week): string {
  const groups: { windows: Window[]; runs: string[][] }[] = [];
  let previous: (typeof groups)[number] | null = null;
  for (const { key, short } of WEEKDAYS) {
    const windows = week[key];
    if (windows.length === 0) {
      previous = null;
      continue;
    }
    let group = groups.find((g) => sameWindows(g.windows, windows));
    if (group === undefined) {
      group = { windows, runs: [] };
      groups.push(group);
    }
    // A weekday joins the run before it when the day before it was in the same group.
    if (previous === group) group.runs.at(-1)?.push(short);
    else group.runs.push([short]);
    previous = group;
  }
  if (groups.length === 0) return t("welcome.week.none");
  return groups
    .map(({ windows, runs }) => {
      const days = runs
        .map((run) =>
          run.length === 1 ? run[0] : t("welcome.week.dayRange", { first: run[0] ?? "", last: run.at(-1) ?? "" }),
        )
        .join(", ");
      return t("welcome.week.group", { days, windows: windows.map((w) => `${w.start}–${w.end}`).join(", ") });
    })
    .join("; ");
}
