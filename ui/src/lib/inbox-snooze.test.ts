import { describe, expect, it } from "vitest";
import { block, idleStatus, NOW, runningStatus } from "../test-support/status";
import { localInputToInstant, localInputValue, snoozeChoices } from "./inbox-snooze";

describe("the snooze menu", () => {
  it("offers the end of the block only while one runs", () => {
    expect(snoozeChoices(idleStatus()).map((c) => c.id)).toEqual(["next_workday", "next_work_window", "time"]);
    expect(snoozeChoices(runningStatus(block())).map((c) => c.id)).toEqual([
      "block_end",
      "next_workday",
      "next_work_window",
      "time",
    ]);
  });

  it("maps each choice to the engine's SnoozeUntil", () => {
    const untils = snoozeChoices(runningStatus(block())).map((c) => c.until);
    expect(untils).toEqual([{ until: "block_end" }, { until: "next_workday" }, { until: "next_work_window" }, null]);
  });

  it("reads a picked local time as an instant in the future only", () => {
    expect(localInputToInstant("2025-03-04T15:30", NOW)).toBe(new Date(2025, 2, 4, 15, 30).toISOString());
    expect(localInputToInstant("2025-03-04T09:00", NOW), "in the past").toBeNull();
    expect(localInputToInstant("2025-02-31T09:00", NOW), "no such day").toBeNull();
    expect(localInputToInstant("", NOW)).toBeNull();
    expect(localInputToInstant("tomorrow", NOW)).toBeNull();
  });

  it("starts the picker at a local time it can read back", () => {
    expect(localInputValue(NOW)).toBe("2025-03-04T10:00");
  });
});
