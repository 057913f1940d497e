/**
 * "Group by" in the inbox: by sender (the groups of one message folded under "Others"), by source,
 * or not at all, saved in the settings and shown at once, with the keys working across it.
 */

import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { Grouping } from "../bindings/Grouping";
import { fakeInbox, message, type FakeInbox } from "../test-support/inbox";
import {
  cursorId,
  inboxList as list,
  notice,
  press,
  rowIds,
  rows,
  selectedIds,
  showInbox as shown,
  showInboxLoaded,
  text,
  useInboxTest,
} from "../test-support/inbox-screen";
import { defaultSettings } from "../test-support/settings";
import { iso, NOW } from "../test-support/status";

const headings = (): string[] => screen.queryAllByTestId("group-heading").map(text);
/** Each row's sender as it shows (`null`: left out), by id. */
const senders = (): Record<number, string | null> =>
  Object.fromEntries(
    rows().map((r) => {
      const sender = r.querySelector("[data-testid='row-sender']");
      return [Number(r.dataset["id"]), sender === null ? null : text(sender)];
    }),
  );
const pressed = (): string | undefined =>
  screen
    .getAllByRole("button")
    .find((b) => b.dataset["testid"]?.startsWith("grouping-") && b.getAttribute("aria-pressed") === "true")?.dataset[
    "testid"
  ];
const minutesAgo = (n: number): string => iso(NOW - n * 60_000);

/**
 * Bob's one message is the newest, then CI's three, Carol's one, Alice's two; Bob and CI came from
 * desktop notifications, the others through the API.
 */
function mixedInbox(): FakeInbox {
  return fakeInbox([
    message({ id: 1, sender: "Bob", source: "desktop", source_detail: "Slack", received_at: minutesAgo(1) }),
    message({ id: 2, sender: "CI", source: "desktop", received_at: minutesAgo(2) }),
    message({ id: 3, sender: "CI", source: "desktop", received_at: minutesAgo(3) }),
    message({ id: 4, sender: "CI", source: "desktop", received_at: minutesAgo(4) }),
    message({ id: 5, sender: "Carol", received_at: minutesAgo(5) }),
    message({ id: 6, sender: "Alice", received_at: minutesAgo(6) }),
    message({ id: 7, sender: "Alice", received_at: minutesAgo(7) }),
  ]);
}

/** The settings commands, in order: "read", or the grouping written. */
const settingsCalls = (engine: FakeInbox): Array<"read" | Grouping> =>
  engine.calls
    .filter((c) => c.cmd === "settings" || c.cmd === "update_settings")
    .map((c) =>
      c.cmd === "settings" ? "read" : (c.args["settings"] as ReturnType<typeof defaultSettings>).inbox_grouping,
    );

useInboxTest();

describe("grouping the inbox", () => {
  it("groups by source from Group by: saves the setting whole, names each source, the cursor on the first row", async () => {
    const engine = mixedInbox();
    engine.settings = defaultSettings({ retention_days: 30 });
    await shown(engine);
    expect(pressed(), "by sender to begin with").toBe("grouping-sender");
    await press("j");
    await press("j");
    expect(cursorId()).toBe("message-4");

    await fireEvent.click(screen.getByTestId("grouping-source"));
    await waitFor(() => expect(headings()).toEqual(["Desktop notifications 4", "API 3"]));
    expect(settingsCalls(engine), "the settings read first, then written with the new grouping").toEqual([
      "read",
      "source",
    ]);
    expect(engine.settings, "and nothing else changed").toEqual(
      defaultSettings({ retention_days: 30, inbox_grouping: "source" }),
    );
    expect(pressed()).toBe("grouping-source");
    expect(rowIds()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(senders(), "a source's heading names no sender: every row does").toEqual({
      1: "Bob",
      2: "CI",
      3: "CI",
      4: "CI",
      5: "Carol",
      6: "Alice",
      7: "Alice",
    });
    expect(cursorId(), "the cursor on the first row").toBe("message-1");
    await waitFor(() => expect(document.activeElement, "the keys back on the list").toBe(list()));
  });

  it("shows every message under no heading when not grouped, each with its sender, and E marks nothing done", async () => {
    const engine = mixedInbox();
    await shown(engine);

    await fireEvent.click(screen.getByTestId("grouping-flat"));
    await waitFor(() => expect(headings()).toEqual([]));
    expect(engine.settings.inbox_grouping).toBe("flat");
    expect(rowIds(), "newest first").toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Object.values(senders())).toEqual(["Bob", "CI", "CI", "CI", "Carol", "Alice", "Alice"]);
    expect(screen.queryByRole("group", { name: "Everything" }), "no group to name").toBeNull();
    expect(screen.queryByTestId("action-done-group"), "no whole group to mark done").toBeNull();
    expect(screen.getByTestId("action-done-older"), "Done older… is the way to clear a lot").toBeTruthy();

    await press("E", { shiftKey: true });
    expect(notice()).toBe("Not grouped: select with x or Shift+j, or use Done older…");
    expect(
      engine.commands().filter((c) => c.cmd !== "update_settings"),
      "nothing marked done",
    ).toEqual([]);
    expect(rowIds()).toHaveLength(7);

    await press("j");
    await press("e");
    await waitFor(() => expect(engine.commands().at(-1)).toEqual({ cmd: "done", args: { ids: [2] } }));
    await waitFor(() => expect(rowIds()).toEqual([1, 3, 4, 5, 6, 7]));
  });

  it("steps through Sender, Source and None with g, saving each", async () => {
    const engine = mixedInbox();
    await shown(engine);

    await press("g");
    await waitFor(() => expect(headings()).toEqual(["Desktop notifications 4", "API 3"]));
    await waitFor(() => expect(document.activeElement).toBe(list()));
    await press("g");
    await waitFor(() => expect(headings()).toEqual([]));
    await waitFor(() => expect(document.activeElement).toBe(list()));
    await press("g");
    await waitFor(() => expect(headings()).toEqual(["CI 3", "Alice 2", "Others 2"]));
    expect(settingsCalls(engine).filter((c) => c !== "read")).toEqual(["source", "flat", "sender"]);
    expect(pressed()).toBe("grouping-sender");
  });

  it("says why when the grouping cannot be saved, and keeps the groups it shows", async () => {
    const engine = mixedInbox();
    engine.answers["update_settings"] = () => {
      throw { code: "storage", message: "the disk is full" };
    };
    await shown(engine);

    await fireEvent.click(screen.getByTestId("grouping-flat"));
    expect((await screen.findByRole("alert")).textContent).toContain("The disk is full");
    await waitFor(() => expect(pressed(), "the choice goes back").toBe("grouping-sender"));
    expect(headings()).toEqual(["CI 3", "Alice 2", "Others 2"]);
    expect(engine.settings.inbox_grouping).toBe("sender");
  });

  it("shows the grouping the settings have, even in an empty inbox", async () => {
    const engine = fakeInbox([]);
    engine.settings = defaultSettings({ inbox_grouping: "source" });
    await showInboxLoaded(engine);
    await waitFor(() => expect(screen.getByTestId("inbox-empty")).toBeTruthy());
    await waitFor(() => expect(pressed()).toBe("grouping-source"));
  });

  it("takes the cursor from a chip of what was missed to the sender or source it names, however grouped", async () => {
    const engine = mixedInbox();
    engine.settings = defaultSettings({ inbox_grouping: "source" });
    engine.missed = {
      since: iso(NOW - 3_600_000),
      held: 7,
      by_sender: [{ label: "Alice", count: 2 }],
      by_source: [{ label: "api", count: 3 }],
      breakthroughs: [],
    };
    await shown(engine);
    const chip = (kind: string): HTMLElement =>
      screen.getAllByTestId("missed-chip").find((c) => c.dataset["kind"] === kind)!;

    await fireEvent.click(chip("sender"));
    expect(cursorId(), "Alice's first message, inside the API group").toBe("message-6");
    await fireEvent.click(chip("source"));
    expect(cursorId(), "the API group's first").toBe("message-5");

    await fireEvent.click(screen.getByTestId("grouping-flat"));
    await waitFor(() => expect(headings()).toEqual([]));
    await fireEvent.click(chip("sender"));
    expect(cursorId(), "not grouped: Alice's first message").toBe("message-6");
    await fireEvent.click(chip("source"));
    expect(cursorId(), "and the first through the API").toBe("message-5");
  });

  it("is offered in the inbox only, not in the flat views or search", async () => {
    await shown(mixedInbox());
    await fireEvent.click(screen.getByTestId("inbox-view-done"));
    await waitFor(() => expect(screen.queryByTestId("grouping")).toBeNull());
  });
});

describe("Others", () => {
  it("holds the senders of one message after the rest, newest first, each row naming its sender", async () => {
    await shown(mixedInbox());

    expect(headings()).toEqual(["CI 3", "Alice 2", "Others 2"]);
    expect(rowIds()).toEqual([2, 3, 4, 6, 7, 1, 5]);
    expect(senders()).toEqual({ 2: null, 3: null, 4: null, 6: null, 7: null, 1: "Bob", 5: "Carol" });
    const others = screen.getByRole("group", { name: "Others 2" });
    expect(
      [...others.querySelectorAll("[role=option]")].map((o) => o.getAttribute("data-id")),
      "one group for assistive technology",
    ).toEqual(["1", "5"]);
  });

  it("is moved through and selected across with the keys, as any group", async () => {
    const engine = mixedInbox();
    await shown(engine);
    expect(cursorId()).toBe("message-2");

    await press("End");
    expect(cursorId(), "the last row is Others' last").toBe("message-5");
    await press("k");
    await press("k");
    expect(cursorId(), "up out of Others into Alice's").toBe("message-7");
    await press("J", { shiftKey: true });
    await waitFor(() => expect(selectedIds(), "a range across the heading").toEqual([7, 1]));
    await press("j");
    await press("x");
    expect(selectedIds()).toEqual([7, 1, 5]);

    await press("e");
    await waitFor(() => expect(engine.commands()).toEqual([{ cmd: "done", args: { ids: [7, 1, 5] } }]));
    await waitFor(() => expect(headings(), "Alice's one message left joins Others").toEqual(["CI 3", "Others 1"]));

    await press("a", { ctrlKey: true });
    expect(selectedIds()).toEqual([2, 3, 4, 6]);
  });

  it("has no whole group to mark done: E says so, and e marks its one message done", async () => {
    const engine = mixedInbox();
    await shown(engine);
    await press("End");
    expect(cursorId()).toBe("message-5");
    expect(screen.getByTestId<HTMLButtonElement>("action-done-group").disabled).toBe(true);
    expect(screen.getByTestId("action-done-group").title).toBe(
      "Others is one message per sender: press e, or select with x",
    );

    await press("E", { shiftKey: true });
    expect(notice()).toBe("Others is one message per sender: press e, or select with x");
    expect(engine.commands(), "nothing marked done").toEqual([]);

    await press("e");
    await waitFor(() => expect(engine.commands()).toEqual([{ cmd: "done", args: { ids: [5] } }]));
    await waitFor(() => expect(headings()).toEqual(["CI 3", "Alice 2", "Others 1"]));

    await press("Home");
    await press("E", { shiftKey: true });
    await waitFor(() => expect(engine.commands().at(-1)?.cmd, "CI's whole group, as before").toBe("done_all"));
  });
});
