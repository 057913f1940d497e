import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Status } from "../bindings/Status";
import { supportDialogs } from "../test-support/dialog";
import { announceInboxChange, fakeInbox, message, messagesFrom, type FakeInbox } from "../test-support/inbox";
import { block, idleStatus, iso, NOW, runningStatus } from "../test-support/status";
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
  supportDialogs();
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

  it("says what was missed on top, and its chips and breakthroughs take the cursor there", async () => {
    const engine = fakeInbox([...messagesFrom("Alice", 2, 10), ...messagesFrom("CI", 3, 20)]);
    engine.missed = {
      since: iso(NOW - 3_600_000),
      held: 5,
      by_sender: [
        { label: "CI", count: 3 },
        { label: "Alice", count: 2 },
      ],
      by_source: [{ label: "api", count: 5 }],
      breakthroughs: [{ id: 10, from: "Alice", title: "Alice 10", priority: 5, why: "priority 5" }],
    };
    await shown(engine);
    const summary = screen.getByTestId("missed");
    expect(summary.textContent).toContain("5 held");

    const alice = screen.getAllByTestId("missed-chip").find((chip) => chip.textContent?.includes("Alice"));
    await fireEvent.click(alice!);
    expect(cursorId(), "to the first of Alice's messages").toBe("message-11");
    expect(document.activeElement, "and the keyboard is back on the list").toBe(list());

    await fireEvent.click(screen.getByTestId("missed-breakthrough"));
    expect(cursorId(), "to the message that broke through").toBe("message-10");

    engine.missed = { ...engine.missed, by_sender: [{ label: "Bob", count: 1 }] };
    await announceInboxChange();
    await waitFor(() => expect(screen.getAllByTestId("missed-chip")[0]?.textContent).toContain("Bob"));
    await fireEvent.click(screen.getAllByTestId("missed-chip")[0]!);
    expect(screen.getByTestId("inbox-notice").textContent).toContain("Nothing from Bob left to triage");
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
    await waitFor(() => expect(screen.getByTestId("detail-via").textContent).toBe("CI"));

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

describe("the detail pane", () => {
  /** An instant on NOW's day, in the zone the tests run in. */
  const today = (hours: number, minutes = 0): string => new Date(2025, 2, 4, hours, minutes).toISOString();
  const story = (id: number): Promise<string> =>
    waitFor(() => {
      expect(cursorId()).toBe(`message-${id}`);
      const line = screen.getByTestId("detail-story").textContent ?? "";
      expect(line).not.toBe("");
      return line;
    });

  it("tells how each message got here, in the user's words", async () => {
    const engine = fakeInbox([
      message({ id: 1, decision: "held", state: "released", block_id: 4, digest_id: 9 }),
      message({ id: 2, decision: "held", state: "released", digest_id: 10 }),
      message({ id: 3, decision: "delivered", delivered_at: today(9, 12) }),
      message({ id: 4, decision: "broke_through", block_id: 4, priority: 5 }),
    ]);
    engine.stories[1] = {
      block: block({ id: 4, intent: "draft the Q3 report", started_at: today(9, 5), ended_at: today(9, 55) }),
      digest: { id: 9, at: today(9, 55), reason: "focus", count: 1, by_sender: [], by_source: [], text: "" },
    };
    engine.stories[2] = {
      block: null,
      digest: { id: 10, at: today(9), reason: "quiet", count: 1, by_sender: [], by_source: [], text: "" },
    };
    await shown(engine);

    await waitFor(async () =>
      expect(await story(1)).toBe("Held during “draft the Q3 report” 09:05–09:55 · released in the 09:55 digest"),
    );
    await press("j");
    await waitFor(async () => expect(await story(2)).toBe("Held outside work hours · released at 09:00"));
    await press("j");
    expect(await story(3)).toBe("Shown as a popup at 09:12");
    await press("j");
    expect(await story(4)).toBe("Broke through your focus block (priority 5)");
    expect(
      engine.calls.filter((c) => c.cmd === "message_story").map((c) => c.args["id"]),
      "a popup's story is its own",
    ).not.toContain(3);
  });

  it("says who sent it: the app, the topic, the publish token", async () => {
    await shown(
      fakeInbox([
        message({ id: 1, source: "desktop", source_detail: "Slack", sender: "Bob" }),
        message({ id: 2, source: "ntfy", source_detail: "alerts", sender: null, via: "CI" }),
      ]),
    );
    await waitFor(() => expect(screen.getByTestId("detail-source-detail").textContent).toBe("Slack"));
    expect(screen.getByTestId("detail-source").textContent).toBe("Desktop notification");
    expect(screen.getByTestId("detail-source-detail").previousElementSibling?.textContent).toBe("App");
    await press("j");
    await waitFor(() => expect(screen.getByTestId("detail-source-detail").textContent).toBe("alerts"));
    expect(screen.getByTestId("detail-source-detail").previousElementSibling?.textContent).toBe("Topic");
    expect(screen.getByTestId("detail-via").textContent).toBe("CI");
  });

  it("has its own Done, Snooze, Pin and Open buttons, for its one message whatever is selected", async () => {
    const engine = fakeInbox([
      message({ id: 4, link: "https://ci.example.com/4" }),
      message({ id: 5 }),
      message({ id: 6 }),
      message({ id: 7 }),
    ]);
    await shown(engine);
    await press("j");
    await press("x");
    await press("j");
    await press("x");
    await press("Home");
    await waitFor(() => screen.getByTestId("detail-open"));

    await fireEvent.click(screen.getByTestId("detail-open"));
    await waitFor(() =>
      expect(engine.commands()).toEqual([{ cmd: "open_link", args: { url: "https://ci.example.com/4" } }]),
    );
    await fireEvent.click(screen.getByTestId("detail-pin"));
    expect((await screen.findByTestId("pin-menu")).textContent).toContain("Pin 1 message");
    await fireEvent.click(screen.getByTestId("pin-submit"));
    await waitFor(() => expect(engine.commands().at(-1)).toEqual({ cmd: "pin", args: { ids: [4], due: null } }));
    await waitFor(() => screen.getByTestId("detail-unpin"));
    await fireEvent.click(screen.getByTestId("detail-snooze"));
    expect((await screen.findByTestId("snooze-menu")).textContent).toContain("Snooze 1 message");
    await press("1");
    await waitFor(() => expect(engine.commands().at(-1)?.cmd).toBe("snooze"));
    expect(engine.commands().at(-1)?.args["ids"], "the pane's message, not the selection").toEqual([4]);
    await waitFor(() => expect(cursorId()).toBe("message-5"));
    await fireEvent.click(screen.getByTestId("detail-done"));
    await waitFor(() => expect(engine.commands().at(-1)).toEqual({ cmd: "done", args: { ids: [5] } }));
    expect(screen.getByTestId("inbox-notice").textContent, "the selection stays").toContain("1 selected");
  });
});

describe("the end of a review", () => {
  function setVisibility(state: DocumentVisibilityState): void {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
    document.dispatchEvent(new Event("visibilitychange"));
  }
  const marks = (engine: FakeInbox): number => engine.calls.filter((c) => c.cmd === "mark_reviewed").length;
  const newIds = (): string[] =>
    screen
      .getAllByTestId("message-row")
      .filter((r) => r.querySelector("[data-testid=row-new]") !== null)
      .map((r) => r.dataset["id"] ?? "");

  afterEach(() => setVisibility("visible"));

  it("is marked once when the window is hidden and closed, and the new marks stay as the window saw them", async () => {
    const engine = fakeInbox([
      message({ id: 1, received_at: iso(NOW - 60_000) }),
      message({ id: 2, received_at: iso(NOW - 600_000) }),
    ]);
    engine.reviewedAt = iso(NOW - 300_000);
    await shown(engine);
    expect(newIds(), "what arrived since the last review").toEqual(["1"]);
    expect(marks(engine)).toBe(0);

    setVisibility("hidden");
    window.dispatchEvent(new Event("pagehide"));
    await waitFor(() => expect(marks(engine)).toBe(1));
    await announceInboxChange();
    await waitFor(() => expect(engine.calls.filter((c) => c.cmd === "inbox_overview").length).toBeGreaterThan(1));
    expect(newIds(), "not cleared by the review this visit just wrote").toEqual(["1"]);
    cleanup();
    expect(marks(engine), "once per visit").toBe(1);
  });

  it("is marked when the user leaves the inbox for another tab", async () => {
    const engine = fakeInbox(messagesFrom("CI", 2, 1));
    const { unmount } = render(Inbox, { status: idleStatus(), now: NOW });
    await waitFor(() => expect(screen.getAllByTestId("message-row")).toHaveLength(2));
    unmount();
    expect(engine.calls.filter((c) => c.cmd === "mark_reviewed")).toEqual([{ cmd: "mark_reviewed", args: {} }]);
  });

  it("begins again when the window is shown again: the next leave marks again, and counts from the last", async () => {
    const engine = fakeInbox([message({ id: 1, received_at: iso(NOW - 60_000) })]);
    engine.reviewedAt = iso(NOW - 300_000);
    await shown(engine);
    expect(newIds()).toEqual(["1"]);
    setVisibility("hidden");
    await waitFor(() => expect(marks(engine)).toBe(1));
    setVisibility("visible");
    await waitFor(() => expect(newIds(), "reviewed at the last leave").toEqual([]));
    setVisibility("hidden");
    await waitFor(() => expect(marks(engine)).toBe(2));
  });
});
