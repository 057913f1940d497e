import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import corpusText from "../../../tests/fixtures/hostile.json?raw";
import type { Breakthrough } from "../bindings/Breakthrough";
import type { Missed } from "../bindings/Missed";
import type { MissedFilter } from "../lib/missed";
import { NOW } from "../test-support/status";
import MissedSummary from "./Missed.svelte";

/** An instant on NOW's day (Tuesday 4 March 2025), or `days` later, in the zone the tests run in. */
const at = (hours: number, minutes = 0, days = 0): string => new Date(2025, 2, 4 + days, hours, minutes).toISOString();

const through = (id: number, overrides: Partial<Breakthrough> = {}): Breakthrough => ({
  id,
  from: "Alice",
  title: "Prod is down",
  priority: 5,
  why: "priority 5",
  ...overrides,
});

const missed = (overrides: Partial<Missed> = {}): Missed => ({
  since: at(9, 0),
  held: 0,
  by_sender: [],
  by_source: [],
  breakthroughs: [],
  ...overrides,
});

/** A morning after a block: 14 held from CI, Alice and Bob, by two sources, and one breakthrough. */
const morning = (): Missed =>
  missed({
    held: 14,
    by_sender: [
      { label: "CI", count: 6 },
      { label: "Alice", count: 3 },
    ],
    by_source: [
      { label: "desktop", count: 10 },
      { label: "api", count: 4 },
    ],
    breakthroughs: [through(41)],
  });

function shown(value: Missed): {
  onfilter: ReturnType<typeof vi.fn<(filter: MissedFilter) => void>>;
  ondismiss: ReturnType<typeof vi.fn<() => void>>;
  container: HTMLElement;
  rerender: (props: { missed: Missed }) => Promise<void>;
} {
  const onfilter = vi.fn<(filter: MissedFilter) => void>();
  const ondismiss = vi.fn<() => void>();
  const { container, rerender } = render(MissedSummary, { missed: value, nowMs: NOW, onfilter, ondismiss });
  return { onfilter, ondismiss, container, rerender };
}

const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, " ").trim() ?? "";
const summary = (): HTMLElement | null => screen.queryByTestId("missed");
const chips = (kind: "sender" | "source"): HTMLElement[] =>
  screen.getAllByTestId("missed-chip").filter((chip) => chip.dataset["kind"] === kind);

afterEach(cleanup);

describe("what you missed", () => {
  it("renders nothing when nothing was held and nothing broke through", () => {
    const { container } = shown(missed({ since: at(17, 30, -1) }));
    expect(summary(), "no summary").toBeNull();
    expect(text(container), "not a word").toBe("");
  });

  it("is a region named What you missed, with one heading line that counts what was held since when", () => {
    shown(missed({ held: 14, by_sender: [{ label: "CI", count: 14 }] }));
    const region = screen.getByRole("region", { name: "What you missed" });
    expect(within(region).getByRole("heading", { level: 2 }).textContent?.replace(/\s+/g, " ").trim()).toBe(
      "While you were away: 14 held since 09:00",
    );
    const time = within(region).getByText("09:00");
    expect(time.tagName, "the instant is a <time>").toBe("TIME");
    expect(time.getAttribute("datetime")).toBe(at(9, 0));
  });

  it("says since yesterday after a quiet night, and counts breakthroughs beside what was held", () => {
    shown({ ...morning(), since: at(17, 30, -1) });
    expect(text(screen.getByTestId("missed-heading"))).toBe(
      "While you were away: 14 held, 1 broke through since yesterday 17:30",
    );
  });

  it("shows up with breakthroughs alone, nothing held", () => {
    shown(missed({ breakthroughs: [through(1), through(2)] }));
    expect(text(screen.getByTestId("missed-heading"))).toBe("While you were away: 2 broke through since 09:00");
    expect(screen.queryAllByTestId("missed-chip"), "no chips without counts").toEqual([]);
  });

  it("shows the top senders and sources as chips with their counts, in their groups", () => {
    shown(morning());
    expect(chips("sender").map(text)).toEqual(["CI 6", "Alice 3"]);
    expect(chips("source").map(text), "sources by their names, not the engine's ids").toEqual([
      "Desktop notifications 10",
      "API 4",
    ]);
    expect(screen.getByRole("group", { name: "From" }).contains(chips("sender")[0]!), "senders under From").toBe(true);
    expect(screen.getByRole("group", { name: "Source" }).contains(chips("source")[0]!), "sources under Source").toBe(
      true,
    );
  });

  it("asks for a filter by sender or by source when a chip is pressed", async () => {
    const { onfilter } = shown(morning());
    await fireEvent.click(chips("sender")[1]!);
    expect(onfilter).toHaveBeenLastCalledWith({ kind: "sender", label: "Alice" });
    await fireEvent.click(chips("source")[0]!);
    expect(onfilter).toHaveBeenLastCalledWith({ kind: "source", label: "desktop" });
    expect(onfilter).toHaveBeenCalledTimes(2);
  });

  it("makes every chip, breakthrough and × a button the keyboard reaches", () => {
    shown(morning());
    const buttons = screen.getAllByRole("button");
    expect(buttons.length, "4 chips, 1 breakthrough, ×").toBe(6);
    for (const button of buttons) {
      expect(button.tagName).toBe("BUTTON");
      expect(button.getAttribute("tabindex"), `${text(button)} is in the tab order`).toBeNull();
      expect(button.getAttribute("type")).toBe("button");
    }
  });

  it("lists each breakthrough on one line with who, the title and why, and opens it as a filter", async () => {
    const { onfilter } = shown(
      missed({
        breakthroughs: [
          through(7, { from: "Alice", title: "Prod is down", why: "from Alice and tagged “prod”" }),
          through(3, { from: "PagerDuty", title: "Disk full", why: "priority 5" }),
        ],
      }),
    );
    const lines = screen.getAllByTestId("missed-breakthrough");
    expect(lines.map((line) => text(within(line).getByTestId("missed-from")))).toEqual(["Alice", "PagerDuty"]);
    expect(lines.map((line) => text(within(line).getByTestId("missed-title")))).toEqual(["Prod is down", "Disk full"]);
    expect(lines.map((line) => text(within(line).getByTestId("missed-why")))).toEqual([
      "broke through: from Alice and tagged “prod”",
      "broke through: priority 5",
    ]);
    await fireEvent.click(lines[1]!);
    expect(onfilter).toHaveBeenCalledExactlyOnceWith({ kind: "message", id: 3 });
  });

  it("says just broke through for a message from before Lull kept the rule, and never an empty title", () => {
    shown(missed({ breakthroughs: [through(9, { why: null, title: null })] }));
    const line = screen.getByTestId("missed-breakthrough");
    expect(text(within(line).getByTestId("missed-why"))).toBe("broke through");
    expect(text(within(line).getByTestId("missed-title"))).toBe("(no title)");
  });

  it("is dismissed with ×, and stays away until the next review", async () => {
    const { ondismiss, rerender } = shown(morning());
    const dismiss = screen.getByRole("button", { name: "Dismiss" });
    await fireEvent.click(dismiss);
    expect(ondismiss).toHaveBeenCalledOnce();
    expect(summary(), "gone").toBeNull();

    await rerender({ missed: { ...morning(), held: 15 } });
    expect(summary(), "more held since the same review: still dismissed").toBeNull();
    await rerender({ missed: { ...morning(), since: at(9, 45) } });
    expect(summary(), "a new review: shown again").not.toBeNull();
  });

  it("folds to its heading line with more than three breakthroughs, and opens and closes", async () => {
    const five = [1, 2, 3, 4, 5].map((id) => through(id, { title: `Alert ${id}` }));
    shown({ ...morning(), breakthroughs: five });
    const fold = screen.getByTestId("missed-fold");
    const body = screen.getByTestId("missed-body");
    expect(fold.getAttribute("aria-expanded"), "folded at first").toBe("false");
    expect(fold.getAttribute("aria-controls")).toBe(body.id);
    expect(body.hidden, "chips and breakthroughs hidden").toBe(true);
    expect(text(screen.getByTestId("missed-heading")), "the line still counts").toBe(
      "While you were away: 14 held, 5 broke through since 09:00",
    );
    expect(screen.queryAllByRole("button").map(text), "only Show and × reachable").toEqual(["Show", "×"]);

    await fireEvent.click(fold);
    expect(fold.getAttribute("aria-expanded")).toBe("true");
    expect(body.hidden).toBe(false);
    expect(text(fold)).toBe("Hide");
    expect(screen.getAllByTestId("missed-breakthrough").length).toBe(5);

    await fireEvent.click(fold);
    expect(body.hidden, "folded again").toBe(true);
  });

  it("does not fold with three breakthroughs or fewer", () => {
    shown({ ...morning(), breakthroughs: [through(1), through(2), through(3)] });
    expect(screen.queryByTestId("missed-fold")).toBeNull();
    expect(screen.getByTestId("missed-body").hidden).toBe(false);
  });
});

describe("what you missed, with hostile text", () => {
  type Field = string | null | { repeat: string; length: number };
  type Entry = { name: string; sender: Field; title: Field };
  const SINK = "http://127.0.0.1:9";
  const expand = (field: Field): string | null =>
    field === null || typeof field === "string"
      ? (field?.replaceAll("{{SINK}}", SINK) ?? null)
      : field.repeat.repeat(Math.ceil(field.length / field.repeat.length)).slice(0, field.length);
  const entries = (JSON.parse(corpusText) as { messages: Entry[] }).messages;
  const FORBIDDEN =
    "script, img, svg, iframe, object, embed, style, link, meta, base, form, a, b, image, foreignObject";

  it("shows senders, sources, titles and rules as the same text, making no element or attribute of them", async () => {
    const hostile = entries.map((entry, i) => ({
      sender: expand(entry.sender) ?? entry.name,
      title: expand(entry.title),
      id: 500 + i,
    }));
    const { container } = shown(
      missed({
        held: 99,
        by_sender: hostile.slice(0, 5).map((h, i) => ({ label: h.sender, count: 5 - i })),
        by_source: hostile.slice(5, 10).map((h, i) => ({ label: h.title ?? "", count: 5 - i })),
        breakthroughs: hostile
          .slice(0, 10)
          .map((h) => through(h.id, { from: h.sender, title: h.title, why: `from ${h.sender}` })),
      }),
    );
    // Folded at first (ten breakthroughs); open it so everything is drawn in full.
    await fireEvent.click(screen.getByTestId("missed-fold"));
    expect(chips("sender").map((chip) => chip.querySelector(".label")?.textContent)).toEqual(
      hostile.slice(0, 5).map((h) => h.sender),
    );
    expect(chips("source").map((chip) => chip.querySelector(".label")?.textContent)).toEqual(
      hostile.slice(5, 10).map((h) => h.title ?? ""),
    );
    const lines = screen.getAllByTestId("missed-breakthrough");
    expect(lines.map((line) => within(line).getByTestId("missed-from").textContent)).toEqual(
      hostile.slice(0, 10).map((h) => h.sender),
    );
    expect(lines.map((line) => within(line).getByTestId("missed-title").textContent)).toEqual(
      hostile.slice(0, 10).map((h) => h.title?.trim() || "(no title)"),
    );
    expect(lines.map((line) => within(line).getByTestId("missed-why").textContent)).toEqual(
      hostile.slice(0, 10).map((h) => `broke through: ${`from ${h.sender}`.trim()}`),
    );

    expect(container.querySelectorAll(FORBIDDEN).length, "no element from the text").toBe(0);
    for (const element of container.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        expect(attribute.name.startsWith("on"), `no event attribute (${attribute.name})`).toBe(false);
        expect(attribute.value, "no url() in any attribute").not.toMatch(/url\(/i);
        expect(attribute.value, "no sink address in any attribute").not.toContain(SINK);
      }
    }
  });
});
