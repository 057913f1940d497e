import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { announceInboxChange, fakeInbox, message, messagesFrom, type FakeInbox } from "../test-support/inbox";
import { NOW } from "../test-support/status";
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

    expect(await inbox.done()).toBe(true);
    expect(engine.commands()).toEqual([{ cmd: "done", args: { ids: [3] } }]);
    expect(ids(inbox)).toEqual([4, 2, 1]);
    expect(inbox.current?.id, "the next message takes the done one's place").toBe(2);
    expect(inbox.notice).toBe("Marked 1 message done");

    expect(await inbox.undo()).toBe(true);
    expect(engine.commands().at(-1)).toEqual({ cmd: "undone", args: { ids: [3] } });
    expect(ids(inbox)).toEqual([4, 3, 2, 1]);
    expect(await inbox.undo(), "nothing left to undo").toBe(false);
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

    await inbox.snooze({ until: "next_work_window" });
    expect(engine.commands()).toEqual([{ cmd: "snooze", args: { ids: [4, 2], until: "next_work_window" } }]);
    expect(inbox.selected.size).toBe(0);
    expect(ids(inbox)).toEqual([3, 1]);
    expect(inbox.snoozed).toBe(2);

    await inbox.undo();
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

    await inbox.pin("2025-03-07T08:00:00.000Z");
    expect(engine.messages[0]?.pin_due).toBe("2025-03-07T08:00:00.000Z");
    await inbox.undo();
    expect(engine.commands().at(-1)).toEqual({ cmd: "pin", args: { ids: [1], due: "2025-03-05T08:00:00.000Z" } });

    await inbox.unpin();
    expect(engine.messages[0]?.pinned).toBe(false);
    await inbox.undo();
    expect(engine.messages[0]?.pinned, "unpin undone").toBe(true);
    disconnect();
  });

  it("undoes a pin back to the due date the engine had, even when the window's copy was out of date", async () => {
    const engine = fakeInbox([message({ id: 1, pinned: true, pin_due: "2025-03-05T08:00:00.000Z" })]);
    const { inbox, disconnect } = await connected(engine);
    // Re-pinned elsewhere (the CLI, another window) with no refresh here yet.
    engine.messages[0]!.pin_due = "2025-03-06T08:00:00.000Z";

    await inbox.pin("2025-03-07T08:00:00.000Z");
    await inbox.undo();
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
    expect(await inbox.done()).toBe(false);
    expect(inbox.error).toEqual({ code: "unknown_message", message: "no message 2" });
    expect(inbox.undoLabel, "nothing to undo").toBeNull();
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
