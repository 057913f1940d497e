import { describe, expect, it } from "vitest";
import { normaliseTime, readTime } from "./time-field";

describe("normaliseTime", () => {
  it.each([
    ["9", "09:00"],
    ["09", "09:00"],
    ["17", "17:00"],
    ["930", "09:30"],
    ["0930", "09:30"],
    ["1730", "17:30"],
    ["9:5", "09:05"],
    ["9:05", "09:05"],
    ["9:", "09:00"],
    ["17.30", "17:30"],
    ["17h30", "17:30"],
    [" 8:15 ", "08:15"],
    ["0", "00:00"],
    ["23:59", "23:59"],
  ])("reads %j as %s", (typed, time) => {
    expect(normaliseTime(typed)).toBe(time);
  });

  it.each(["", "  ", "24", "24:00", "25", "9:75", "960", "12345", "noon", "5pm", "9:30:00", "-1", "9 30"])(
    "does not read %j as a time of day",
    (typed) => {
      expect(normaliseTime(typed)).toBeNull();
    },
  );

  it("reads midnight as 24:00 only at the end of a day", () => {
    expect(normaliseTime("24", true)).toBe("24:00");
    expect(normaliseTime("2400", true)).toBe("24:00");
    expect(normaliseTime("24:00", true)).toBe("24:00");
    expect(normaliseTime("24:30", true), "no later than midnight").toBeNull();
    expect(normaliseTime("24")).toBeNull();
  });

  it("is a fixed point: a time it wrote reads back the same", () => {
    for (const typed of ["9", "930", "17.30", "0:0", "23:5"]) {
      const once = normaliseTime(typed);
      expect(once, typed).not.toBeNull();
      expect(normaliseTime(once ?? ""), typed).toBe(once);
    }
  });
});

describe("readTime", () => {
  it("gives HH:MM where it can, and the text trimmed where it cannot, for the form to point at", () => {
    expect(readTime(" 9 ")).toBe("09:00");
    expect(readTime(" 9:75 ")).toBe("9:75");
    expect(readTime("24", true)).toBe("24:00");
    expect(readTime("")).toBe("");
  });
});
