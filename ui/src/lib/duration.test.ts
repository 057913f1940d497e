import { describe, expect, it } from "vitest";
import fixtureText from "../../../tests/fixtures/durations.json?raw";
import { MAX_FOCUS_SECS, parseDuration } from "./duration";

/** The cases the CLI's parser reads too: `secs` null is refused; `window` overrides `secs` here. */
type Case = { input: string; secs: number | null; window?: number | null };
const shared = (JSON.parse(fixtureText) as { cases: Case[] }).cases;

describe("parseDuration", () => {
  it("has the shared cases", () => expect(shared.length).toBeGreaterThan(40));

  it.each(shared)("reads $input as the shared fixture says", ({ input, secs, window }) => {
    const want = window === undefined ? secs : window;
    const parsed = parseDuration(input);
    expect(parsed.ok ? parsed.secs : null, `parsing ${JSON.stringify(input)}`).toBe(want);
  });

  it.each([
    ["90s", 90],
    ["25m", 25 * 60],
    ["25", 25 * 60],
    [" 25 ", 25 * 60],
    ["1h", 3600],
    ["1h30m", 90 * 60],
    ["1h 30m", 90 * 60],
    ["1h30", 90 * 60],
    ["2m30s", 150],
    ["1h0m5s", 3605],
    ["45 min", 45 * 60],
    ["2 hours", 7200],
    ["1H30M", 90 * 60],
    ["1:30", 90 * 60],
    ["0:45", 45 * 60],
    ["12:00", MAX_FOCUS_SECS],
    ["12h", MAX_FOCUS_SECS],
    ["720", MAX_FOCUS_SECS],
  ])("reads %j as %i seconds", (input, secs) => {
    expect(parseDuration(input), `parsing ${JSON.stringify(input)}`).toEqual({ ok: true, secs });
  });

  it.each([
    "abc",
    "25x",
    "1.5h",
    "-5",
    "m",
    "h30",
    "30m1h",
    "1h1h",
    "5 5",
    "30s 2",
    "1:5",
    "1:60",
    "1:30:00",
    "25m!",
    "<b>25</b>",
  ])("rejects %j as not a duration", (input) => {
    const parsed = parseDuration(input);
    expect(parsed.ok, `parsing ${JSON.stringify(input)}`).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/not a duration/);
  });

  it.each(["0", "0m", "0h0m", "0:00", "0s"])("rejects the zero length %j", (input) => {
    const parsed = parseDuration(input);
    expect(parsed.ok, `parsing ${JSON.stringify(input)}`).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/longer than zero/);
  });

  it.each(["12h1s", "12:01", "721", "13h", "99999999999999999999"])("rejects %j as longer than 12 hours", (input) => {
    const parsed = parseDuration(input);
    expect(parsed.ok, `parsing ${JSON.stringify(input)}`).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/at most 12 hours/);
  });

  it("asks for a duration when the field is empty", () => {
    const parsed = parseDuration("   ");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/Enter a duration/);
  });
});
