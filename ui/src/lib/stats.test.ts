import { describe, expect, it } from "vitest";
import { stats } from "../test-support/stats";
import { completionRate, dayLabel, formatMinutes, formatRate, statsView, weekLabel } from "./stats";
import type uPlot from "uplot";
import {
  arrivalsChart,
  focusChart,
  PALETTE_VARIABLES,
  readPalette,
  type ChartFrame,
  type Palette,
} from "./stats-chart";
import { readFileSync } from "node:fs";

const palette: Palette = {
  text: "#111",
  grid: "#ddd",
  focus: "#2f6f6a",
  held: "#8a6d1f",
  brokeThrough: "#b03a2e",
  delivered: "#4d64a8",
};

describe("date labels", () => {
  it("write a calendar day as weekday, day and month", () => {
    expect(dayLabel("2025-11-03")).toBe("Mon 3 Nov");
    expect(dayLabel("2025-12-31")).toBe("Wed 31 Dec");
  });

  it("read the engine's date as a local day, never as UTC midnight", () => {
    // Parsed as UTC, 1 March would show as Sat 28 Feb anywhere west of Greenwich.
    expect(dayLabel("2026-03-01")).toBe("Sun 1 Mar");
  });

  it("name a week by its Monday", () => {
    expect(weekLabel("2025-11-03")).toBe("Week of Mon 3 Nov");
  });

  it("leave anything that is not a calendar day as it came", () => {
    expect(dayLabel("soon")).toBe("soon");
  });
});

describe("statsView", () => {
  it("gives every day its focus in whole minutes, rounded down", () => {
    const view = statsView(
      stats({
        "2025-11-03": { focus_secs: 25 * 60 + 59, blocks_completed: 1 },
        "2025-11-04": { focus_secs: 90 * 60, blocks_completed: 1, blocks_cancelled: 1 },
      }),
    );
    expect(view.days, "one row per day, from Monday 6 Oct to Wednesday 26 Nov").toHaveLength(52);
    expect(view.days.find((d) => d.date === "2025-11-03")).toMatchObject({
      label: "Mon 3 Nov",
      minutes: 25,
      weekStart: true,
    });
    expect(view.days.find((d) => d.date === "2025-11-04")).toMatchObject({
      label: "Tue 4 Nov",
      minutes: 90,
      cancelled: 1,
    });
    expect(view.totalMinutes).toBe(115);
    expect(view.hasFocus).toBe(true);
  });

  it("marks the Mondays, where the chart puts its date ticks", () => {
    const mondays = statsView(stats())
      .days.filter((d) => d.weekStart)
      .map((d) => d.label);
    expect(mondays).toEqual([
      "Mon 6 Oct",
      "Mon 13 Oct",
      "Mon 20 Oct",
      "Mon 27 Oct",
      "Mon 3 Nov",
      "Mon 10 Nov",
      "Mon 17 Nov",
      "Mon 24 Nov",
    ]);
  });

  it("labels the weeks and keeps held, broke through and delivered apart", () => {
    const view = statsView(stats({}, { "2025-11-03": { held: 14, broke_through: 2, delivered: 5 } }));
    expect(view.weeks).toHaveLength(8);
    expect(view.weeks[4]).toEqual({
      start: "2025-11-03",
      label: "Week of Mon 3 Nov",
      shortLabel: "3 Nov",
      held: 14,
      brokeThrough: 2,
      delivered: 5,
    });
    expect(view.hasMessages).toBe(true);
  });

  it("says there is nothing to show when no block ran and no message came", () => {
    const view = statsView(stats());
    expect(view.hasFocus).toBe(false);
    expect(view.hasMessages).toBe(false);
    expect(view.completionRate).toBeNull();
    expect(formatRate(view.completionRate)).toBe("—");
  });
});

describe("completionRate", () => {
  it("is completed blocks over ended ones", () => {
    expect(completionRate(3, 1)).toBe(0.75);
    expect(formatRate(completionRate(3, 1))).toBe("75%");
    expect(formatRate(completionRate(2, 1)), "rounded to a whole percent").toBe("67%");
  });

  it("is none, not zero, when no block ended", () => {
    expect(completionRate(0, 0)).toBeNull();
    expect(formatRate(completionRate(0, 2))).toBe("0%");
  });
});

describe("formatMinutes", () => {
  it("uses hours from sixty minutes up", () => {
    expect(formatMinutes(0)).toBe("0 min");
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(120)).toBe("2 h");
    expect(formatMinutes(95)).toBe("1 h 35 min");
  });
});

describe("the charts", () => {
  const frame: ChartFrame = { palette, width: 800, height: 220 };
  const view = statsView(
    stats(
      { "2025-11-03": { focus_secs: 50 * 60, blocks_completed: 1 } },
      { "2025-10-06": { held: 3, broke_through: 1 } },
    ),
  );

  it("label both axes of the focus chart, with minutes as the unit", () => {
    const { options, data } = focusChart(view.days, frame);
    expect(options.axes?.map((a) => a.label)).toEqual(["Day", "Focus (minutes)"]);
    expect(data[1]?.[view.days.findIndex((d) => d.date === "2025-11-03")]).toBe(50);
    expect(options.series[1]?.fill, "bars take the palette's colour").toBe("#2f6f6a");
  });

  it("write the focus chart's date ticks as 'Mon 3 Nov'", () => {
    const { options } = focusChart(view.days, frame);
    const xAxis = options.axes?.[0];
    const wide = { width: 800 } as uPlot;
    const splits = (xAxis?.splits as (u: uPlot) => number[])(wide);
    const values = (xAxis?.values as (u: uPlot, s: number[]) => string[])(wide, splits);
    expect(values).toContain("Mon 3 Nov");
    expect(values, "a tick on every Monday").toHaveLength(8);
    const narrow = { width: 420 } as uPlot;
    expect((xAxis?.splits as (u: uPlot) => number[])(narrow), "every other Monday when narrow").toHaveLength(4);
  });

  it("name every series of the weekly chart in its legend, and label its axes", () => {
    const { options, data } = arrivalsChart(view.weeks, frame);
    expect(options.series.map((s) => s.label)).toEqual(["Week", "Held", "Broke through", "Delivered"]);
    expect(options.axes?.map((a) => a.label)).toEqual(["Week starting", "Messages"]);
    expect(data.map((column) => column[0])).toEqual([0, 3, 1, 0]);
    expect(options.legend?.show).toBe(true);
  });
});

describe("the chart palette", () => {
  // Read from disk: Vitest hands CSS imports over empty. (Not `new URL(…, import.meta.url)`, which
  // Vite rewrites into an asset address.)
  const here = decodeURI(import.meta.url.replace(/^file:\/\//, ""));
  const appCss = readFileSync(`${here.slice(0, here.lastIndexOf("/"))}/../app.css`, "utf8");
  /** A computed style that has only the given variables. */
  const styleWith = (variables: Record<string, string>): Pick<CSSStyleDeclaration, "getPropertyValue"> => ({
    getPropertyValue: (name) => variables[name] ?? "",
  });

  it("takes every colour from its CSS variable, as the theme has it when the chart draws", () => {
    const dark = styleWith({
      "--chart-text": " #a4a9af ",
      "--chart-grid": "#373b3f",
      "--chart-focus": "#7cc4bc",
      "--chart-held": "#d9b45a",
      "--chart-broke-through": "#f0907f",
      "--chart-delivered": "#9fb3ec",
    });
    expect(readPalette(dark)).toEqual({
      text: "#a4a9af",
      grid: "#373b3f",
      focus: "#7cc4bc",
      held: "#d9b45a",
      brokeThrough: "#f0907f",
      delivered: "#9fb3ec",
    });
  });

  it("falls back to the light theme's colour only where a variable is missing", () => {
    const palette = readPalette(styleWith({ "--chart-focus": "#7cc4bc" }));
    expect(palette.focus).toBe("#7cc4bc");
    expect(palette.grid).toBe(PALETTE_VARIABLES.grid[1]);
  });

  it("is dark in the dark theme: app.css gives every chart variable a dark value", () => {
    const sheet = document.createElement("style");
    sheet.textContent = appCss;
    document.head.append(sheet);
    try {
      const root = document.documentElement;
      /** A variable's value on <html>, following var() as the browser does. */
      const resolve = (name: string): string => {
        const value = getComputedStyle(root).getPropertyValue(name).trim();
        const inner = /^var\((--[\w-]+)\)$/.exec(value)?.[1];
        return inner === undefined ? value : resolve(inner);
      };
      const palette = (): string[] => Object.values(PALETTE_VARIABLES).map(([name]) => resolve(name));

      root.dataset["theme"] = "light";
      const light = palette();
      root.dataset["theme"] = "dark";
      const dark = palette();
      expect(
        light.every((c) => /^#[0-9a-f]{6}$/.test(c)),
        `light colours: ${light.join(" ")}`,
      ).toBe(true);
      expect(
        dark.every((c) => /^#[0-9a-f]{6}$/.test(c)),
        `dark colours: ${dark.join(" ")}`,
      ).toBe(true);
      dark.forEach((colour, i) => expect(colour, `${Object.keys(PALETTE_VARIABLES)[i]} changes`).not.toBe(light[i]));
      expect(resolve("--chart-grid"), "the dark theme's border, not the light one").toBe(resolve("--border"));
    } finally {
      sheet.remove();
      delete document.documentElement.dataset["theme"];
    }
  });

  it("is dark under the system's dark preference too: both dark palettes set the same chart colours", () => {
    const media = /@media \(prefers-color-scheme: dark\)\s*\{([\s\S]*?)\n\}/.exec(appCss)?.[1] ?? "";
    const attribute = /:root\[data-theme="dark"\]\s*\{([\s\S]*?)\n\}/.exec(appCss)?.[1] ?? "";
    const chartColours = (block: string): string[] => block.match(/--chart-[\w-]+:\s*[^;]+/g) ?? [];
    expect(chartColours(attribute).length, "the dark palette sets the series' colours").toBeGreaterThanOrEqual(3);
    expect(chartColours(media)).toEqual(chartColours(attribute));
  });
});
