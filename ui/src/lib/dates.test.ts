import { describe, expect, it } from "vitest";
import { calendarDaysBetween, formatFullTimestamp, formatTimestamp, MONTHS, UNKNOWN_INSTANT } from "./dates";

// Every instant is built from local date parts, so the expectations hold in any time zone the suite
// runs under (UTC, Pacific/Kiritimati at UTC+14, America/Adak with its DST changes).
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date => new Date(y, mo, d, h, mi, s);
const ms = (date: Date): number => date.getTime();
const iso = (date: Date): string => date.toISOString();

describe("the date ladder", () => {
  // Tuesday 4 March 2025, 10:00.
  const now = ms(at(2025, 2, 4, 10, 0));

  it("gives the time alone for today, past or later", () => {
    expect(formatTimestamp(iso(at(2025, 2, 4, 9, 59)), now)).toBe("09:59");
    expect(formatTimestamp(iso(at(2025, 2, 4, 0, 0)), now), "the first minute of the day").toBe("00:00");
    expect(formatTimestamp(iso(at(2025, 2, 4, 23, 59, 59)), now), "the last").toBe("23:59");
    expect(formatTimestamp(iso(at(2025, 2, 4, 14, 33)), now), "later today").toBe("14:33");
  });

  it("says Yesterday for the day before, from its first minute to its last", () => {
    expect(formatTimestamp(iso(at(2025, 2, 3, 14, 33)), now)).toBe("Yesterday 14:33");
    expect(formatTimestamp(iso(at(2025, 2, 3, 0, 0)), now)).toBe("Yesterday 00:00");
    expect(formatTimestamp(iso(at(2025, 2, 3, 23, 59, 59)), now)).toBe("Yesterday 23:59");
  });

  it("names the weekday within the last six days, and the date from the seventh", () => {
    expect(formatTimestamp(iso(at(2025, 2, 2, 9, 15)), now), "two days ago").toBe("Sun 09:15");
    expect(formatTimestamp(iso(at(2025, 1, 26, 0, 0)), now), "six days ago, its first minute").toBe("Wed 00:00");
    expect(formatTimestamp(iso(at(2025, 1, 25, 23, 59)), now), "seven days ago: the weekday would be today's").toBe(
      "25 Feb",
    );
  });

  it("gives day and month earlier this year, and the year too for another year", () => {
    expect(formatTimestamp(iso(at(2025, 0, 12, 8, 0)), now)).toBe("12 Jan");
    expect(formatTimestamp(iso(at(2025, 0, 1, 0, 0)), now), "the year's first minute").toBe("1 Jan");
    expect(formatTimestamp(iso(at(2024, 10, 12, 14, 33)), now)).toBe("12 Nov 2024");
    expect(formatTimestamp(iso(at(2024, 11, 31, 23, 59)), now), "the last minute of last year").toBe("31 Dec 2024");
  });

  it("mirrors itself for the future: Tomorrow, then the weekday, then the date", () => {
    expect(formatTimestamp(iso(at(2025, 2, 5, 9, 0)), now)).toBe("Tomorrow 09:00");
    expect(formatTimestamp(iso(at(2025, 2, 6, 9, 0)), now)).toBe("Thu 09:00");
    expect(formatTimestamp(iso(at(2025, 2, 10, 23, 59)), now), "six days ahead").toBe("Mon 23:59");
    expect(formatTimestamp(iso(at(2025, 2, 11, 9, 0)), now), "a week ahead").toBe("11 Mar");
    expect(formatTimestamp(iso(at(2026, 0, 3, 9, 0)), now), "next year").toBe("3 Jan 2026");
  });

  it("turns over at midnight, not after 24 hours", () => {
    const justAfterMidnight = ms(at(2025, 2, 4, 0, 1));
    expect(formatTimestamp(iso(at(2025, 2, 3, 23, 59)), justAfterMidnight), "two minutes ago").toBe("Yesterday 23:59");
    const justBeforeMidnight = ms(at(2025, 2, 4, 23, 59));
    expect(formatTimestamp(iso(at(2025, 2, 4, 0, 0)), justBeforeMidnight), "almost a day ago").toBe("00:00");
    expect(formatTimestamp(iso(at(2025, 2, 2, 23, 59)), justAfterMidnight), "just over a day ago").toBe("Sun 23:59");
  });

  it("crosses the year boundary on the same rungs", () => {
    // Thursday 1 January 2026, 00:00:30.
    const newYear = ms(at(2026, 0, 1, 0, 0, 30));
    expect(formatTimestamp(iso(at(2025, 11, 31, 23, 59)), newYear)).toBe("Yesterday 23:59");
    expect(formatTimestamp(iso(at(2025, 11, 27, 10, 0)), newYear), "five days ago, last year").toBe("Sat 10:00");
    expect(formatTimestamp(iso(at(2025, 11, 25, 10, 0)), newYear), "a week ago, last year").toBe("25 Dec 2025");
    // And seen from the last minute of the old year.
    const newYearsEve = ms(at(2025, 11, 31, 23, 59));
    expect(formatTimestamp(iso(at(2026, 0, 1, 0, 0)), newYearsEve)).toBe("Tomorrow 00:00");
    expect(formatTimestamp(iso(at(2026, 0, 9, 12, 0)), newYearsEve)).toBe("9 Jan 2026");
  });

  it("counts days by the calendar across a DST change (a 23- and a 25-hour day in America/Adak)", () => {
    // 9 March 2025: clocks go forward; 2 November 2025: back. Elsewhere these are ordinary days.
    const springEvening = ms(at(2025, 2, 9, 23, 30));
    expect(formatTimestamp(iso(at(2025, 2, 9, 0, 15)), springEvening)).toBe("00:15");
    expect(formatTimestamp(iso(at(2025, 2, 8, 23, 45)), springEvening)).toBe("Yesterday 23:45");
    expect(formatTimestamp(iso(at(2025, 2, 8, 0, 5)), ms(at(2025, 2, 9, 23, 55)))).toBe("Yesterday 00:05");
    expect(formatTimestamp(iso(at(2025, 2, 8, 23, 45)), ms(at(2025, 2, 10, 0, 30)))).toBe("Sat 23:45");

    const autumnEvening = ms(at(2025, 10, 2, 23, 55));
    expect(formatTimestamp(iso(at(2025, 10, 2, 0, 5)), autumnEvening), "the same long day").toBe("00:05");
    expect(formatTimestamp(iso(at(2025, 10, 1, 23, 59)), ms(at(2025, 10, 2, 0, 0))), "one minute ago").toBe(
      "Yesterday 23:59",
    );
    expect(formatTimestamp(iso(at(2025, 10, 3, 0, 0)), ms(at(2025, 10, 2, 0, 0))), "after the long day").toBe(
      "Tomorrow 00:00",
    );
  });

  it("takes an ISO string, epoch milliseconds or a Date alike", () => {
    const when = at(2025, 2, 3, 14, 33);
    expect(formatTimestamp(ms(when), now)).toBe("Yesterday 14:33");
    expect(formatTimestamp(when, now)).toBe("Yesterday 14:33");
    expect(formatTimestamp(iso(when), now)).toBe("Yesterday 14:33");
  });

  it("uses a 24-hour clock with leading zeros", () => {
    expect(formatTimestamp(iso(at(2025, 2, 4, 7, 5)), now)).toBe("07:05");
    expect(formatTimestamp(iso(at(2025, 2, 3, 19, 0)), now)).toBe("Yesterday 19:00");
  });

  it("shows a placeholder for an instant it cannot read", () => {
    expect(formatTimestamp("soon", now)).toBe(UNKNOWN_INSTANT);
    expect(formatTimestamp(Number.NaN, now)).toBe(UNKNOWN_INSTANT);
  });
});

describe("the full timestamp", () => {
  it("names weekday, day, month, year and time", () => {
    expect(formatFullTimestamp(iso(at(2025, 10, 12, 14, 33)))).toBe("Wed 12 Nov 2025 14:33");
    expect(formatFullTimestamp(at(2026, 0, 1, 0, 0))).toBe("Thu 1 Jan 2026 00:00");
    expect(formatFullTimestamp("never")).toBe(UNKNOWN_INSTANT);
  });
});

describe("calendarDaysBetween", () => {
  it("counts local dates, whatever the hours between them", () => {
    expect(calendarDaysBetween(at(2025, 2, 3, 23, 59), at(2025, 2, 4, 0, 0))).toBe(1);
    expect(calendarDaysBetween(at(2025, 2, 4, 0, 0), at(2025, 2, 4, 23, 59))).toBe(0);
    expect(calendarDaysBetween(at(2025, 2, 8, 12), at(2025, 2, 10, 12)), "across the spring change").toBe(2);
    expect(calendarDaysBetween(at(2025, 10, 1, 12), at(2025, 10, 3, 12)), "across the autumn change").toBe(2);
    expect(calendarDaysBetween(at(2025, 11, 31), at(2026, 0, 1)), "across the new year").toBe(1);
    expect(calendarDaysBetween(at(2025, 2, 5), at(2025, 2, 4)), "backwards").toBe(-1);
  });
});

describe("the month names", () => {
  it("are English and three letters, January first", () => {
    expect(MONTHS).toHaveLength(12);
    expect(MONTHS[0]).toBe("Jan");
    expect(MONTHS[8]).toBe("Sep");
    expect(MONTHS.every((m) => m.length === 3)).toBe(true);
  });
});
