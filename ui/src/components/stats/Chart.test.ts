/** The chart's frame as the page gives it: the text size follows the user's root font. */

import { cleanup, render, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChartFrame, ChartSpec } from "../../lib/stats-chart";
import Chart from "./Chart.svelte";

// jsdom has no canvas: a stand-in uPlot that draws nothing.
vi.mock("uplot", () => {
  class FakePlot {
    static paths = { bars: () => () => null };
    width = 0;
    setSize(): void {}
    destroy(): void {}
  }
  return { default: FakePlot };
});

afterEach(() => {
  cleanup();
  document.documentElement.style.removeProperty("font-size");
});

/** The frames the chart was built for, once it has drawn. */
async function framesAt(rootFont: string | null): Promise<ChartFrame[]> {
  if (rootFont !== null) document.documentElement.style.fontSize = rootFont;
  const frames: ChartFrame[] = [];
  const build = (frame: ChartFrame): ChartSpec => {
    frames.push(frame);
    return { options: { width: frame.width, height: frame.height, series: [] }, data: [[]] };
  };
  render(Chart, { build, testid: "chart" });
  await waitFor(() => expect(frames.length).toBeGreaterThan(0));
  return frames;
}

describe("a stats chart", () => {
  it("sets its text at 0.75rem of the root font: 12 px at the default 16 px", async () => {
    expect((await framesAt(null))[0]?.textPx).toBe(12);
  });

  it("and larger when the user's font is larger", async () => {
    expect((await framesAt("24px"))[0]?.textPx).toBe(18);
  });
});
