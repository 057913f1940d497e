import { describe, expect, it } from "vitest";
import type { Status } from "../bindings/Status";
import { block, firstRunStatus, idleStatus, iso, minutes, NOW, runningStatus } from "../test-support/status";
import { messagesLine, modeHeader, type ModeHeader } from "./mode";

/** An instant in local time in the week of NOW (Tuesday 4 March 2025, 10:00), in whatever zone the tests run. */
const local = (day: number, hour: number, minute = 0): string => new Date(2025, 2, day, hour, minute).toISOString();
const TUESDAY = 4;
const THURSDAY = 6;

const line = (header: ModeHeader): string => header.head + header.tail;

function quiet(overrides: Partial<Status> = {}): Status {
  return { ...idleStatus(), mode: "quiet", next_change: { at: local(THURSDAY, 9), mode: "open" }, ...overrides };
}

function open(overrides: Partial<Status> = {}): Status {
  return { ...idleStatus(), next_change: { at: local(TUESDAY, 17, 30), mode: "quiet" }, ...overrides };
}

describe("the header while a block runs", () => {
  it("says Focusing on the intent and the minutes left", () => {
    const header = modeHeader(runningStatus(block({ deadline: iso(NOW + minutes(23)) })), NOW);
    expect(header).toEqual({ mode: "focus", head: "Focusing on Draft the Q3 report", tail: " · 23 min left" });
  });

  it("says Focusing alone when the block has no intent", () => {
    const status = runningStatus(block({ intent: null, deadline: iso(NOW + minutes(23)) }));
    expect(line(modeHeader(status, NOW))).toBe("Focusing · 23 min left");
    const blank = runningStatus(block({ intent: "   ", deadline: iso(NOW + minutes(23)) }));
    expect(line(modeHeader(blank, NOW)), "an intent of spaces is no intent").toBe("Focusing · 23 min left");
  });

  it.each([
    ["23 min exactly", minutes(23), 23],
    ["a second over 22 min", minutes(22) + 1000, 23],
    ["a millisecond over 22 min", minutes(22) + 1, 23],
    ["one second", 1000, 1],
    ["none, the deadline just passed", -5000, 1],
  ])("rounds the minutes up and never shows 0 while it runs (%s left)", (_, leftMs, shown) => {
    const status = runningStatus(block({ intent: null, deadline: iso(NOW + leftMs) }));
    expect(modeHeader(status, NOW).tail).toBe(` · ${shown} min left`);
  });

  it("keeps the minutes and the held count out of what an ellipsis may cut", () => {
    const intent = "Write the long overdue migration guide for every customer on the old plan";
    const status = { ...runningStatus(block({ intent, deadline: iso(NOW + minutes(23)) })), held: 3 };
    expect(modeHeader(status, NOW)).toEqual({
      mode: "focus",
      head: `Focusing on ${intent}`,
      tail: " · 23 min left · 3 held",
    });
  });

  it("says Focusing even in the first run, as the block holds messages", () => {
    const status = { ...runningStatus(block({ deadline: iso(NOW + minutes(25)) })), first_run: true };
    expect(status.first_run, "the fixture is still in its first run").toBe(true);
    expect(modeHeader(status, NOW).mode).toBe("focus");
    expect(line(modeHeader(status, NOW))).toBe("Focusing on Draft the Q3 report · 25 min left");
  });
});

describe("the header while Open", () => {
  it("says until when, in local time", () => {
    expect(modeHeader(open(), NOW)).toEqual({ mode: "open", head: "Open until 17:30", tail: "" });
  });

  it("says Working late while the user works late", () => {
    const late = open({ working_late_until: local(TUESDAY, 19, 30), next_change: null });
    expect(line(modeHeader(late, NOW)), "the override's end when no change is ahead").toBe("Working late until 19:30");
    const scheduled = open({
      working_late_until: local(TUESDAY, 19, 30),
      next_change: { at: local(TUESDAY, 19, 30), mode: "quiet" },
    });
    expect(line(modeHeader(scheduled, NOW))).toBe("Working late until 19:30");
  });

  it("says Open alone when no change is ahead", () => {
    expect(modeHeader(idleStatus(), NOW)).toEqual({ mode: "open", head: "Open", tail: "" });
  });

  it("names the weekday of a change on another day", () => {
    const status = open({ next_change: { at: local(THURSDAY, 9), mode: "quiet" } });
    expect(line(modeHeader(status, NOW))).toBe("Open until Thu 09:00");
  });
});

describe("the header while Quiet", () => {
  it("names the weekday when the change is not today", () => {
    expect(modeHeader(quiet(), NOW)).toEqual({ mode: "quiet", head: "Quiet until Thu 09:00", tail: "" });
  });

  it("gives the time alone when the change is today", () => {
    const status = quiet({ next_change: { at: local(TUESDAY, 13), mode: "open" } });
    expect(line(modeHeader(status, NOW))).toBe("Quiet until 13:00");
  });

  it("counts a change just after midnight as tomorrow's", () => {
    const lateEvening = new Date(2025, 2, TUESDAY, 23, 50).getTime();
    const status = quiet({ next_change: { at: local(TUESDAY + 1, 0, 10), mode: "open" } });
    expect(line(modeHeader(status, lateEvening))).toBe("Quiet until Wed 00:10");
  });

  it("says Done for today once the user is done for today", () => {
    const done = quiet({ done_for_today_until: local(THURSDAY, 9) });
    expect(line(modeHeader(done, NOW))).toBe("Done for today until Thu 09:00");
    const beyond = quiet({ done_for_today_until: local(THURSDAY, 9), next_change: null });
    expect(line(modeHeader(beyond, NOW)), "the override's end when no change is ahead").toBe(
      "Done for today until Thu 09:00",
    );
  });

  it("says Quiet alone when no change is ahead", () => {
    expect(line(modeHeader(quiet({ next_change: null }), NOW))).toBe("Quiet");
  });
});

describe("the header's held count", () => {
  it.each([
    [0, "Quiet until Thu 09:00"],
    [1, "Quiet until Thu 09:00 · 1 held"],
    [3, "Quiet until Thu 09:00 · 3 held"],
  ])("with %i held says %j", (held, shown) => {
    expect(line(modeHeader(quiet({ held }), NOW))).toBe(shown);
  });

  it("follows the time, never inside what may be cut short", () => {
    expect(modeHeader(open({ held: 2 }), NOW)).toEqual({ mode: "open", head: "Open until 17:30", tail: " · 2 held" });
  });
});

describe("the header before the engine answers and in the first run", () => {
  it("says Connecting… until there is a status", () => {
    expect(modeHeader(null, NOW)).toEqual({ mode: "connecting", head: "Connecting…", tail: "" });
  });

  it("says Lull holds nothing yet in the first run, whatever the hours and the held count", () => {
    const status = {
      ...firstRunStatus(),
      held: 2,
      next_change: { at: local(TUESDAY, 17, 30), mode: "quiet" as const },
    };
    expect(modeHeader(status, NOW)).toEqual({ mode: "first-run", head: "Not set up yet · holding nothing", tail: "" });
  });
});

describe("messagesLine", () => {
  it("says what happens to a message now, without repeating the header's time or count", () => {
    expect(messagesLine({ ...runningStatus(block()), held: 2 })).toBe("Messages are held until the block ends");
    expect(messagesLine(open({ held: 2 }))).toBe("Messages come through");
    expect(messagesLine(open({ working_late_until: local(TUESDAY, 19, 30) }))).toBe("Messages come through");
    expect(messagesLine(quiet({ held: 2 }))).toBe("Messages are held");
    expect(messagesLine(quiet({ done_for_today_until: local(THURSDAY, 9) }))).toBe("Messages are held");
    expect(messagesLine(firstRunStatus())).toBe("Messages come through until your work hours are set");
  });
});

describe("the header while the user is away", () => {
  const away = (presence: "idle" | "locked" | "asleep", held = 0): Status =>
    quiet({ quiet_reason: "away", away: { presence, since: local(TUESDAY, 9, 48) }, next_change: null, held });

  it("says since when and how, since nobody knows until when", () => {
    expect(modeHeader(away("locked", 2), NOW)).toEqual({
      mode: "quiet",
      head: "Away since 09:48 (screen locked)",
      tail: " · 2 held",
    });
    expect(line(modeHeader(away("idle"), NOW))).toBe("Away since 09:48 (idle)");
    expect(line(modeHeader(away("asleep"), NOW))).toBe("Away since 09:48 (asleep)");
  });

  it("says messages wait for the user's return, and a block still says its own", () => {
    expect(messagesLine(away("locked"))).toBe(
      "Messages are held until you are back; what breaks through a block still does",
    );
    const inBlock = { ...runningStatus(block()), away: { presence: "locked" as const, since: local(TUESDAY, 9, 48) } };
    expect(messagesLine(inBlock)).toBe("Messages are held until the block ends");
  });

  it("away outside work hours is plain Quiet", () => {
    const night = quiet({ quiet_reason: "off_hours", away: { presence: "locked", since: local(TUESDAY, 9, 48) } });
    expect(line(modeHeader(night, NOW))).toBe("Quiet until Thu 09:00");
  });
});

describe("the header while presenting", () => {
  const presenting = (screen: "fullscreen" | "shared", held = 0): Status =>
    quiet({
      quiet_reason: "presenting",
      presenting: { screen, since: local(TUESDAY, 9, 48) },
      next_change: null,
      held,
    });

  it("says since when and how, never what is on the screen", () => {
    expect(modeHeader(presenting("fullscreen", 2), NOW)).toEqual({
      mode: "quiet",
      head: "Presenting since 09:48 (a fullscreen window)",
      tail: " · 2 held",
    });
    expect(line(modeHeader(presenting("shared"), NOW))).toBe("Presenting since 09:48 (screen shared)");
  });

  it("says messages are held and nothing pops up, and a block still says its own", () => {
    expect(messagesLine(presenting("shared"))).toBe("Messages are held while your screen is on show; nothing pops up.");
    const inBlock = {
      ...runningStatus(block()),
      presenting: { screen: "fullscreen" as const, since: local(TUESDAY, 9, 48) },
    };
    expect(messagesLine(inBlock)).toBe("Messages are held until the block ends");
  });

  it("presenting outside work hours is plain Quiet", () => {
    const night = quiet({ quiet_reason: "off_hours", presenting: { screen: "shared", since: local(TUESDAY, 9, 48) } });
    expect(line(modeHeader(night, NOW))).toBe("Quiet until Thu 09:00");
  });
});

describe("the header during a meeting", () => {
  const meeting = (held = 0, end = local(TUESDAY, 15)): Status =>
    quiet({
      quiet_reason: "meeting",
      meeting: { calendar: "work", title: "Budget review", start: local(TUESDAY, 9, 30), end },
      next_change: { at: end, mode: "open" },
      held,
    });

  it("says until when the meeting lasts, never its title", () => {
    expect(modeHeader(meeting(2), NOW)).toEqual({ mode: "quiet", head: "In a meeting until 15:00", tail: " · 2 held" });
    expect(line(modeHeader(meeting(), NOW))).not.toContain("Budget review");
  });

  it("names another day's end with its weekday", () => {
    expect(line(modeHeader(meeting(0, local(THURSDAY, 9)), NOW))).toBe("In a meeting until Thu 09:00");
  });

  it("says messages wait for the meeting's end, and a block still says its own", () => {
    expect(messagesLine(meeting())).toBe("Messages are held until the meeting ends");
    const inBlock = { ...runningStatus(block()), quiet_reason: "meeting" as const };
    expect(messagesLine(inBlock)).toBe("Messages are held until the block ends");
  });

  it("a meeting the engine did not name is plain Quiet", () => {
    expect(line(modeHeader(quiet({ quiet_reason: "meeting", meeting: null }), NOW))).toBe("Quiet until Thu 09:00");
  });
});
