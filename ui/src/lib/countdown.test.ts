import { describe, expect, it } from "vitest";
import { blockCountdown, formatMinutes, isFarCountdown, minutesLeftLabel, untilLabel } from "./countdown";

const HOUR = 3600;

describe("blockCountdown", () => {
  it.each([
    [12 * HOUR, "12 h"],
    [2 * HOUR + 30 * 60, "2 h 30 min"],
    [HOUR + 40 * 60, "1 h 40 min"],
    [HOUR + 39 * 60 + 1, "1 h 40 min"],
    [HOUR + 1, "1 h 1 min"],
  ])("writes %i seconds, beyond the last hour, to the minute: %s", (secs, shown) => {
    expect(blockCountdown(secs)).toBe(shown);
    expect(isFarCountdown(secs)).toBe(true);
  });

  it.each([
    [HOUR, "60:00"],
    [HOUR - 1, "59:59"],
    [25 * 60, "25:00"],
    [61, "01:01"],
    [0, "00:00"],
  ])("counts the last hour in minutes and seconds: %i seconds is %s", (secs, shown) => {
    expect(blockCountdown(secs)).toBe(shown);
    expect(isFarCountdown(secs)).toBe(false);
  });

  it("goes from minutes to mm:ss at 60:00, never showing '1 h 0 min'", () => {
    const shown = [HOUR + 61, HOUR + 60, HOUR + 1, HOUR, HOUR - 1].map(blockCountdown);
    expect(shown).toEqual(["1 h 2 min", "1 h 1 min", "1 h 1 min", "60:00", "59:59"]);
    expect(shown.some((s) => s.includes(" 0 min"))).toBe(false);
  });
});

describe("minutesLeftLabel", () => {
  it("rounds up and writes hours as the countdown does", () => {
    expect(minutesLeftLabel(23 * 60)).toBe("23 min");
    expect(minutesLeftLabel(22 * 60 + 1)).toBe("23 min");
    expect(minutesLeftLabel(HOUR + 40 * 60)).toBe("1 h 40 min");
    expect(minutesLeftLabel(2 * HOUR)).toBe("2 h");
  });

  it("never says 0 while the block runs", () => {
    expect(minutesLeftLabel(1)).toBe("1 min");
    expect(minutesLeftLabel(0)).toBe("1 min");
  });
});

describe("untilLabel", () => {
  it("says how long until a change, to the minute", () => {
    expect(untilLabel(90 * 60 + 5)).toBe("in 1 h 31 min");
    expect(untilLabel(12 * 60)).toBe("in 12 min");
    expect(untilLabel(30)).toBe("in 1 min");
    expect(untilLabel(0)).toBe("now");
  });
});

describe("formatMinutes", () => {
  it("writes whole minutes, with hours from sixty up", () => {
    expect(formatMinutes(0)).toBe("0 min");
    expect(formatMinutes(59)).toBe("59 min");
    expect(formatMinutes(60)).toBe("1 h");
    expect(formatMinutes(95)).toBe("1 h 35 min");
  });
});
