/**
 * The window's frame: one header that stays put whatever the tab, over one panel that scrolls
 * (jsdom lays nothing out, so what is checked is the structure that makes it so), and focus that
 * stays visible in high contrast.
 */

import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import App from "./App.svelte";
import { VIEWS } from "./lib/view";
import { stats } from "./test-support/stats";
import { idleStatus } from "./test-support/status";
import { fakeEngine as fakeWindowEngine, openWindow, sourceFile, useWindowTest } from "./test-support/window";

function fakeEngine(): void {
  fakeWindowEngine(idleStatus(), {
    inbox_overview: () => ({ groups: [], total: 0, snoozed: 0, pinned: 0, done: 0, reviewed_at: null }),
    stats: () => stats(),
  });
}

useWindowTest();

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
    fakeEngine();
    openWindow("stats");
    const panel = await screen.findByTestId("view-stats");

    panel.scrollTop = 400;
    await fireEvent.click(screen.getByTestId("tab-focus"));
    expect(screen.getByTestId("view-focus").scrollTop).toBe(0);
  });

  it("scrolls in the panel the whole window wide, and fills it with the inbox, which scrolls inside itself", () => {
    const app = sourceFile("App.svelte");
    const rule = (selector: string): string => new RegExp(`\\n  ${selector} \\{([^}]*)\\}`).exec(app)?.[1] ?? "";
    expect(rule("\\.panel"), "the panel is the scroller").toMatch(/overflow-y: auto/);
    expect(rule("\\.panel"), "it spans the window and places its content by the shared edge").toMatch(
      /padding: [^;]*var\(--edge\)/,
    );
    expect(rule("\\.header"), "the header places its content by the same edge").toMatch(/padding: [^;]*var\(--edge\)/);
    expect(rule("\\.panel\\.fill")).toMatch(/overflow: hidden/);
  });
});

/** app.css's rules for high contrast (forced colours). */
const forcedColours = (): string =>
  /@media \(forced-colors: active\) \{([\s\S]*?)\n\}/.exec(sourceFile("app.css"))?.[1] ?? "";

describe("high contrast", () => {
  it("draws focus as a thick outline in the system's highlight colour, over any outline: none", () => {
    expect(forcedColours()).toMatch(/:focus-visible \{\s*outline: 3px solid Highlight !important;/);
  });

  it("paints the selected tab in the highlight colour, as a tint alone would vanish", () => {
    const tab = /\[role="tablist"\] > button\[role="tab"\]\[aria-selected="true"\] \{([^}]*)\}/.exec(forcedColours());
    expect(tab?.[1], "one rule for every tab list (the window's, Settings'), in app.css").toMatch(
      /background: Highlight;/,
    );
    expect(tab?.[1]).toMatch(/color: HighlightText;/);
    for (const file of ["App.svelte", "components/settings/SectionList.svelte"]) {
      expect(sourceFile(file), `${file} draws its tabs in a tablist, as the rule wants`).toMatch(
        /role="tablist"[^>]*>\s*\{#each [^}]*\}\s*<button[^>]*role="tab"/,
      );
    }
  });

  it("outlines the pressed one of linked toggles (the inbox's views, Group by), as its face and shadow vanish", () => {
    expect(forcedColours()).toMatch(/\.segmented > button\[aria-pressed="true"\] \{[^}]*outline: 2px solid Highlight;/);
  });
});
