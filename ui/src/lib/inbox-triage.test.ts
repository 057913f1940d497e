import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_BULK } from "../bindings/limits";
import { fakeInbox, keyOf, message, messagesFrom, type FakeInbox } from "../test-support/inbox";
import { iso, NOW } from "../test-support/status";
import { InboxState } from "./inbox-state.svelte";

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

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
});

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

describe("bulk triage", () => {
  it("marks a whole group of 500 done with one done_all while a page of it is loaded, and undoes all 500", async () => {
    const engine = fakeInbox([...messagesFrom("CI", 500, 1000), ...messagesFrom("Alice", 2, 1)]);
    const { inbox, disconnect } = await connected(engine);
    const ci = inbox.currentGroup();
    expect(ci?.label).toBe("CI");
    const loaded = ci?.messages.length ?? 0;
    expect(loaded, "the group is not fetched whole").toBeLessThan(500);
    const pagesBefore = engine.calls.filter((c) => c.cmd === "inbox_group").length;

    expect(await inbox.triage.doneGroup(ci ?? null)).toBe(true);
    const key = keyOf(engine.messages[0]!);
    expect(engine.commands()).toEqual([{ cmd: "done_all", args: { group: key } }]);
    expect(
      engine.calls.filter((c) => c.cmd === "inbox_group" && c.args["who"] === "CI").length,
      "nothing more of CI is fetched to mark it",
    ).toBeLessThanOrEqual(pagesBefore);
    expect(inbox.triage.notice).toBe("Marked 500 messages from CI done");
    expect(ids(inbox), "Alice's are left").toEqual([2, 1]);

    expect(await inbox.triage.undo()).toBe(true);
    const undone = engine.commands().at(-1);
    expect(undone?.cmd).toBe("undone");
    expect((undone?.args["ids"] as number[]).length, "every message marked, loaded or not").toBe(500);
    expect(inbox.total).toBe(502);
    disconnect();
  });

  it("marks everything received before an instant done, and undoes it", async () => {
    const engine = fakeInbox([
      message({ id: 1, received_at: iso(NOW - 2 * 86_400_000) }),
      message({ id: 2, received_at: iso(NOW - 60_000) }),
    ]);
    const { inbox, disconnect } = await connected(engine);
    const before = iso(NOW - 86_400_000);
    expect(await inbox.triage.doneBefore(before, "older than today")).toBe(true);
    expect(engine.commands()).toEqual([{ cmd: "done_all", args: { before } }]);
    expect(inbox.triage.notice).toBe("Marked 1 message older than today done");
    expect(ids(inbox)).toEqual([2]);
    await inbox.triage.undo();
    expect(engine.commands().at(-1)).toEqual({ cmd: "undone", args: { ids: [1] } });
    disconnect();
  });

  it("says when there was nothing to mark, and leaves nothing to undo", async () => {
    const engine = fakeInbox([message({ id: 1, received_at: iso(NOW) })]);
    const { inbox, disconnect } = await connected(engine);
    expect(await inbox.triage.doneBefore(iso(NOW - 86_400_000), "older than a week")).toBe(false);
    expect(inbox.triage.notice).toBe("Nothing older than a week to mark done");
    expect(inbox.triage.undoLabel).toBeNull();
    expect(inbox.triage.toast?.undoable).toBe(false);
    disconnect();
  });

  it("undoes more than one call takes in calls the engine accepts", async () => {
    const engine = fakeInbox(messagesFrom("CI", 3, 1));
    const marked = Array.from({ length: MAX_BULK + 1 }, (_, i) => i + 1);
    engine.answers["done_all"] = () => marked;
    const { inbox, disconnect } = await connected(engine);
    await inbox.triage.doneGroup(inbox.currentGroup());
    await inbox.triage.undo();
    const undone = engine.commands().filter((c) => c.cmd === "undone");
    expect(undone.map((c) => (c.args["ids"] as number[]).length)).toEqual([MAX_BULK, 1]);
    disconnect();
  });
});

describe("the views' actions", () => {
  it("unsnoozes now, and an undo snoozes it again until the time it had", async () => {
    const until = new Date(2025, 2, 6, 9).toISOString();
    const engine = fakeInbox([message({ id: 1, state: "snoozed", snoozed_until: until })]);
    const { inbox, disconnect } = await connected(engine);
    await inbox.setView("snoozed");
    expect(await inbox.triage.unsnooze()).toBe(true);
    expect(engine.commands()).toEqual([{ cmd: "unsnooze", args: { ids: [1] } }]);
    expect(inbox.layout.messages, "gone from the Snoozed view").toBe(0);
    expect(inbox.counts.inbox).toBe(1);

    await inbox.triage.undo();
    expect(engine.commands().at(-1)).toEqual({ cmd: "snooze", args: { ids: [1], until: "time", at: until } });
    expect(engine.messages[0]?.snoozed_until).toBe(until);
    disconnect();
  });

  it("moves a done message back to the inbox, and an undo marks it done again", async () => {
    const engine = fakeInbox([message({ id: 1, state: "done", done_at: iso(NOW - 1000) })]);
    const { inbox, disconnect } = await connected(engine);
    await inbox.setView("done");
    expect(await inbox.triage.undone()).toBe(true);
    expect(engine.commands()).toEqual([{ cmd: "undone", args: { ids: [1] } }]);
    expect(inbox.triage.notice).toBe("Moved 1 message back to the inbox");
    await inbox.triage.undo();
    expect(engine.commands().at(-1)).toEqual({ cmd: "done", args: { ids: [1] } });
    disconnect();
  });

  it("acts on the detail pane's one message and keeps the rest of the selection", async () => {
    const engine = fakeInbox(messagesFrom("CI", 3, 1));
    const { inbox, disconnect } = await connected(engine);
    inbox.toggleSelected(1);
    inbox.toggleSelected(3);
    const shown = inbox.current!;
    expect(shown.id).toBe(3);
    await inbox.triage.done([shown]);
    expect(engine.commands()).toEqual([{ cmd: "done", args: { ids: [3] } }]);
    expect([...inbox.selected], "what it marked is no longer selected").toEqual([1]);
    disconnect();
  });
});

describe("the undo toast", () => {
  it("follows every action with its words and an undo, a new toast each time, and none once undone", async () => {
    const engine = fakeInbox(messagesFrom("CI", 3, 1));
    const { inbox, disconnect } = await connected(engine);
    await inbox.triage.done();
    const first = inbox.triage.toast;
    expect(first).toMatchObject({ message: "Marked 1 message done", undoable: true });
    await inbox.triage.snooze({ until: "next_workday" });
    expect(inbox.triage.toast).toMatchObject({ message: "Snoozed 1 message", undoable: true });
    expect(inbox.triage.toast?.id).not.toBe(first?.id);

    await inbox.triage.undo();
    expect(inbox.triage.toast).toMatchObject({ message: "Undone: snoozed 1 message", undoable: false });
    inbox.triage.dismissToast();
    expect(inbox.triage.toast).toBeNull();
    disconnect();
  });
});
