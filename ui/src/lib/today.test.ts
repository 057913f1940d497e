import { describe, expect, it } from "vitest";
import { block, idleStatus, iso, minutes, NOW, runningStatus } from "../test-support/status";
import { blockRow, todayFocusMinutes } from "./today";

const at = (h: number, m: number): string => iso(new Date(2025, 2, 4, h, m).getTime());

describe("blockRow", () => {
  it("describes a completed block with its local times and minutes", () => {
    const row = blockRow(
      block({ started_at: at(8, 0), deadline: at(8, 25), ended_at: at(8, 25), outcome: "completed" }),
      NOW,
    );
    expect(row).toMatchObject({ timeRange: "08:00–08:25", outcome: "completed", kind: "completed", minutes: 25 });
  });

  it("calls a cancelled block stopped early and counts only the time spent", () => {
    const row = blockRow(
      block({ started_at: at(9, 0), deadline: at(9, 50), ended_at: at(9, 12), outcome: "cancelled" }),
      NOW,
    );
    expect(row).toMatchObject({ timeRange: "09:00–09:12", outcome: "stopped early", kind: "cancelled", minutes: 12 });
  });

  it("shows a running block up to its deadline and counts it up to now", () => {
    const row = blockRow(block({ started_at: at(9, 50), deadline: at(10, 15) }), NOW);
    expect(row).toMatchObject({ timeRange: "09:50–10:15", outcome: "running", kind: "running", minutes: 10 });
  });

  it("keeps a missing intent as none, for the view to word", () => {
    expect(blockRow(block({ intent: null }), NOW).intent).toBeNull();
  });
});

describe("todayFocusMinutes", () => {
  const done = block({ id: 1, started_at: at(8, 0), deadline: at(8, 25), ended_at: at(8, 25), outcome: "completed" });

  it("is the engine's count when nothing runs", () => {
    const { today } = idleStatus([done]);
    expect(todayFocusMinutes(today, null, NOW, NOW + minutes(30))).toBe(25);
  });

  it("adds what the running block has run since the status arrived", () => {
    const running = block({ id: 2, started_at: iso(NOW - minutes(5)), deadline: iso(NOW + minutes(20)) });
    const status = runningStatus(running, [done]);
    expect(todayFocusMinutes(status.today, running, NOW, NOW), "as the engine counted").toBe(30);
    expect(todayFocusMinutes(status.today, running, NOW, NOW + minutes(3)), "three minutes later").toBe(33);
    expect(todayFocusMinutes(status.today, running, NOW, NOW + minutes(60)), "long past the deadline").toBe(50);
  });

  it("adds nothing for a running block the engine does not count as today's", () => {
    const overnight = block({ id: 3, started_at: iso(NOW - minutes(30)), deadline: iso(NOW + minutes(30)) });
    const { today } = idleStatus([done]);
    expect(todayFocusMinutes(today, overnight, NOW, NOW + minutes(10))).toBe(25);
  });
});
