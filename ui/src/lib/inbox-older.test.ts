import { describe, expect, it } from "vitest";
import { NOW } from "../test-support/status";
import { olderChoices } from "./inbox-older";

describe("done everything older than", () => {
  it("offers today and a week, counted on the local calendar", () => {
    const [today, week] = olderChoices(NOW);
    expect(today?.before, "midnight that began today").toBe(new Date(2025, 2, 4).toISOString());
    expect(week?.before, "the same time a week ago").toBe(new Date(2025, 1, 25, 10, 0).toISOString());
    expect(today?.scope).toBe("older than today");
    expect(week?.hint).toBe("everything received before Tue 25 Feb 2025 10:00");
  });

  it("keeps a week to seven calendar days across a change of the clocks", () => {
    // Europe's clocks go forward on 30 March 2025, in between: seven days there, not 168 hours.
    const [, week] = olderChoices(new Date(2025, 3, 2, 9, 30).getTime());
    expect(week?.before).toBe(new Date(2025, 2, 26, 9, 30).toISOString());
  });
});
