import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { announceInboxChange, fakeInbox, message, messagesFrom, type FakeInbox } from "../test-support/inbox";
import { iso, NOW } from "../test-support/status";
import { ROW_HEIGHT } from "./inbox-layout";
import { FIRST_PAGE, InboxState } from "./inbox-state.svelte";

const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

async function connected(engine: FakeInbox): Promise<{ inbox: InboxState; disconnect: () => void }> {
  void engine;
  const inbox = new InboxState();
  const disconnect = inbox.connect();
  await settle();
  return { inbox, disconnect };
}

const ids = (inbox: InboxState): number[] => inbox.sections.flatMap((s) => s.messages.map((m) => m.id));
const groupPages = (engine: FakeInbox) => engine.calls.filter((c) => c.cmd === "inbox_group");

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
});

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

describe("the inbox state", () => {
  it("shows the groups newest first with their counts, and the first page of those in view", async () => {
    const engine = fakeInbox([
      ...messagesFrom("Alice", 3, 100),
      ...messagesFrom("CI", 5, 200),
      ...messagesFrom("Bob", 2, 50),
    ]);
    const { inbox, disconnect } = await connected(engine);

    expect(inbox.sections.map((s) => [s.label, s.count])).toEqual([
      ["CI", 5],
      ["Alice", 3],
      ["Bob", 2],
    ]);
    expect(inbox.total).toBe(10);
    expect(ids(inbox), "every message of the groups in view, newest first").toEqual([
      204, 203, 202, 201, 200, 102, 101, 100, 51, 50,
    ]);
    expect(inbox.current?.id, "the cursor starts on the newest").toBe(204);
    disconnect();
  });

  it("fetches a big group a page at a time, only as far as the user looks", async () => {
    const engine = fakeInbox(messagesFrom("CI", 10_000, 1));
    const { inbox, disconnect } = await connected(engine);

    expect(inbox.layout.messages, "the list has its full length at once").toBe(10_000);
    const loaded = inbox.sections[0]?.messages.length ?? 0;
    expect(loaded, "but only the first screen and a little more is fetched").toBeLessThan(FIRST_PAGE + 200);
    expect(groupPages(engine)[0]?.args["limit"], "the first page is just the first screen").toBe(FIRST_PAGE);

    inbox.show(ROW_HEIGHT * 5000, ROW_HEIGHT * 10);
    await settle();
    const section = inbox.sections[0];
    expect(section?.messages.length, "scrolling half way fetches up to there").toBeGreaterThan(5010);
    expect(section?.messages.length).toBeLessThan(10_000);
    expect(new Set(section?.messages.map((m) => m.id)).size, "with no message twice").toBe(section?.messages.length);
    for (const call of groupPages(engine))
      expect(call.args["limit"], "no page beyond the engine's limit").toBeLessThanOrEqual(500);
    const cursors = groupPages(engine).map((c) => c.args["after"]);
    expect(cursors[0], "the first page starts at the top").toBeNull();
    expect(
      cursors.slice(1).every((c) => typeof c === "string"),
      "later pages pass the cursor back",
    ).toBe(true);
    disconnect();
  });

  it("moves with j and k over groups, not past either end", async () => {
    const engine = fakeInbox([...messagesFrom("A", 2, 10), ...messagesFrom("B", 1, 1)]);
    const { inbox, disconnect } = await connected(engine);

    expect(inbox.current?.id).toBe(11);
    inbox.move(1);
    expect(inbox.current?.id).toBe(10);
    inbox.move(1);
    expect(inbox.current?.id, "across into the next group").toBe(1);
    inbox.move(1);
    expect(inbox.current?.id, "stays on the last").toBe(1);
    inbox.moveTo(-5);
    expect(inbox.current?.id, "and on the first").toBe(11);
    disconnect();
  });

  it("marks the cursor's message done, keeps the cursor in place, and undoes it", async () => {
    const engine = fakeInbox(messagesFrom("CI", 4, 1));
    const { inbox, disconnect } = await connected(engine);
    inbox.move(1);
    expect(inbox.current?.id).toBe(3);

    expect(await inbox.triage.done()).toBe(true);
    expect(engine.commands()).toEqual([{ cmd: "done", args: { ids: [3] } }]);
    expect(ids(inbox)).toEqual([4, 2, 1]);
    expect(inbox.current?.id, "the next message takes the done one's place").toBe(2);
    expect(inbox.triage.notice).toBe("Marked 1 message done");

    expect(await inbox.triage.undo()).toBe(true);
    expect(engine.commands().at(-1)).toEqual({ cmd: "undone", args: { ids: [3] } });
    expect(ids(inbox)).toEqual([4, 3, 2, 1]);
    expect(await inbox.triage.undo(), "nothing left to undo").toBe(false);
    disconnect();
  });

  it("acts on the selection when there is one, then clears it", async () => {
    const engine = fakeInbox(messagesFrom("CI", 4, 1));
    const { inbox, disconnect } = await connected(engine);
    inbox.toggleSelected();
    inbox.move(2);
    inbox.toggleSelected();
    inbox.toggleSelected(3);
    inbox.toggleSelected(3);
    expect([...inbox.selected]).toEqual([4, 2]);

    await inbox.triage.snooze({ until: "next_work_window" });
    expect(engine.commands()).toEqual([{ cmd: "snooze", args: { ids: [4, 2], until: "next_work_window" } }]);
    expect(inbox.selected.size).toBe(0);
    expect(ids(inbox)).toEqual([3, 1]);
    expect(inbox.snoozed).toBe(2);

    await inbox.triage.undo();
    expect(engine.commands().at(-1)).toEqual({ cmd: "unsnooze", args: { ids: [4, 2] } });
    disconnect();
  });

  it("pins with a due date, knows when p should unpin, and undoes back to the old due date", async () => {
    const engine = fakeInbox([
      message({ id: 1, pinned: true, pin_due: "2025-03-05T08:00:00.000Z" }),
      message({ id: 2 }),
    ]);
    const { inbox, disconnect } = await connected(engine);
    expect(inbox.current?.id).toBe(1);
    expect(inbox.targetsPinned()).toBe(true);

    await inbox.triage.pin("2025-03-07T08:00:00.000Z");
    expect(engine.messages[0]?.pin_due).toBe("2025-03-07T08:00:00.000Z");
    await inbox.triage.undo();
    expect(engine.commands().at(-1)).toEqual({ cmd: "pin", args: { ids: [1], due: "2025-03-05T08:00:00.000Z" } });

    await inbox.triage.unpin();
    expect(engine.messages[0]?.pinned).toBe(false);
    await inbox.triage.undo();
    expect(engine.messages[0]?.pinned, "unpin undone").toBe(true);
    disconnect();
  });

  it("undoes a pin back to the due date the engine had, even when the window's copy was out of date", async () => {
    const engine = fakeInbox([message({ id: 1, pinned: true, pin_due: "2025-03-05T08:00:00.000Z" })]);
    const { inbox, disconnect } = await connected(engine);
    // Re-pinned elsewhere (the CLI, another window) with no refresh here yet.
    engine.messages[0]!.pin_due = "2025-03-06T08:00:00.000Z";

    await inbox.triage.pin("2025-03-07T08:00:00.000Z");
    await inbox.triage.undo();
    expect(engine.commands().at(-1), "the engine's answer, not the window's copy").toEqual({
      cmd: "pin",
      args: { ids: [1], due: "2025-03-06T08:00:00.000Z" },
    });
    disconnect();
  });

  it("keeps the cursor on its message when the inbox changes around it", async () => {
    const engine = fakeInbox(messagesFrom("CI", 5, 1));
    const { inbox, disconnect } = await connected(engine);
    inbox.move(2);
    expect(inbox.current?.id).toBe(3);

    engine.messages.push(...messagesFrom("CI", 2, 50), ...messagesFrom("Zed", 1, 90));
    await announceInboxChange();
    await settle();
    expect(inbox.total).toBe(8);
    expect(inbox.current?.id, "new arrivals above do not move the cursor off its message").toBe(3);
    disconnect();
  });

  it("shows search results across states, and comes back to the inbox where it was", async () => {
    const engine = fakeInbox([
      message({ id: 1, sender: "CI", body: "deploy failed" }),
      message({ id: 2, sender: "CI", body: "deploy ok", state: "done" }),
      message({ id: 3, sender: "Alice", body: "lunch?" }),
    ]);
    const { inbox, disconnect } = await connected(engine);
    inbox.move(1);
    const before = inbox.current?.id;

    await inbox.search("deploy");
    expect(engine.calls.find((c) => c.cmd === "search")?.args).toEqual({
      q: "deploy",
      before: null,
      limit: FIRST_PAGE,
    });
    expect(ids(inbox), "done messages are found too").toEqual([2, 1]);
    expect(inbox.sections[0]?.label).toBe("Results for “deploy”");

    inbox.leaveSearch();
    expect(inbox.query).toBeNull();
    expect(inbox.current?.id, "the cursor is back where it was").toBe(before);
    disconnect();
  });

  it("pages search results with the last id seen, as the user nears the end", async () => {
    const engine = fakeInbox(Array.from({ length: 400 }, (_, i) => message({ id: i + 1, body: "needle" })));
    const { inbox, disconnect } = await connected(engine);
    await inbox.search("needle");
    const first = inbox.sections[0]?.messages.length ?? 0;
    expect(inbox.layout.messages, "one placeholder row waits for more").toBe(first + 1);

    inbox.moveTo(first);
    await settle();
    const searches = engine.calls.filter((c) => c.cmd === "search");
    expect(searches[0]?.args["before"]).toBeNull();
    const firstLimit = searches[0]?.args["limit"] as number;
    expect(searches[1]?.args["before"], "the next page starts below the last result").toBe(400 - firstLimit + 1);
    expect(inbox.sections[0]?.messages.length).toBeGreaterThan(first);
    disconnect();
  });

  it("shows the engine's refusal and changes nothing", async () => {
    const engine = fakeInbox(messagesFrom("CI", 2, 1));
    engine.answers["done"] = () => {
      throw { code: "unknown_message", message: "no message 2" };
    };
    const { inbox, disconnect } = await connected(engine);
    expect(await inbox.triage.done()).toBe(false);
    expect(inbox.error).toEqual({ code: "unknown_message", message: "no message 2" });
    expect(inbox.triage.undoLabel, "nothing to undo").toBeNull();
    disconnect();
  });

  it("coalesces a burst of change events into few refreshes", async () => {
    const engine = fakeInbox(messagesFrom("CI", 3, 1));
    const { inbox, disconnect } = await connected(engine);
    const before = engine.calls.filter((c) => c.cmd === "inbox_overview").length;
    await Promise.all([announceInboxChange(), announceInboxChange(), announceInboxChange(), announceInboxChange()]);
    await settle();
    const after = engine.calls.filter((c) => c.cmd === "inbox_overview").length;
    expect(after - before, "one running and one more at most").toBeLessThanOrEqual(2);
    expect(inbox.total).toBe(3);
    disconnect();
  });
});

describe("the inbox's flat views", () => {
  const due = (day: number): string => new Date(2025, 2, day, 9).toISOString();

  it("lists each view in its own order, with every view's count from the overview", async () => {
    const engine = fakeInbox([
      message({ id: 1, pinned: true, pin_due: null }),
      message({ id: 2, pinned: true, pin_due: due(7) }),
      message({ id: 3, pinned: true, pin_due: due(5) }),
      message({ id: 4, state: "snoozed", snoozed_until: due(9) }),
      message({ id: 5, state: "snoozed", snoozed_until: due(6) }),
      message({ id: 6, state: "done", done_at: due(3) }),
      message({ id: 7, state: "done", done_at: due(4) }),
      message({ id: 8 }),
    ]);
    const { inbox, disconnect } = await connected(engine);
    expect(inbox.counts).toEqual({ inbox: 4, pinned: 3, snoozed: 2, done: 2 });

    await inbox.setView("pinned");
    expect(ids(inbox), "due soonest first, then undated").toEqual([3, 2, 1]);
    expect(inbox.sections[0]?.label).toBe("Pinned · due soonest first");
    await inbox.setView("snoozed");
    expect(ids(inbox), "back soonest first").toEqual([5, 4]);
    await inbox.setView("done");
    expect(ids(inbox), "most recently done first").toEqual([7, 6]);
    expect(engine.calls.filter((c) => c.cmd === "inbox").map((c) => c.args["view"])).toEqual([
      "pinned",
      "snoozed",
      "done",
    ]);
    await inbox.setView("inbox");
    expect(ids(inbox), "and back to the grouped inbox").toEqual([1, 2, 3, 8]);
    disconnect();
  });

  it("has a view's whole length at once and pages it with the engine's next as the user looks", async () => {
    const engine = fakeInbox(
      Array.from({ length: 300 }, (_, i) => message({ id: i + 1, state: "done", done_at: iso(NOW - i * 1000) })),
    );
    const { inbox, disconnect } = await connected(engine);
    await inbox.setView("done");
    expect(inbox.layout.messages, "the overview's count").toBe(300);
    const first = engine.calls.filter((c) => c.cmd === "inbox");
    expect(first[0]?.args).toEqual({ view: "done", after: null, limit: FIRST_PAGE, snoozed: false });

    inbox.moveTo(250);
    await settle();
    const pages = engine.calls.filter((c) => c.cmd === "inbox");
    expect(pages.length).toBeGreaterThan(1);
    expect(
      pages.slice(1).every((c) => typeof c.args["after"] === "string"),
      "later pages pass next back",
    ).toBe(true);
    expect(inbox.current?.id).toBe(251);
    disconnect();
  });

  it("leaves search for the view chosen, and drops the selection", async () => {
    const engine = fakeInbox([message({ id: 1, body: "deploy" }), message({ id: 2, pinned: true })]);
    const { inbox, disconnect } = await connected(engine);
    inbox.toggleSelected(1);
    await inbox.search("deploy");
    await inbox.setView("pinned");
    expect(inbox.query).toBeNull();
    expect(inbox.selected.size).toBe(0);
    expect(ids(inbox)).toEqual([2]);
    disconnect();
  });
});

describe("selecting many", () => {
  it("extends the selection from the cursor with Shift+j/k, and shrinks it going back", async () => {
    const engine = fakeInbox(messagesFrom("CI", 6, 1));
    const { inbox, disconnect } = await connected(engine);
    inbox.move(1);
    await inbox.extend(1);
    await inbox.extend(1);
    expect([...inbox.selected].sort(), "from where the cursor was to where it is").toEqual([3, 4, 5]);
    expect(inbox.current?.id).toBe(3);
    await inbox.extend(-1);
    expect([...inbox.selected].sort()).toEqual([4, 5]);

    inbox.moveTo(5);
    await inbox.extend(-1);
    expect([...inbox.selected].sort(), "a new range adds to what was selected").toEqual([1, 2, 4, 5]);
    disconnect();
  });

  it("selects a range over rows not loaded yet once they arrive", async () => {
    const engine = fakeInbox(messagesFrom("CI", 3000, 1));
    const { inbox, disconnect } = await connected(engine);
    const loaded = inbox.sections[0]?.messages.length ?? 0;
    expect(loaded).toBeLessThan(2000);

    await inbox.extendTo(1999);
    expect(inbox.selected.size, "every message from the top to the row clicked").toBe(2000);
    expect(inbox.current?.id).toBe(3000 - 1999);
    disconnect();
  });

  it("selects every loaded message, and says of how many", async () => {
    const engine = fakeInbox(messagesFrom("CI", 10_000, 1));
    const { inbox, disconnect } = await connected(engine);
    const loaded = inbox.sections[0]?.messages.length ?? 0;
    expect(inbox.selectAll()).toBe(loaded);
    expect(inbox.selectedOf).toBe(10_000);
    inbox.toggleSelected();
    expect(inbox.selectedOf, "any other change forgets it").toBeNull();
    disconnect();
  });
});

describe("what is new", () => {
  it("counts from the review the visit began after, not the one it writes on leaving", async () => {
    const engine = fakeInbox(messagesFrom("CI", 2, 1));
    engine.reviewedAt = iso(NOW - 60_000);
    const { inbox, disconnect } = await connected(engine);
    expect(inbox.newSince).toBe(iso(NOW - 60_000));

    engine.reviewedAt = iso(NOW);
    await inbox.refresh();
    expect(inbox.newSince, "still the visit's").toBe(iso(NOW - 60_000));
    await inbox.beginVisit();
    expect(inbox.newSince, "a new visit counts from the last review").toBe(iso(NOW));
    disconnect();
  });
});
