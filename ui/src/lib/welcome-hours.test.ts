import { describe, expect, it } from "vitest";
import type { Week } from "../bindings/Week";
import { defaultSettings } from "../test-support/settings";
import { checkWorkDay, describeWeek, weekOf, workDayOf, type WorkDay } from "./welcome-hours";

const defaultWeek = (): Week => defaultSettings().work_hours.week;

const day = (overrides: Partial<WorkDay> = {}): WorkDay => ({
  days: ["monday", "tuesday", "wednesday", "thursday", "friday"],
  start: "09:00",
  end: "17:30",
  pause: true,
  pauseStart: "12:00",
  pauseEnd: "13:00",
  ...overrides,
});

describe("the welcome guide's work day", () => {
  it("reads the default week as Mon–Fri 09:00–17:30 with a break 12:00–13:00, and writes it back the same", () => {
    const { day: read, exact } = workDayOf(defaultWeek());
    expect(read).toEqual(day());
    expect(exact, "writing it back changes nothing").toBe(true);
    expect(weekOf(read)).toEqual(defaultWeek());
  });

  it("reads one window a day as a day without a break", () => {
    const week = weekOf(day({ pause: false, start: "08:00", end: "16:00" }));
    expect(week.monday).toEqual([{ start: "08:00", end: "16:00" }]);
    const { day: read, exact } = workDayOf(week);
    expect(exact).toBe(true);
    expect(read).toMatchObject({ start: "08:00", end: "16:00", pause: false });
  });

  it("says a week with a shorter Friday cannot be written back as one day", () => {
    const week = defaultWeek();
    week.friday = [{ start: "09:00", end: "13:00" }];
    expect(workDayOf(week).exact).toBe(false);
    expect(describeWeek(week)).toBe("Mon–Thu 09:00–12:00, 13:00–17:30; Fri 09:00–13:00");
  });

  it("describes weekdays with the same hours together, runs joined by commas", () => {
    const week = weekOf(day({ days: ["monday", "tuesday", "thursday", "saturday"], pause: false }));
    expect(describeWeek(week)).toBe("Mon–Tue, Thu, Sat 09:00–17:30");
    expect(describeWeek(weekOf(day({ days: [] })))).toBe("no work hours");
  });

  it("writes only the chosen weekdays, trimmed", () => {
    const week = weekOf(day({ days: ["wednesday"], start: " 10:00", end: "18:00 " }));
    expect(week.wednesday).toEqual([
      { start: "10:00", end: "12:00" },
      { start: "13:00", end: "18:00" },
    ]);
    expect(week.monday).toEqual([]);
    expect(week.sunday).toEqual([]);
  });

  it.each([
    [{ days: [] }, "days", "Choose at least one work day."],
    [{ start: "9:5" }, "start", "Write the start as HH:MM, such as 09:00."],
    [{ end: "25:00" }, "end", "Write the end as HH:MM, such as 17:30."],
    [{ start: "18:00" }, "end", "The day ends (17:30) before it starts."],
    [{ pauseStart: "noon" }, "pause", "Write the break as HH:MM, such as 12:00 to 13:00."],
    [{ pauseStart: "13:00", pauseEnd: "12:00" }, "pause", "The break ends before it starts."],
    [{ pauseEnd: "18:00" }, "pause", "The break must fall within the day, after 09:00 and before 17:30."],
  ] as const)("refuses %j beside the %s input", (overrides, field, message) => {
    expect(checkWorkDay(day(overrides as Partial<WorkDay>))).toEqual({ field, message });
  });

  it("lets a day end at midnight, and ignores the break's times while there is none", () => {
    expect(checkWorkDay(day({ end: "24:00" }))).toBeNull();
    expect(checkWorkDay(day({ pause: false, pauseStart: "", pauseEnd: "" }))).toBeNull();
  });
});
