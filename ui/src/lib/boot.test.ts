import { afterEach, describe, expect, it } from "vitest";
import { clearBoot, takeBootOverview, takeBootPage, takeBootStatus } from "./boot";
import type { InboxStart } from "../bindings/InboxStart";
import type { Status } from "../bindings/Status";

const key = { source: "api", who: "CI", thread: "", by: "sender" } as const;
const page = { messages: [], next: null };

function start(): InboxStart {
  return {
    overview: {
      groups: [],
      total: 0,
      snoozed: 0,
      pinned: 0,
      done: 0,
      reviewed_at: null,
      missed: { since: "2026-11-25T08:00:00Z", held: 0, by_sender: [], by_source: [], breakthroughs: [] },
    },
    pages: [{ key: { ...key }, limit: 40, page }],
  };
}

describe("boot data handed to a new window", () => {
  afterEach(() => clearBoot());

  it("answers the first request for each piece once, then never again", () => {
    window.__LULL_BOOT__ = { status: { mode: "open" } as unknown as Status, inbox: start() };
    expect(takeBootStatus()?.mode).toBe("open");
    expect(takeBootStatus()).toBeUndefined();
    expect(takeBootOverview()?.total).toBe(0);
    expect(takeBootOverview()).toBeUndefined();
    expect(takeBootPage({ ...key }, null, 40)).toBe(page);
    expect(takeBootPage({ ...key }, null, 40)).toBeUndefined();
  });

  it("gives a page only after its overview, for the same key, size and a first page", () => {
    window.__LULL_BOOT__ = { inbox: start() };
    expect(takeBootPage({ ...key }, null, 40)).toBeUndefined(); // the overview was not read yet
    takeBootOverview();
    expect(takeBootPage({ ...key }, "1:2", 40)).toBeUndefined();
    expect(takeBootPage({ ...key }, null, 80)).toBeUndefined();
    expect(takeBootPage({ ...key, who: "Bob" }, null, 40)).toBeUndefined();
    expect(takeBootPage({ ...key }, null, 40)).toBe(page);
  });

  it("is absent in a window the shell gave nothing", () => {
    expect(takeBootStatus()).toBeUndefined();
    expect(takeBootOverview()).toBeUndefined();
  });
});
