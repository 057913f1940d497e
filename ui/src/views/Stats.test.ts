import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stats } from "../test-support/stats";
import Stats from "./Stats.svelte";

// jsdom has no canvas; a stand-in uPlot records what each chart was asked to draw.
const charts = vi.hoisted(
  () => [] as { options: { series: { label?: string }[] }; data: unknown[][]; destroyed: boolean }[],
);
vi.mock("uplot", () => {
  class FakePlot {
    static paths = { bars: () => () => null };
    width: number;
    record: (typeof charts)[number];
    constructor(options: { width: number; series: { label?: string }[] }, data: unknown[][]) {
      this.width = options.width;
      this.record = { options, data, destroyed: false };
      charts.push(this.record);
    }
    setSize({ width }: { width: number }): void {
      this.width = width;
    }
    destroy(): void {
      this.record.destroyed = true;
    }
  }
  return { default: FakePlot };
});

function engine(answer: unknown) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "stats") return answer;
    throw `command ${cmd} not found`;
  });
  return calls;
}

afterEach(() => {
  cleanup();
  clearMocks();
  charts.length = 0;
});

describe("the stats view", () => {
  it("asks the engine for eight weeks and shows the figures, the charts and the tables", async () => {
    const calls = engine(
      stats(
        {
          "2025-11-03": { focus_secs: 50 * 60, blocks_completed: 2 },
          "2025-11-04": { focus_secs: 25 * 60, blocks_cancelled: 1 },
        },
        { "2025-11-03": { held: 14, broke_through: 2, delivered: 5 } },
      ),
    );
    render(Stats);

    expect(await screen.findByTestId("stats-completion")).toHaveProperty("textContent", "67%");
    expect(calls).toEqual([{ cmd: "stats", args: { request: { weeks: 8 } } }]);
    expect(screen.getByTestId("stats-total").textContent).toBe("1 h 15 min");
    expect(screen.getByTestId("focus-chart")).toBeTruthy();
    expect(screen.getByTestId("arrivals-chart")).toBeTruthy();
    // uPlot loads with the first chart, so the charts are drawn a moment later.
    await waitFor(() =>
      expect(charts.map((c) => c.options.series.map((s) => s.label))).toEqual([
        ["Day", "Focus"],
        ["Week", "Held", "Broke through", "Delivered"],
      ]),
    );

    const focusTable = screen.getByTestId("focus-table");
    expect(focusTable.querySelector("caption")?.textContent).toBe("Focus minutes per day, Mon 6 Oct to Wed 26 Nov");
    const monday = within(focusTable).getByText("Mon 3 Nov").closest("tr");
    expect([...(monday?.querySelectorAll("td") ?? [])].map((td) => td.textContent)).toEqual(["50", "2", "0"]);

    const week = within(screen.getByTestId("arrivals-table")).getByText("Week of Mon 3 Nov").closest("tr");
    expect([...(week?.querySelectorAll("td") ?? [])].map((td) => td.textContent)).toEqual(["14", "2", "5"]);
  });

  it("says so plainly when no block ran, and draws no focus chart", async () => {
    engine(stats());
    render(Stats);

    expect((await screen.findByTestId("stats-empty")).textContent).toBe("No focus blocks in the last 8 weeks.");
    expect(screen.getByTestId("stats-completion").textContent, "no rate without blocks").toBe("—");
    expect(screen.queryByTestId("focus-chart")).toBeNull();
    expect(screen.queryByTestId("focus-table")).toBeNull();
    expect(screen.getByTestId("arrivals-empty").textContent).toBe("No messages arrived in the last 8 weeks.");
    expect(charts).toHaveLength(0);
  });

  it("shows the engine's message when the figures cannot be had", async () => {
    mockIPC(() => {
      throw { code: "storage", message: "the database could not be read" };
    });
    render(Stats);

    expect((await screen.findByTestId("stats-error")).textContent).toBe("The database could not be read");
  });
});
