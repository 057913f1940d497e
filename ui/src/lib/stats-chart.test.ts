import { describe, expect, it } from "vitest";
import { statsView } from "./stats";
import {
  arrivalsChart,
  chartTextPx,
  focusChart,
  PALETTE_VARIABLES,
  type ChartFrame,
  type Palette,
} from "./stats-chart";
import { stats } from "../test-support/stats";

const palette = Object.fromEntries(
  Object.entries(PALETTE_VARIABLES).map(([name, [, fallback]]) => [name, fallback]),
) as Palette;
const view = statsView(stats());

describe("the charts' text", () => {
  it("is 0.75rem of the root font, in whole pixels", () => {
    expect(chartTextPx(16), "the default root font").toBe(12);
    expect(chartTextPx(20)).toBe(15);
    expect(chartTextPx(24)).toBe(18);
    expect(chartTextPx(18), "13.5 rounded: uPlot reads whole pixels only").toBe(14);
  });

  it("keeps the base size when the root font is unknown or absurd", () => {
    expect(chartTextPx(Number.NaN)).toBe(12);
    expect(chartTextPx(0)).toBe(12);
    expect(chartTextPx(10_000)).toBe(12);
  });

  it("sizes both charts' axis values and labels as the frame says, 12 px when it says nothing", () => {
    const at = (textPx?: number): ChartFrame => ({ palette, width: 800, height: 220, textPx });
    for (const build of [
      (frame: ChartFrame) => focusChart(view.days, frame),
      (frame: ChartFrame) => arrivalsChart(view.weeks, frame),
    ]) {
      expect(build(at(18)).options.axes?.map((a) => [a.font, a.labelFont])).toEqual([
        ["18px system-ui, sans-serif", "600 18px system-ui, sans-serif"],
        ["18px system-ui, sans-serif", "600 18px system-ui, sans-serif"],
      ]);
      expect(build(at()).options.axes?.map((a) => a.font)).toEqual([
        "12px system-ui, sans-serif",
        "12px system-ui, sans-serif",
      ]);
    }
  });
});
