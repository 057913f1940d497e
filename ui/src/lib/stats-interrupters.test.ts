import { describe, expect, it } from "vitest";
import { interrupter, stats, WEEK_STARTS } from "../test-support/stats";
import { PALETTE_VARIABLES } from "./stats-chart";
import { countsText, interrupterRows, NAME_CHARS, shortName, STRIP_COLOURS, weekTrend } from "./stats-interrupters";

const [, , , , , , lastWeek = "", thisWeek = ""] = WEEK_STARTS;
const week = (held: number, broke_through = 0) => ({ held, broke_through });

describe("interrupterRows", () => {
  it("keeps the engine's order and totals what was held and what broke through", () => {
    const rows = interrupterRows(
      stats({}, {}, [
        interrupter("CI", { [WEEK_STARTS[0] ?? ""]: { held: 30 }, [thisWeek]: { held: 12, broke_through: 3 } }),
        interrupter("Alice", { [lastWeek]: { held: 4 } }, "ntfy"),
      ]),
    );
    expect(rows.map((r) => [r.name, r.held, r.brokeThrough, r.total])).toEqual([
      ["CI", 42, 3, 45],
      ["Alice", 4, 0, 4],
    ]);
    expect(rows[0]?.counts).toBe("42 held, 3 broke through");
    expect(rows[1]?.counts, "no figure of nought").toBe("4 held");
  });

  it("gives each row one bar per week of the period, oldest first, on the period's Mondays", () => {
    const [row] = interrupterRows(stats({}, {}, [interrupter("CI", { [lastWeek]: { held: 2, broke_through: 1 } })]));
    expect(row?.weeks.map((w) => w.start)).toEqual(WEEK_STARTS);
    expect(row?.weeks[6]).toMatchObject({
      held: 2,
      brokeThrough: 1,
      title: "Week of Mon 17 Nov: 2 held, 1 broke through",
    });
    expect(row?.weeks[7]?.title, "a quiet week says so").toBe("Week of Mon 24 Nov: none");
  });

  it("reads a sender's weeks against the period's: missing ones count as none, extra ones are dropped", () => {
    const short = { ...interrupter("CI"), held: 5, weeks: [week(5)] };
    const long = { ...interrupter("Bot"), weeks: [...interrupter("Bot").weeks, week(99)] };
    const [first, second] = interrupterRows(stats({}, {}, [short, long]));
    expect(first?.weeks.map((w) => w.held)).toEqual([5, 0, 0, 0, 0, 0, 0, 0]);
    expect(first?.trend, "no trend from weeks the engine did not send").toBeNull();
    expect(second?.weeks, "one bar per week of the period").toHaveLength(8);
  });

  it("draws every strip to one scale, so bars of equal height stand for as many messages", () => {
    const rows = interrupterRows(
      stats({}, {}, [
        interrupter("CI", { [lastWeek]: { held: 15, broke_through: 5 } }),
        interrupter("Alice", { [thisWeek]: { held: 5 } }),
      ]),
    );
    expect(rows[0]?.weeks[6]).toMatchObject({ heldPct: 75, brokeThroughPct: 25 });
    expect(rows[1]?.weeks[7]?.heldPct, "a quarter of the busiest week of any row").toBe(25);
    expect(rows[1]?.weeks[6]?.heldPct).toBe(0);
  });

  it("names the source in muted text, unless the name already is the source", () => {
    const rows = interrupterRows(
      stats({}, {}, [
        interrupter("Slack", { [thisWeek]: { held: 3 } }, "desktop"),
        interrupter("desktop", { [thisWeek]: { held: 2 } }, "desktop"),
        interrupter("  ", { [thisWeek]: { held: 1 } }, "gotify"),
      ]),
    );
    expect(rows.map((r) => [r.name, r.source])).toEqual([
      ["Slack", "Desktop notification"],
      ["Desktop notification", null],
      ["Gotify", null],
    ]);
  });

  it("keeps two interrupters of one name apart when they come from two sources", () => {
    const rows = interrupterRows(stats({}, {}, [interrupter("CI", {}, "api"), interrupter("CI", {}, "ntfy")]));
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });

  it("sums each row up in one sentence, with the source and the trend", () => {
    const rows = interrupterRows(
      stats({}, {}, [
        interrupter("CI", { [lastWeek]: { held: 2 }, [thisWeek]: { held: 4, broke_through: 1 } }),
        interrupter("desktop", { [WEEK_STARTS[0] ?? ""]: { held: 7 } }, "desktop"),
      ]),
    );
    expect(rows[0]?.summary).toBe("CI, Lull's HTTP API: 6 held, 1 broke through. 5 this week, up from 2.");
    expect(rows[1]?.summary, "nothing lately: no trend").toBe("Desktop notification: 7 held.");
    expect(rows[0]?.detail, "the same for the eye").toBe("6 held, 1 broke through · 5 this week, up from 2");
    expect(rows[1]?.detail).toBe("7 held");
  });

  it("has nobody to show when nobody interrupted", () => {
    expect(interrupterRows(stats())).toEqual([]);
  });
});

describe("weekTrend", () => {
  it("says up from last week's figure when this week already has more", () => {
    expect(weekTrend([week(9), week(10, 2), week(20, 1)])).toEqual({
      direction: "up",
      thisWeek: 21,
      lastWeek: 12,
      text: "21 this week, up from 12",
    });
  });

  it("says down only as far as this week has gone: the week is not over", () => {
    expect(weekTrend([week(30), week(3)])?.text).toBe("3 so far this week, down from 30");
    expect(weekTrend([week(30), week(0)])?.text).toBe("none so far this week, down from 30");
    expect(weekTrend([week(4), week(3, 1)])).toMatchObject({
      direction: "same",
      text: "4 so far this week, as many as last week",
    });
  });

  it("does not call a rise from nothing a rise from 0", () => {
    expect(weekTrend([week(0), week(5)])?.text).toBe("5 this week, none last week");
  });

  it("has nothing to say with fewer than two weeks, or with neither week having any", () => {
    expect(weekTrend([])).toBeNull();
    expect(weekTrend([week(8)])).toBeNull();
    expect(weekTrend([week(8), week(0), week(0)]), "an old burst is no trend").toBeNull();
  });
});

describe("names", () => {
  it("stay as they are when short", () => {
    expect(shortName("Build bot")).toBe("Build bot");
  });

  it("are cut to the longest a row shows, ending in an ellipsis", () => {
    const cut = shortName("x".repeat(500));
    expect(Array.from(cut)).toHaveLength(NAME_CHARS);
    expect(cut.endsWith("x…")).toBe(true);
  });

  it("are cut between characters, never through an emoji", () => {
    expect(shortName("🔔".repeat(10), 4)).toBe("🔔🔔🔔…");
  });

  it("keep to one line", () => {
    expect(shortName("  CI\n\tnightly  ")).toBe("CI nightly");
  });

  it("keep their full text for the tooltip", () => {
    const long = `Alice ${"a".repeat(200)}`;
    const [row] = interrupterRows(stats({}, {}, [interrupter(long)]));
    expect(row?.fullName).toBe(long);
    expect(row?.summary.startsWith(`${row?.name ?? ""}, `), "the summary reads the short name").toBe(true);
  });
});

describe("countsText", () => {
  it("leaves out a figure of nought, and says none for a week without any", () => {
    expect(countsText(42, 3)).toBe("42 held, 3 broke through");
    expect(countsText(0, 3)).toBe("3 broke through");
    expect(countsText(0, 0)).toBe("none");
  });
});

describe("the strips' colours", () => {
  it("are the messages chart's held and broke-through variables, which each theme sets", () => {
    expect(STRIP_COLOURS.held).toBe(`var(--chart-held, ${PALETTE_VARIABLES.held[1]})`);
    expect(STRIP_COLOURS.brokeThrough).toBe(`var(--chart-broke-through, ${PALETTE_VARIABLES.brokeThrough[1]})`);
  });
});
