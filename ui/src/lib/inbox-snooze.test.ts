import { describe, expect, it } from "vitest";
import { block, idleStatus, NOW, runningStatus } from "../test-support/status";
import { choicesAtNow, localAt } from "../test-support/when";
import { localInputToInstant, localInputValue, menuChoices, snoozeChoices } from "./inbox-snooze";

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

  it("lists the engine's choices in its order, named, with when each comes back, and the date picker last", () => {
    const menu = menuChoices(choicesAtNow(localAt(0, 10, 20)));
    expect(menu.map((c) => [c.label, c.at])).toEqual([
      ["End of this block", localAt(0, 10, 20)],
      ["In 1 hour", localAt(0, 11)],
      ["This evening", localAt(0, 18)],
      ["Tomorrow", localAt(1, 9)],
      ["Next week", localAt(6, 9)],
      ["Pick a time…", null],
    ]);
    expect(
      menu.map((c) => c.until),
      "each until as the engine gave it",
    ).toEqual([
      { until: "block_end" },
      { until: "time", at: localAt(0, 11) },
      { until: "time", at: localAt(0, 18) },
      { until: "next_workday" },
      { until: "time", at: localAt(6, 9) },
      null,
    ]);
  });

  it("dates none of the choices it offers without the engine", () => {
    expect(snoozeChoices(runningStatus(block())).map((c) => c.at)).toEqual([null, null, null, null]);
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
