import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Status } from "../bindings/Status";
import { announceInboxChange, fakeInbox, message, messagesFrom, type FakeInbox } from "../test-support/inbox";
import { block, idleStatus, NOW, runningStatus } from "../test-support/status";
import Inbox from "./Inbox.svelte";

const list = (): HTMLElement => screen.getByTestId("inbox-list");
const press = async (key: string, target: Element = document.activeElement ?? document.body): Promise<void> => {
  await fireEvent.keyDown(target, { key });
};
/** The id of the message under the cursor, as assistive technology sees it. */
const cursorId = (): string | null => list().getAttribute("aria-activedescendant");

async function shown(engine: FakeInbox, status: Status = idleStatus()): Promise<void> {
  void engine;
  render(Inbox, { status, now: NOW });
  await waitFor(() => expect(screen.getAllByTestId("message-row").length).toBeGreaterThan(0));
  await waitFor(() => expect(document.activeElement, "the list takes the focus once drawn").toBe(list()));
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
  delete document.documentElement.dataset["ready"];
});

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

describe("the inbox view", () => {
  it("shows groups with counts, rows as listbox options, and says when it is ready", async () => {
    await shown(fakeInbox([...messagesFrom("Alice", 2, 10), ...messagesFrom("CI", 3, 20)]));

    expect(screen.getAllByTestId("group-heading").map((h) => h.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "CI 3",
      "Alice 2",
    ]);
    expect(list().getAttribute("role")).toBe("listbox");
    const rows = screen.getAllByTestId("message-row");
    expect(rows.map((r) => r.getAttribute("role"))).toEqual(Array(5).fill("option"));
    expect(rows[0]?.getAttribute("aria-setsize")).toBe("5");
    expect(cursorId()).toBe("message-22");
    expect(screen.getByTestId("inbox-total").textContent).toBe("5");
    expect(document.documentElement.dataset["ready"]).toBe("inbox");
    expect(performance.getEntriesByName("lull:ready:inbox").length).toBeGreaterThan(0);
  });

  it("moves with j and k, shows the whole message in the detail pane, and selects with x", async () => {
    const engine = fakeInbox(messagesFrom("CI", 3, 1));
    engine.messages[1]!.body = "x".repeat(1000);
    await shown(engine);

    await press("j");
    expect(cursorId()).toBe("message-2");
    await waitFor(() =>
      expect(screen.getByTestId("detail-body").textContent, "the whole body, not the preview").toHaveLength(1000),
    );
    await press("k");
    expect(cursorId()).toBe("message-3");

    await press("x");
    await press("j");
    await press("x");
    const selected = screen.getAllByTestId("message-row").filter((r) => r.getAttribute("aria-selected") === "true");
    expect(selected.map((r) => r.dataset["id"])).toEqual(["3", "2"]);
    expect(screen.getByTestId("inbox-notice").textContent).toContain("2 selected");
    await press("Escape");
    expect(screen.getAllByTestId("message-row").filter((r) => r.getAttribute("aria-selected") === "true")).toHaveLength(
      0,
    );
  });

  it("says which publish token sent a message, in its row and in the detail pane", async () => {
    await shown(
      fakeInbox([message({ id: 1, sender: "Nightly", via: "CI" }), message({ id: 2, sender: "Me", via: null })]),
    );

    const [fromCi, fromMe] = screen.getAllByTestId("message-row");
    expect(fromCi?.querySelector("[data-testid='row-via']")?.textContent, "after the sender").toBe("via CI");
    expect(fromMe?.querySelector("[data-testid='row-via']"), "nothing for the control token").toBeNull();
    await waitFor(() => expect(screen.getByTestId("detail-via").textContent).toBe("CI token"));

    await press("j");
    await waitFor(() => expect(screen.getByTestId("detail-sender").textContent).toBe("Me"));
    expect(screen.queryByTestId("detail-via"), "no Via for a message no publish token sent").toBeNull();
  });

  it("marks done with e and brings it back with u", async () => {
    const engine = fakeInbox(messagesFrom("CI", 3, 1));
    await shown(engine);

    await press("e");
    await waitFor(() => expect(screen.getAllByTestId("message-row")).toHaveLength(2));
    expect(engine.commands()).toEqual([{ cmd: "done", args: { ids: [3] } }]);
    expect(cursorId(), "the cursor moves to the next message").toBe("message-2");
    expect(screen.getByTestId("inbox-notice").textContent).toContain("Marked 1 message done");

    await press("u");
    await waitFor(() => expect(screen.getAllByTestId("message-row")).toHaveLength(3));
    expect(engine.commands().at(-1)).toEqual({ cmd: "undone", args: { ids: [3] } });
  });

  it("snoozes from the s menu by number, including to the end of the running block", async () => {
    const engine = fakeInbox(messagesFrom("CI", 2, 1));
    await shown(engine, runningStatus(block()));

    await press("s");
    const menu = await screen.findByTestId("snooze-menu");
    expect(menu.getAttribute("role")).toBe("dialog");
    expect(screen.getAllByRole("menuitem").map((i) => i.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "1 End of this block when the running block ends",
      "2 Tomorrow's first window the start of the next workday",
      "3 Next work window the next time work hours begin",
      "4 Pick a time… a date and time of your choice",
    ]);
    await press("j", menu);
    expect(engine.commands(), "keys in the menu are the menu's").toEqual([]);
    await press("2");
    await waitFor(() =>
      expect(engine.commands()).toEqual([{ cmd: "snooze", args: { ids: [2], until: "next_workday" } }]),
    );
    expect(screen.queryByTestId("snooze-menu")).toBeNull();
    await waitFor(() => expect(document.activeElement, "focus goes back to the list").toBe(list()));
  });

  it("snoozes until a picked time", async () => {
    const engine = fakeInbox(messagesFrom("CI", 1, 1));
    await shown(engine);
    await press("s");
    await fireEvent.click(await screen.findByTestId("snooze-time"));
    const field = await screen.findByTestId("snooze-at");
    await fireEvent.input(field, { target: { value: "2025-03-04T16:45" } });
    await fireEvent.submit(field);
    await waitFor(() =>
      expect(engine.commands()).toEqual([
        { cmd: "snooze", args: { ids: [1], until: "time", at: new Date(2025, 2, 4, 16, 45).toISOString() } },
      ]),
    );
  });

  it("pins with p (due date optional) and unpins a pinned message with p", async () => {
    const engine = fakeInbox([
      message({ id: 2, sender: "CI", received_at: "2025-03-04T08:00:00.000Z" }),
      message({ id: 1, sender: "CI", pinned: true, received_at: "2025-03-04T07:00:00.000Z" }),
    ]);
    await shown(engine);

    await press("p");
    await fireEvent.click(await screen.findByTestId("pin-submit"));
    await waitFor(() => expect(engine.commands()).toEqual([{ cmd: "pin", args: { ids: [2], due: null } }]));

    await press("j");
    await press("p");
    await waitFor(() => expect(engine.commands().at(-1)).toEqual({ cmd: "unpin", args: { ids: [1] } }));
    expect(screen.queryByTestId("pin-menu"), "unpinning asks nothing").toBeNull();
  });

  it("pins with a due date", async () => {
    const engine = fakeInbox(messagesFrom("CI", 1, 1));
    await shown(engine);
    await press("p");
    const due = await screen.findByTestId("pin-due");
    await fireEvent.input(due, { target: { value: "2025-03-06T09:00" } });
    await fireEvent.submit(due);
    await waitFor(() =>
      expect(engine.commands()).toEqual([
        { cmd: "pin", args: { ids: [1], due: new Date(2025, 2, 6, 9, 0).toISOString() } },
      ]),
    );
  });

  it("searches with /, lets the keys work on the results, and leaves with Esc", async () => {
    const engine = fakeInbox([
      message({ id: 1, sender: "CI", body: "deploy failed" }),
      message({ id: 2, sender: "Alice", body: "lunch" }),
    ]);
    await shown(engine);

    const before = cursorId();
    await press("/");
    const field = screen.getByTestId("search");
    expect(document.activeElement).toBe(field);
    await press("j", field);
    expect(cursorId(), "typing j in the field does not move the cursor").toBe(before);
    await fireEvent.input(field, { target: { value: "deploy" } });
    await press("Enter", field);
    await waitFor(() => expect(screen.getAllByTestId("message-row").map((r) => r.dataset["id"])).toEqual(["1"]));
    expect(engine.calls.some((c) => c.cmd === "search" && c.args["q"] === "deploy")).toBe(true);
    await waitFor(() => expect(document.activeElement, "Enter takes the keys to the results").toBe(list()));

    await press("Escape");
    await waitFor(() => expect(screen.getAllByTestId("message-row")).toHaveLength(2));
    expect((field as HTMLInputElement).value).toBe("");
  });

  it("shows every key with ?, and closes with Esc", async () => {
    await shown(fakeInbox(messagesFrom("CI", 1, 1)));
    await press("?");
    const dialog = await screen.findByTestId("keys-dialog");
    expect(dialog.textContent).toContain("Undo the last action");
    await press("Escape", document.activeElement ?? dialog);
    expect(screen.queryByTestId("keys-dialog")).toBeNull();
  });

  it("opens an http link through the engine with Enter, and never a javascript: one", async () => {
    const engine = fakeInbox([
      message({ id: 2, sender: "CI", link: "https://ci.example.com/42", received_at: "2025-03-04T08:00:00.000Z" }),
      message({ id: 1, sender: "CI", link: "javascript:alert(1)", received_at: "2025-03-04T07:00:00.000Z" }),
    ]);
    await shown(engine);
    await waitFor(() => screen.getByTestId("detail-link"));
    await press("Enter");
    await waitFor(() =>
      expect(engine.commands()).toEqual([{ cmd: "open_link", args: { url: "https://ci.example.com/42" } }]),
    );

    await press("j");
    await waitFor(() => screen.getByTestId("detail-link-refused"));
    await press("o");
    expect(engine.commands()).toHaveLength(1);
  });

  it("works with the mouse: click to read, the box to select, the toolbar to act", async () => {
    const engine = fakeInbox(messagesFrom("CI", 3, 1));
    await shown(engine);
    const rows = screen.getAllByTestId("message-row");
    await fireEvent.click(rows[2]!);
    expect(cursorId()).toBe("message-1");
    await fireEvent.click(screen.getAllByTestId("select-toggle")[0]!);
    await fireEvent.click(screen.getAllByTestId("select-toggle")[1]!);
    await fireEvent.click(screen.getByTestId("action-done"));
    await waitFor(() => expect(engine.commands()).toEqual([{ cmd: "done", args: { ids: [3, 2] } }]));
    await fireEvent.click(screen.getByTestId("action-undo"));
    await waitFor(() => expect(engine.commands().at(-1)).toEqual({ cmd: "undone", args: { ids: [3, 2] } }));
  });

  it("refetches when the inbox changes without losing the cursor", async () => {
    const engine = fakeInbox(messagesFrom("CI", 3, 1));
    await shown(engine);
    await press("j");
    expect(cursorId()).toBe("message-2");

    engine.messages.push(...messagesFrom("CI", 2, 10));
    await announceInboxChange();
    await waitFor(() => expect(screen.getAllByTestId("message-row")).toHaveLength(5));
    expect(cursorId()).toBe("message-2");
  });

  it("shows the engine's refusal in the alert", async () => {
    const engine = fakeInbox(messagesFrom("CI", 1, 1));
    engine.answers["done"] = () => {
      throw { code: "storage", message: "the disk is <b>full</b>" };
    };
    await shown(engine);
    await press("e");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The disk is <b>full</b>");
  });

  it("renders only the rows in view of 10,000 messages", async () => {
    await shown(fakeInbox(messagesFrom("CI", 10_000, 1)));
    const rows = document.querySelectorAll("[role=option]").length;
    expect(rows, "a screenful and the overscan, not ten thousand").toBeLessThan(40);
    expect(screen.getByTestId("inbox-total").textContent).toBe("10000");
    await press("End");
    await waitFor(() => expect(cursorId()).toBe("message-1"));
    expect(document.querySelectorAll("[role=option]").length).toBeLessThan(40);
  });
});
