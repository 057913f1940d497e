import { describe, expect, it } from "vitest";
import { block, iso, minutes, NOW } from "../test-support/status";
import {
  elapsedFraction,
  formatClockTime,
  formatCountdown,
  formatWhen,
  minutesLeft,
  msUntilNextSecond,
  remainingSecs,
  wholeMinutes,
} from "./time";

describe("formatCountdown", () => {
  it.each([
    [0, "00:00"],
    [5, "00:05"],
    [59, "00:59"],
    [60, "01:00"],
    [25 * 60, "25:00"],
    [59 * 60 + 59, "59:59"],
    [3600, "1:00:00"],
    [3600 + 5 * 60 + 7, "1:05:07"],
    [12 * 3600, "12:00:00"],
  ])("shows %i seconds as %s", (secs, shown) => {
    expect(formatCountdown(secs)).toBe(shown);
  });

  it("never shows a negative time", () => {
    expect(formatCountdown(-3)).toBe("00:00");
  });
});

describe("remainingSecs", () => {
  it("rounds up, so the full length shows until a whole second has passed", () => {
    expect(remainingSecs(NOW + 1500_000, NOW)).toBe(1500);
    expect(remainingSecs(NOW + 1499_001, NOW)).toBe(1500);
    expect(remainingSecs(NOW + 1499_000, NOW)).toBe(1499);
  });

  it("is zero at and after the deadline", () => {
    expect(remainingSecs(NOW, NOW)).toBe(0);
    expect(remainingSecs(NOW - 5000, NOW)).toBe(0);
  });
});

describe("msUntilNextSecond", () => {
  it("waits until the rounded-up countdown changes", () => {
    expect(msUntilNextSecond(NOW + 2500, NOW)).toBe(500);
    expect(msUntilNextSecond(NOW + 2000, NOW)).toBe(1000);
    expect(msUntilNextSecond(NOW + 1, NOW)).toBe(1);
  });
});

describe("elapsedFraction", () => {
  it("is the share of the planned length spent, extensions included", () => {
    const b = block({ started_at: iso(NOW - minutes(10)), planned_secs: 40 * 60 });
    expect(elapsedFraction(b, NOW)).toBeCloseTo(0.25);
  });

  it("stays between 0 and 1", () => {
    const b = block({ started_at: iso(NOW), planned_secs: 60 });
    expect(elapsedFraction(b, NOW - 5000)).toBe(0);
    expect(elapsedFraction(b, NOW + minutes(5))).toBe(1);
  });
});

describe("formatClockTime", () => {
  it("shows local hours and minutes with leading zeros", () => {
    expect(formatClockTime(new Date(2025, 0, 2, 9, 5).toISOString())).toBe("09:05");
    expect(formatClockTime(new Date(2025, 0, 2, 23, 59, 59).toISOString())).toBe("23:59");
  });

  it("shows a placeholder for a timestamp it cannot read", () => {
    expect(formatClockTime("yesterday")).toBe("--:--");
  });
});

describe("formatWhen", () => {
  const tuesdayTen = new Date(2025, 2, 4, 10).getTime();

  it("gives the time alone for today, and the weekday before it for another day", () => {
    expect(formatWhen(new Date(2025, 2, 4, 17, 30).toISOString(), tuesdayTen)).toBe("17:30");
    expect(formatWhen(new Date(2025, 2, 4, 0, 0).toISOString(), tuesdayTen), "earlier today").toBe("00:00");
    expect(formatWhen(new Date(2025, 2, 6, 9, 0).toISOString(), tuesdayTen)).toBe("Thu 09:00");
    expect(formatWhen(new Date(2025, 2, 3, 23, 59).toISOString(), tuesdayTen), "yesterday").toBe("Mon 23:59");
  });

  it("shows a placeholder for a timestamp it cannot read", () => {
    expect(formatWhen("soon", tuesdayTen)).toBe("--:--");
  });
});

describe("minutesLeft", () => {
  it("rounds up and never says 0 while the block runs", () => {
    expect(minutesLeft(NOW + minutes(23), NOW)).toBe(23);
    expect(minutesLeft(NOW + minutes(22) + 1, NOW)).toBe(23);
    expect(minutesLeft(NOW + 1000, NOW)).toBe(1);
    expect(minutesLeft(NOW - 1000, NOW), "a deadline just passed, before the engine ends the block").toBe(1);
  });
});

describe("wholeMinutes", () => {
  it("rounds down", () => {
    expect(wholeMinutes(24 * 60 + 59)).toBe(24);
    expect(wholeMinutes(59)).toBe(0);
  });
});
