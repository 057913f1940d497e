import { describe, expect, it } from "vitest";
import { block, idleStatus, NOW, iso, minutes, runningStatus } from "../test-support/status";
import { formatWhen, modeLine } from "./mode";

describe("modeLine", () => {
  it("says Open with the next change and nothing held", () => {
    const status = { ...idleStatus(), next_change: { at: iso(NOW + minutes(90)), mode: "quiet" as const } };
    expect(modeLine(status, NOW)).toBe(`Open: messages come through until ${formatWhen(iso(NOW + minutes(90)), NOW)}`);
  });

  it("counts what is held and names the overrides", () => {
    const quiet = {
      ...idleStatus(),
      mode: "quiet" as const,
      held: 3,
      done_for_today_until: iso(NOW + minutes(60 * 20)),
    };
    expect(modeLine(quiet, NOW)).toMatch(/^Done for today: messages wait · 3 held$/);
    const late = { ...idleStatus(), working_late_until: iso(NOW + minutes(60)) };
    expect(modeLine(late, NOW)).toMatch(/^Working late: messages come through/);
  });

  it("during a block, messages wait for its end", () => {
    const status = { ...runningStatus(block()), held: 2 };
    expect(modeLine(status, NOW)).toBe("Messages wait for the end of the block · 2 held");
  });
});

describe("formatWhen", () => {
  it("shows the weekday only for another day", () => {
    expect(formatWhen(iso(NOW + minutes(30)), NOW)).not.toMatch(/[A-Za-z]/);
    expect(formatWhen(iso(NOW + minutes(60 * 24)), NOW)).toMatch(/[A-Za-z]/);
  });
});
