import { describe, expect, it } from "vitest";
import type { Breakthrough } from "../bindings/Breakthrough";
import type { Missed } from "../bindings/Missed";
import { NOW } from "../test-support/status";
import {
  breakthroughTitle,
  breakthroughWhy,
  foldable,
  hasMissed,
  missedCounts,
  missedHeading,
  missedSince,
} from "./missed";

/** An instant on NOW's day (Tuesday 4 March 2025), or `days` later, in the zone the tests run in. */
const at = (hours: number, minutes = 0, days = 0): string => new Date(2025, 2, 4 + days, hours, minutes).toISOString();

const through = (id: number, overrides: Partial<Breakthrough> = {}): Breakthrough => ({
  id,
  from: "Alice",
  title: "Prod is down",
  priority: 5,
  why: "priority 5",
  ...overrides,
});

const missed = (overrides: Partial<Missed> = {}): Missed => ({
  since: at(9, 0),
  held: 0,
  by_sender: [],
  by_source: [],
  breakthroughs: [],
  ...overrides,
});

describe("what you missed, in words", () => {
  it("has nothing to tell when nothing was held and nothing broke through", () => {
    expect(hasMissed(missed()), "empty").toBe(false);
    expect(hasMissed(missed({ held: 1 })), "one held").toBe(true);
    expect(hasMissed(missed({ breakthroughs: [through(1)] })), "one breakthrough").toBe(true);
  });

  it("counts what was held and what broke through, leaving out what is zero", () => {
    expect(missedCounts(missed({ held: 14 }))).toBe("14 held");
    expect(missedCounts(missed({ held: 14, breakthroughs: [through(1), through(2)] }))).toBe(
      "14 held, 2 broke through",
    );
    expect(missedCounts(missed({ breakthroughs: [through(1)] }))).toBe("1 broke through");
  });

  it("says 10+ for the most breakthroughs the engine sends, since there may have been more", () => {
    const ten = Array.from({ length: 10 }, (_, i) => through(i + 1));
    expect(missedCounts(missed({ held: 3, breakthroughs: ten }))).toBe("3 held, 10+ broke through");
    expect(missedCounts(missed({ breakthroughs: ten.slice(0, 9) })), "nine is nine").toBe("9 broke through");
  });

  it("says since when on the date ladder, worded for a sentence", () => {
    expect(missedSince(missed({ since: at(9, 0) }), NOW), "today").toBe("09:00");
    expect(missedSince(missed({ since: at(17, 30, -1) }), NOW), "yesterday, lower case").toBe("yesterday 17:30");
    expect(missedSince(missed({ since: at(8, 15, -3) }), NOW), "three days ago").toBe("Sat 08:15");
  });

  it("makes one heading line of the counts and the time", () => {
    expect(missedHeading(missed({ held: 14 }), NOW)).toBe("While you were away: 14 held since 09:00");
    expect(missedHeading(missed({ held: 3, since: at(17, 30, -1), breakthroughs: [through(1)] }), NOW)).toBe(
      "While you were away: 3 held, 1 broke through since yesterday 17:30",
    );
  });

  it("folds to one line only with more than three breakthroughs", () => {
    const four = [through(1), through(2), through(3), through(4)];
    expect(foldable(missed({ held: 40, breakthroughs: four.slice(0, 3) })), "three").toBe(false);
    expect(foldable(missed({ breakthroughs: four })), "four").toBe(true);
  });

  it("says why a message broke through, or just that it did when the rule was not kept", () => {
    expect(breakthroughWhy(through(1))).toBe("broke through: priority 5");
    expect(breakthroughWhy(through(1, { why: "from Alice and tagged “prod”" }))).toBe(
      "broke through: from Alice and tagged “prod”",
    );
    expect(breakthroughWhy(through(1, { why: null })), "null").toBe("broke through");
    expect(breakthroughWhy(through(1, { why: "  " })), "blank").toBe("broke through");
  });

  it("never leaves a breakthrough without a title", () => {
    expect(breakthroughTitle(through(1, { title: " Deploy failed " }))).toBe("Deploy failed");
    expect(breakthroughTitle(through(1, { title: null }))).toBe("(no title)");
    expect(breakthroughTitle(through(1, { title: "" }))).toBe("(no title)");
  });
});
