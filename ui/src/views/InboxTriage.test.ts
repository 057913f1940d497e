/**
 * The inbox's views (Pinned, Snoozed, Done) and its bulk triage (ranges, select all, a whole
 * group, everything older than a day), with the undo toast after each, as the window shows them.
 */

import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { AS_USUAL, fakeInbox, keyOf, message, messagesFrom } from "../test-support/inbox";
import {
  cursorId,
  inboxList as list,
  notice,
  press,
  rowIds,
  rows,
  selectedIds,
  showInboxLoaded as shown,
  useInboxTest,
} from "../test-support/inbox-screen";
import { iso, NOW } from "../test-support/status";

async function showView(name: "inbox" | "pinned" | "snoozed" | "done"): Promise<void> {
  await fireEvent.click(screen.getByTestId(`inbox-view-${name}`));
  await waitFor(() => expect(screen.getByTestId(`inbox-view-${name}`).getAttribute("aria-pressed")).toBe("true"));
  await waitFor(() => expect(screen.getByTestId("inbox-summary").textContent).not.toContain("Loading"));
}

useInboxTest();

describe("the inbox's views", () => {
  const day = (d: number, h = 9): string => new Date(2025, 2, d, h).toISOString();

  it("switches between Inbox, Pinned, Snoozed and Done, each with its count", async () => {
    const engine = fakeInbox([
      message({ id: 1 }),
      message({ id: 2, pinned: true, pin_due: day(6) }),
      message({ id: 3, state: "snoozed", snoozed_until: day(5) }),
      message({ id: 4, state: "done", done_at: iso(NOW - 1000) }),
      message({ id: 5, state: "done", done_at: iso(NOW - 2000) }),
    ]);
    await shown(engine);

    const views = screen.getByTestId("inbox-views");
    expect(
      within(views)
        .getAllByRole("button")
        .map((b) => b.textContent?.replace(/\s+/g, " ").trim()),
    ).toEqual(["Inbox2", "Pinned1", "Snoozed1", "Done2"]);
    expect(screen.getByTestId("inbox-view-inbox").getAttribute("aria-pressed")).toBe("true");

    await showView("pinned");
    await waitFor(() => expect(rowIds()).toEqual([2]));
    expect(screen.getByTestId("group-heading").textContent).toContain("Pinned · due soonest first");
    await showView("snoozed");
    await waitFor(() => expect(rowIds()).toEqual([3]));
    await showView("done");
    await waitFor(() => expect(rowIds()).toEqual([4, 5]));
    expect(screen.getByTestId("view-total").textContent).toBe("2");
    expect(document.activeElement, "the keys go to the list").toBe(list());
    expect(engine.calls.filter((c) => c.cmd === "inbox").map((c) => c.args["view"])).toEqual([
      "pinned",
      "snoozed",
      "done",
    ]);
  });

  it("unpins with p and marks done with e in the Pinned view", async () => {
    const engine = fakeInbox([
      message({ id: 1, pinned: true, pin_due: day(5) }),
      message({ id: 2, pinned: true, pin_due: day(6) }),
    ]);
    await shown(engine);
    await showView("pinned");
    await waitFor(() => expect(rowIds()).toEqual([1, 2]));
    expect(screen.getByTestId("action-pin").textContent).toContain("Unpin");

    await press("p");
    await waitFor(() => expect(engine.commands()).toEqual([{ cmd: "unpin", args: { ids: [1] } }]));
    await waitFor(() => expect(rowIds()).toEqual([2]));
    await press("e");
    await waitFor(() => expect(engine.commands().at(-1)).toEqual({ cmd: "done", args: { ids: [2] } }));
    await waitFor(() => expect(screen.getByTestId("view-empty")).not.toBeNull());
  });

  it("unsnoozes early from the Snoozed view, and says when each comes back", async () => {
    const engine = fakeInbox([message({ id: 1, state: "snoozed", snoozed_until: day(5) })]);
    await shown(engine);
    await showView("snoozed");
    await waitFor(() => expect(screen.getByTestId("detail-state").textContent).toBe("Snoozed · back tomorrow 09:00"));

    await fireEvent.click(screen.getByTestId("action-unsnooze"));
    await waitFor(() => expect(engine.commands()).toEqual([{ cmd: "unsnooze", args: { ids: [1] } }]));
    await waitFor(() => expect(screen.getByTestId("inbox-view-inbox").textContent).toContain("1"));
  });

  it("moves a done message back to the inbox from the Done view, with the button or e", async () => {
    const engine = fakeInbox([
      message({ id: 1, state: "done", done_at: iso(NOW - 1000) }),
      message({ id: 2, state: "done", done_at: iso(NOW - 2000) }),
    ]);
    await shown(engine);
    await showView("done");
    await waitFor(() => expect(rowIds()).toEqual([1, 2]));

    await fireEvent.click(screen.getByTestId("action-undone"));
    await waitFor(() => expect(engine.commands()).toEqual([{ cmd: "undone", args: { ids: [1] } }]));
    await waitFor(() => expect(rowIds()).toEqual([2]));
    await press("e");
    await waitFor(() => expect(engine.commands().at(-1)).toEqual({ cmd: "undone", args: { ids: [2] } }));
  });

  it("says what each empty view is for", async () => {
    await shown(fakeInbox([message({ id: 1 })]));
    const empty: Record<string, string> = {
      pinned: "Nothing pinned. Press p on a message to keep it on top.",
      snoozed: "Nothing snoozed. Press s on a message to put it away until later.",
      done: "Nothing done yet. Press e on a message once it is dealt with.",
    };
    for (const [view, words] of Object.entries(empty)) {
      await showView(view as "pinned");
      await waitFor(() => expect(screen.getByTestId("view-empty").textContent?.trim()).toBe(words));
      expect(screen.queryByTestId("inbox-list"), "no list to move through").toBeNull();
    }
  });
});

describe("bulk triage in the window", () => {
  it("extends the selection from the cursor with Shift+j and Shift+k", async () => {
    const engine = fakeInbox(messagesFrom("CI", 5, 1));
    await shown(engine);
    await waitFor(() => expect(rowIds()).toEqual([5, 4, 3, 2, 1]));

    await press("J", { shiftKey: true });
    await press("J", { shiftKey: true });
    await waitFor(() => expect(selectedIds()).toEqual([5, 4, 3]));
    expect(cursorId()).toBe("message-3");
    await press("K", { shiftKey: true });
    await waitFor(() => expect(selectedIds()).toEqual([5, 4]));
    expect(notice()).toContain("2 selected");

    await press("e");
    await waitFor(() => expect(engine.commands()).toEqual([{ cmd: "done", args: { ids: [5, 4] } }]));
  });

  it("extends the selection from the cursor to a Shift+clicked row", async () => {
    const engine = fakeInbox(messagesFrom("CI", 5, 1));
    await shown(engine);
    await waitFor(() => expect(rows()).toHaveLength(5));
    await fireEvent.click(rows()[1]!);
    expect(cursorId()).toBe("message-4");

    await fireEvent.click(rows()[3]!, { shiftKey: true });
    await waitFor(() => expect(selectedIds()).toEqual([4, 3, 2]));
    expect(cursorId(), "the cursor goes to the row clicked").toBe("message-2");
  });

  it("selects every loaded message with Ctrl+A, and says the others are not", async () => {
    const engine = fakeInbox(messagesFrom("CI", 500, 1));
    await shown(engine);
    await press("a", { ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId("selected-of").textContent).toMatch(/^\d+ of 500 selected/));
    expect(screen.getByTestId("selected-of").textContent).toContain("the loaded ones · E marks a whole group done");
    const selected = Number(/^(\d+)/.exec(screen.getByTestId("selected-of").textContent ?? "")?.[1]);
    expect(selected, "what is loaded, not all 500").toBeLessThan(500);
    expect(selected).toBeGreaterThan(0);
  });

  it("marks a 500-message group done with E while 50 are loaded: one done_all, and undo brings all back", async () => {
    const engine = fakeInbox([...messagesFrom("CI", 500, 1000), ...messagesFrom("Alice", 2, 1)]);
    // The engine hands out 50 of CI's messages and no more until they are marked: E must not wait
    // for the rest.
    const ci = [...engine.messages].filter((m) => m.sender === "CI").sort((a, b) => b.id - a.id);
    let served = 0;
    let marked = false;
    engine.answers["inbox_group"] = (args) => {
      if (args["who"] !== "CI" || marked) return AS_USUAL;
      const start = args["after"] == null ? 0 : ci.findIndex((m) => m.id === Number(args["after"])) + 1;
      const take = Math.min(args["limit"] as number, 50 - served);
      if (take <= 0) return new Promise<never>(() => undefined);
      served += take;
      const messages = ci.slice(start, start + take);
      return { messages, next: String(messages.at(-1)?.id) };
    };
    engine.answers["done_all"] = () => {
      marked = true;
      return AS_USUAL;
    };
    await shown(engine);
    await waitFor(() => expect(served, "50 of the 500 are loaded").toBe(50));

    await press("E", { shiftKey: true });
    await waitFor(() =>
      expect(engine.commands()).toEqual([{ cmd: "done_all", args: { group: keyOf(engine.messages[0]!) } }]),
    );
    await waitFor(() =>
      expect(screen.getByTestId("undo-toast-message").textContent).toBe("Marked 500 messages from CI done"),
    );
    await waitFor(() => expect(screen.getByTestId("inbox-total").textContent).toBe("2"));

    await fireEvent.click(screen.getByTestId("undo-toast-action"));
    await waitFor(() => expect(engine.commands().at(-1)?.cmd).toBe("undone"));
    expect((engine.commands().at(-1)?.args["ids"] as number[]).length, "all 500, loaded or not").toBe(500);
    await waitFor(() => expect(screen.getByTestId("inbox-total").textContent).toBe("502"));
  });

  it("marks done everything older than today from its menu", async () => {
    const engine = fakeInbox([
      message({ id: 1, received_at: iso(NOW - 3 * 86_400_000) }),
      message({ id: 2, received_at: iso(NOW - 60_000) }),
    ]);
    await shown(engine);
    await fireEvent.click(screen.getByTestId("action-done-older"));
    const menu = await screen.findByTestId("older-menu");
    expect(
      within(menu)
        .getAllByRole("menuitem")
        .map((i) => i.textContent?.replace(/\s+/g, " ").trim()),
    ).toEqual([
      "1 Older than today everything received before midnight",
      "2 Older than a week everything received before Tue 25 Feb 2025 10:00",
    ]);
    await fireEvent.keyDown(document.activeElement ?? menu, { key: "1" });
    await waitFor(() =>
      expect(engine.commands()).toEqual([{ cmd: "done_all", args: { before: new Date(2025, 2, 4).toISOString() } }]),
    );
    expect(screen.queryByTestId("older-menu")).toBeNull();
    await waitFor(() => expect(rowIds()).toEqual([2]));
    expect(screen.getByTestId("undo-toast-message").textContent).toBe("Marked 1 message older than today done");
  });

  it("undoes with Ctrl+Z as with u, and the toast goes once undone", async () => {
    const engine = fakeInbox(messagesFrom("CI", 2, 1));
    await shown(engine);
    await press("e");
    await waitFor(() => expect(screen.getByTestId("undo-toast-message").textContent).toBe("Marked 1 message done"));
    await press("z", { ctrlKey: true });
    await waitFor(() => expect(engine.commands().at(-1)).toEqual({ cmd: "undone", args: { ids: [2] } }));
    await waitFor(() => expect(screen.queryByTestId("undo-toast")).toBeNull());
    expect(notice()).toContain("Undone: marked 1 message done");
  });

  it("shows the toast after each triage action, with the action's words", async () => {
    const engine = fakeInbox(messagesFrom("CI", 3, 1));
    await shown(engine);
    await press("p");
    await fireEvent.click(await screen.findByTestId("pin-submit"));
    await waitFor(() => expect(screen.getByTestId("undo-toast-message").textContent).toBe("Pinned 1 message"));
    await press("s");
    await screen.findByTestId("snooze-menu");
    await press("2");
    await waitFor(() => expect(screen.getByTestId("undo-toast-message").textContent).toBe("Snoozed 1 message"));
    expect(screen.getByTestId("undo-toast-action").textContent?.trim()).toBe("Undo");
    void engine;
  });
});
