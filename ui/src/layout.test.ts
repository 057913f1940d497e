/**
 * The window's frame: one header that stays put whatever the tab, over one panel that scrolls
 * (jsdom lays nothing out, so what is checked is the structure that makes it so), and focus that
 * stays visible in high contrast.
 */

import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import App from "./App.svelte";
import { VIEWS } from "./lib/view";
import { stats } from "./test-support/stats";
import { idleStatus, NOW } from "./test-support/status";

function fakeEngine(): void {
  mockIPC((cmd) => {
    if (cmd === "status") return idleStatus();
    if (cmd === "inbox_overview") return { groups: [], total: 0, snoozed: 0, pinned: 0, done: 0, reviewed_at: null };
    if (cmd === "stats") return stats();
    throw `command ${cmd} not found`;
  });
}

/** The window's source, as on disk (Vitest hands CSS imports over empty). */
function source(name: string): string {
  const here = decodeURI(import.meta.url.replace(/^file:\/\//, ""));
  return readFileSync(`${here.slice(0, here.lastIndexOf("/"))}/${name}`, "utf8");
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
});

afterEach(() => {
  history.replaceState(null, "", "#");
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

describe("the window's frame", () => {
  it("keeps one header outside the scrolling panel, unchanged from tab to tab", async () => {
    fakeEngine();
    const { container } = render(App);
    await screen.findByTestId("mode");

    const header = container.querySelector("header.header");
    const shell = screen.getByRole("main");
    const panel = screen.getByRole("tabpanel");
    expect(header?.parentElement, "the header and the panel are siblings in the window").toBe(shell);
    expect(panel.parentElement).toBe(shell);
    expect(panel.contains(header), "the header does not scroll with the view").toBe(false);
    const before = {
      header: header?.outerHTML.replace(/aria-selected="\w+"|tabindex="-?\d"/g, ""),
      shell: shell.className,
    };

    for (const { id } of VIEWS) {
      await fireEvent.click(screen.getByTestId(`tab-${id}`));
      await screen.findByTestId(`view-${id}`);
      expect(container.querySelector("header.header"), `the same header on the ${id} tab`).toBe(header);
      expect(shell.className, `no tab changes the window's frame (${id})`).toBe(before.shell);
      expect(
        header?.outerHTML.replace(/aria-selected="\w+"|tabindex="-?\d"/g, ""),
        `only the selected tab changes in the header (${id})`,
      ).toBe(before.header);
      expect(screen.getByRole("tabpanel").firstElementChild?.className, "every view in the same column").toMatch(
        /\bcontent\b/,
      );
    }
  });

  it("opens each view at its top, not where the last one was scrolled to", async () => {
    history.replaceState(null, "", "#stats");
    fakeEngine();
    render(App);
    const panel = await screen.findByTestId("view-stats");

    panel.scrollTop = 400;
    await fireEvent.click(screen.getByTestId("tab-focus"));
    expect(screen.getByTestId("view-focus").scrollTop).toBe(0);
  });

  it("scrolls in the panel the whole window wide, and fills it with the inbox, which scrolls inside itself", () => {
    const app = source("App.svelte");
    const rule = (selector: string): string => new RegExp(`\\n  ${selector} \\{([^}]*)\\}`).exec(app)?.[1] ?? "";
    expect(rule("\\.panel"), "the panel is the scroller").toMatch(/overflow-y: auto/);
    expect(rule("\\.panel"), "it spans the window and places its content by the shared edge").toMatch(
      /padding: [^;]*var\(--edge\)/,
    );
    expect(rule("\\.header"), "the header places its content by the same edge").toMatch(/padding: [^;]*var\(--edge\)/);
    expect(rule("\\.panel\\.fill")).toMatch(/overflow: hidden/);
  });
});

describe("high contrast", () => {
  it("draws focus as a thick outline in the system's highlight colour, over any outline: none", () => {
    const css = source("app.css");
    const forced = /@media \(forced-colors: active\) \{([\s\S]*?)\n\}/.exec(css)?.[1] ?? "";
    expect(forced).toMatch(/:focus-visible \{\s*outline: 3px solid Highlight !important;/);
  });

  it("paints the selected tab in the highlight colour, as a tint alone would vanish", () => {
    const app = source("App.svelte");
    const forced = /@media \(forced-colors: active\) \{([\s\S]*?)\n {2}\}/.exec(app)?.[1] ?? "";
    expect(forced).toMatch(/\[role="tab"\]\[aria-selected="true"\] \{[^}]*background: Highlight;/);
    expect(forced).toMatch(/color: HighlightText;/);
  });
});
