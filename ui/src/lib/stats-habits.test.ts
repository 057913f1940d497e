import { describe, expect, it } from "vitest";
import type { DayStats } from "../bindings/DayStats";
import { defaultSettings } from "../test-support/settings";
import { stats } from "../test-support/stats";
import { formatStreak, restDaysOf, streaks, weekdayCompletion } from "./stats-habits";

/** Days from Monday 6 Oct to Wednesday 26 Nov 2025 (today), the given ones with a completed block. */
const completedOn = (...dates: string[]): DayStats[] =>
  stats(Object.fromEntries(dates.map((date) => [date, { blocks_completed: 1, focus_secs: 1500 }]))).days;

/** Monday to Friday, as the engine's default work hours; Christmas off. */
const weekdaysOnly = restDaysOf(defaultSettings().work_hours);

describe("streaks", () => {
  it("count the days in a row with a completed block, now and at best", () => {
    const days = completedOn("2025-10-14", "2025-10-15", "2025-10-16", "2025-11-25", "2025-11-26");
    expect(streaks(days)).toEqual({
      current: { days: 2, atLeast: false },
      best: { days: 3, atLeast: false },
    });
  });

  it("keep the current streak through today until today's block is done", () => {
    const days = completedOn("2025-11-24", "2025-11-25");
    expect(streaks(days).current, "today (the 26th) has no block yet").toEqual({ days: 2, atLeast: false });
  });

  it("break on a day without a completed block", () => {
    const days = completedOn("2025-11-20", "2025-11-21", "2025-11-24", "2025-11-25");
    expect(streaks(days).current.days, "the weekend between breaks it when every day counts").toBe(2);
  });

  it("skip days without work hours, which neither break a streak nor are needed for one", () => {
    // Thu 20, Fri 21, (weekend), Mon 24, Tue 25; today Wednesday 26 not done yet.
    const days = completedOn("2025-11-20", "2025-11-21", "2025-11-24", "2025-11-25");
    expect(streaks(days, weekdaysOnly).current).toEqual({ days: 4, atLeast: false });
  });

  it("count a block completed on a day without work hours", () => {
    const days = completedOn("2025-11-21", "2025-11-22", "2025-11-24", "2025-11-25");
    expect(streaks(days, weekdaysOnly).current.days, "Friday, Saturday, Monday and Tuesday").toBe(4);
  });

  it("treat the days off as days without work", () => {
    const settings = defaultSettings();
    settings.work_hours.days_off = ["2025-11-24"];
    const days = completedOn("2025-11-21", "2025-11-25");
    expect(streaks(days, restDaysOf(settings.work_hours)).current.days, "Monday the 24th was off").toBe(2);
  });

  it("say a streak may be longer when it reaches back to the first day counted", () => {
    const all = stats().days.map((d) => d.date);
    const result = streaks(completedOn(...all));
    expect(result.current).toEqual({ days: all.length, atLeast: true });
    expect(formatStreak(result.current)).toBe(`${all.length}+ days`);
  });

  it("are none when no block was completed", () => {
    expect(streaks(completedOn())).toEqual({ current: { days: 0, atLeast: false }, best: { days: 0, atLeast: false } });
  });
});

describe("formatStreak", () => {
  it("writes one day, or many", () => {
    expect(formatStreak({ days: 0, atLeast: false })).toBe("0 days");
    expect(formatStreak({ days: 1, atLeast: false })).toBe("1 day");
    expect(formatStreak({ days: 12, atLeast: false })).toBe("12 days");
  });
});

describe("weekdayCompletion", () => {
  it("sums completed over ended blocks for each weekday, Monday first", () => {
    const days = stats({
      "2025-11-03": { blocks_completed: 2, blocks_cancelled: 1 }, // Monday
      "2025-11-10": { blocks_completed: 1 }, // Monday
      "2025-11-07": { blocks_cancelled: 2 }, // Friday
      "2025-11-09": { blocks_completed: 1 }, // Sunday
    }).days;
    const rows = weekdayCompletion(days);
    expect(rows.map((r) => r.day)).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(rows[0]).toEqual({ day: "Mon", completed: 3, ended: 4, rate: 0.75 });
    expect(rows[4]).toEqual({ day: "Fri", completed: 0, ended: 2, rate: 0 });
    expect(rows[6]).toEqual({ day: "Sun", completed: 1, ended: 1, rate: 1 });
  });

  it("gives no rate, not zero, to a weekday on which no block ended", () => {
    const rows = weekdayCompletion(stats({ "2025-11-03": { blocks_completed: 1 } }).days);
    expect(rows[1]).toEqual({ day: "Tue", completed: 0, ended: 0, rate: null });
  });
});
