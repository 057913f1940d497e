/**
 * The window as assistive technology reads it and as it grows with the user's font: one `h1` on
 * every tab (the header's mode line), the view's headings in order below it, the inbox's groups
 * named by their headings inside a listbox that holds only groups and options, the undo toast a
 * status region; every size in rem, so the window follows the root font, and the inbox's rows,
 * which are placed by arithmetic, grow with it without overlapping or clipping their text.
 */

import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import inboxListSource from "./components/InboxList.svelte?raw";
import { HEADER_REM, ROW_REM } from "./lib/inbox-layout";
import { fakeInbox, messagesFrom } from "./test-support/inbox";
import { fakeSettingsEngine } from "./test-support/settings";
import { block, iso, NOW, runningStatus } from "./test-support/status";
import { openWindow as open, sourceFile, useWindowTest } from "./test-support/window";

type Heading = { level: number; text: string };

/** The headings a screen reader lists, in document order: none that is hidden or inside something hidden. */
function outline(): Heading[] {
  const found = document.querySelectorAll<HTMLElement>("h1, h2, h3, h4, h5, h6, [role='heading']");
  return [...found]
    .filter((h) => h.closest("[hidden], [aria-hidden='true']") === null)
    .map((h) => ({
      level: Number(h.getAttribute("aria-level") ?? h.tagName.slice(1)),
      text: h.textContent?.replace(/\s+/g, " ").trim() ?? "",
    }));
}

/** That the outline opens with the window's one `h1` and never skips a level on the way down. */
function expectInOrder(headings: Heading[], where: string): void {
  expect(
    headings.filter((h) => h.level === 1).map((h) => h.text),
    `${where}: one h1, the header's`,
  ).toEqual([screen.getByTestId("state").textContent]);
  expect(headings[0]?.level, `${where}: the h1 comes first`).toBe(1);
  headings.forEach((h, i) => {
    const before = headings[i - 1];
    if (before !== undefined)
      expect(
        h.level,
        `${where}: "${h.text}" (h${h.level}) after "${before.text}" (h${before.level})`,
      ).toBeLessThanOrEqual(before.level + 1);
  });
}

/** What a listbox owns, looking through the elements without a role (as the ARIA spec does). */
function ownedRoles(element: Element): string[] {
  return [...element.children].flatMap((child) => {
    if (child.getAttribute("aria-hidden") === "true" || child.hasAttribute("hidden")) return [];
    const role = child.getAttribute("role");
    return role === null && child.tagName === "DIV" ? ownedRoles(child) : [role ?? child.tagName.toLowerCase()];
  });
}

useWindowTest();
afterEach(() => {
  document.documentElement.style.removeProperty("font-size");
});

describe("the window's headings", () => {
  it("on the Focus tab: the mode, then the day and the work hours, and the running block's intent", async () => {
    const engine = fakeSettingsEngine();
    open("focus");
    await screen.findByTestId("today-list");
    expectInOrder(outline(), "no block");
    expect(outline().map((h) => h.text)).toEqual([screen.getByTestId("state").textContent, "Today", "Work hours"]);

    cleanup();
    engine.status = runningStatus(block());
    open("focus");
    await screen.findByTestId("intent-display");
    expectInOrder(outline(), "a block running");
    expect(outline().map((h) => h.level)).toEqual([1, 2, 2, 2]);
  });

  it("on the Inbox tab: what was missed, each group and the message shown, all under the mode", async () => {
    const engine = fakeInbox([...messagesFrom("Alice", 2, 10), ...messagesFrom("CI", 3, 20)]);
    engine.missed = { since: iso(NOW - 3_600_000), held: 5, by_sender: [], by_source: [], breakthroughs: [] };
    open("inbox");
    await screen.findByTestId("missed-heading");
    await waitFor(() => expect(screen.getAllByTestId("group-heading")).toHaveLength(2));

    const headings = outline();
    expectInOrder(headings, "the inbox");
    expect(headings.filter((h) => h.level === 2).map((h) => h.text)).toEqual([
      expect.stringContaining("While you were away"),
      "CI 3",
      "Alice 2",
      expect.any(String),
    ]);
  });

  it("names each group of the inbox by its heading, inside a listbox that holds only groups and options", async () => {
    fakeInbox([...messagesFrom("Alice", 2, 10), ...messagesFrom("CI", 3, 20)]);
    open("inbox");
    const list = await screen.findByRole("listbox", { name: "Inbox" });
    await waitFor(() => expect(within(list).getAllByRole("option")).toHaveLength(5));

    expectInOrder(outline(), "the inbox with nothing missed");
    expect(ownedRoles(list), "the listbox's own children").toEqual(["group", "group"]);
    for (const [name, count] of [
      ["CI 3", 3],
      ["Alice 2", 2],
    ] as const) {
      const group = within(list).getByRole("group", { name });
      expect(within(group).getByRole("heading", { level: 2 }).textContent?.replace(/\s+/g, " ").trim()).toBe(name);
      expect(
        ownedRoles(group).filter((role) => role !== "h2"),
        `the rest of ${name}: its options`,
      ).toEqual(Array(count).fill("option"));
    }
  });

  it("on the Settings tab: Settings, then the section shown, then its parts", async () => {
    fakeSettingsEngine();
    open("settings");
    await screen.findByLabelText("Monday window 1 start");
    expectInOrder(outline(), "the first section");

    await fireEvent.click(screen.getByTestId("section-sources"));
    await screen.findByText("Publish tokens");
    const headings = outline();
    expectInOrder(headings, "the sources");
    expect(headings.map((h) => h.level)).toEqual([1, 2, 3, 4, 4]);
    // Settings and its sections are loaded when first shown: their first import in a run is slow.
  }, 20_000);
});

describe("the window's live regions", () => {
  it("announce the undo toast from a status region that is there before the first action", async () => {
    fakeInbox(messagesFrom("CI", 2, 1));
    open("inbox");
    const list = await screen.findByRole("listbox", { name: "Inbox" });
    await waitFor(() => expect(document.activeElement).toBe(list));
    const region = screen.getByTestId("undo-toast-region");
    expect(region.getAttribute("role")).toBe("status");
    expect(region.textContent?.trim(), "empty until something is done").toBe("");

    await fireEvent.keyDown(list, { key: "e" });
    await waitFor(() =>
      expect(within(region).getByTestId("undo-toast-message").textContent).toBe("Marked 1 message done"),
    );
  });
});

/** The styles in a file, without their comments: a component's `<style>` (if any), or a whole stylesheet. */
function styleOf(path: string, source: string): string {
  const style = path.endsWith(".css") ? source : (/<style>([\s\S]*?)<\/style>/.exec(source)?.[1] ?? "");
  return style.replace(/\/\*[\s\S]*?\*\//g, "");
}

/** A stylesheet as on disk, by its path as `import.meta.glob` names the components'. */
const stylesheet = (name: string): [string, string] => [`./${name}`, sourceFile(name)];

/** The window's styles (Stats and its parts are left to their own tests). */
const sheets: [string, string][] = [
  stylesheet("app.css"),
  stylesheet("components/settings/settings.css"),
  ...Object.entries(
    import.meta.glob<string>(
      [
        "./App.svelte",
        "./components/*.svelte",
        "./components/settings/*.svelte",
        "./components/welcome/*.svelte",
        "./views/*.svelte",
        "!./views/Stats.svelte",
      ],
      { query: "?raw", import: "default", eager: true },
    ),
  ),
];

describe("the window's sizes", () => {
  it("start from the user's own font size", () => {
    const [path, source] = stylesheet("app.css");
    const css = styleOf(path, source);
    const root = /:root \{([^}]*)\}/.exec(css)?.[1] ?? "";
    expect(root).toMatch(/font-size: 100%;/);
  });

  it("are in rem or em, so they grow with it; only lines (borders, outlines, shadows, hairlines) are in px", () => {
    expect(sheets.length, "the files looked through").toBeGreaterThan(30);
    expect(
      sheets.filter(([path, source]) => path.endsWith(".css") && styleOf(path, source).trim() === ""),
      "the stylesheets read from disk",
    ).toEqual([]);
    const fixed: string[] = [];
    for (const [path, source] of sheets) {
      for (const [, property = "", value = ""] of styleOf(path, source).matchAll(/([\w-]+)\s*:\s*([^;{}]+);/g)) {
        const pixels = [...value.matchAll(/(-?[\d.]+)px\b/g)].map((m) => Math.abs(Number(m[1])));
        const line = /^(border|outline)/.test(property) || property === "box-shadow" || property === "--shadow";
        if (pixels.length > 0 && !line && pixels.some((px) => px > 1)) fixed.push(`${path}: ${property}: ${value}`);
      }
    }
    expect(fixed).toEqual([]);
  });
});

/** A rule's declarations in InboxList.svelte's style, by property. */
function rule(selector: string): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const body = new RegExp(`\\n  ${escaped} \\{([^}]*)\\}`).exec(styleOf("InboxList.svelte", inboxListSource))?.[1];
  if (body === undefined) throw new Error(`no rule for ${selector} in InboxList.svelte`);
  const declarations: Record<string, string> = {};
  for (const [, property = "", value = ""] of body.matchAll(/([\w-]+):\s*([^;]+);/g))
    declarations[property] = value.trim();
  return declarations;
}

const rem = (value: string | undefined): number => {
  const match = /^([\d.]+)rem$/.exec(value ?? "");
  if (match === null) throw new Error(`not a rem length: ${value}`);
  return Number(match[1]);
};

/** A line of text's height in rem: its font size times its (unitless) line height. */
const lineOf = (selector: string): number => rem(rule(selector)["font-size"]) * Number(rule(selector)["line-height"]);

describe("the inbox's rows at any font size", () => {
  it("hold their two lines, and the headings theirs, with room to spare (all in rem, as the heights are)", () => {
    const row = lineOf(".title") + rem(rule(".text")["gap"]) + lineOf(".sub");
    expect(row, "title, gap and sender line").toBeLessThan(ROW_REM - 0.5);
    const meta = 2 * lineOf(".meta") + rem(rule(".meta")["gap"]);
    expect(meta, "the time over the flags").toBeLessThan(ROW_REM - 0.5);
    const padding = (rule(".heading")["padding"] ?? "").split(/\s+/);
    const heading = lineOf(".heading") + rem(padding[2] ?? padding[0]);
    expect(heading, "a heading's line above its bottom padding").toBeLessThan(HEADER_REM - 0.5);
  });

  it.each([
    [20, 45, 75],
    [24, 54, 90],
  ])(
    "at a %i px root font: headings of %i px and rows of %i px, stacked without a gap or an overlap",
    async (font, header, row) => {
      document.documentElement.style.fontSize = `${font}px`;
      fakeInbox([...messagesFrom("Alice", 2, 10), ...messagesFrom("CI", 3, 20)]);
      open("inbox");
      const list = await screen.findByRole("listbox", { name: "Inbox" });
      await waitFor(() => expect(within(list).getAllByRole("option")).toHaveLength(5));

      expect(list.style.getPropertyValue("--heading-height")).toBe(`${header}px`);
      expect(list.style.getPropertyValue("--row-height")).toBe(`${row}px`);
      const placed = [...list.querySelectorAll<HTMLElement>(".placed")].map((element) => ({
        top: Number(/translateY\((-?[\d.]+)px\)/.exec(element.style.transform)?.[1]),
        height: element.tagName === "H2" ? header : row,
      }));
      expect(placed.map((p) => p.height)).toEqual([header, row, row, row, header, row, row]);
      placed.reduce((bottom, p, i) => {
        expect(p.top, `item ${i} starts where the one above it ends`).toBe(bottom);
        return p.top + p.height;
      }, 0);
      const spacer = list.querySelector<HTMLElement>(".spacer");
      expect(spacer?.style.height, "and the list is as tall as they are").toBe(`${2 * header + 5 * row}px`);
    },
  );
});
