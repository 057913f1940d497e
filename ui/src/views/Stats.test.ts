import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultSettings } from "../test-support/settings";
import { interrupter, stats, WEEK_STARTS } from "../test-support/stats";
import Stats from "./Stats.svelte";

// jsdom has no canvas; a stand-in uPlot records what each chart was asked to draw.
const charts = vi.hoisted(
  () => [] as { options: { series: { label?: string; fill?: unknown }[] }; data: unknown[][]; destroyed: boolean }[],
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

/** Answers `stats`, and `settings` when given (the work hours, for the streaks). */
function engine(answer: unknown, settings?: unknown) {
  const calls: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === "stats") return answer;
    if (cmd === "settings" && settings !== undefined) return settings;
    throw `command ${cmd} not found`;
  });
  return calls;
}

const onstart = vi.fn();
const renderStats = () => render(Stats, { props: { onstart } });

afterEach(() => {
  cleanup();
  clearMocks();
  charts.length = 0;
  onstart.mockReset();
  delete document.documentElement.dataset["theme"];
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
    renderStats();

    expect(await screen.findByTestId("stats-completion")).toHaveProperty("textContent", "67%");
    expect(calls.filter((c) => c.cmd === "stats")).toEqual([{ cmd: "stats", args: { request: { weeks: 8 } } }]);
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

  it("says what will appear, and offers a first block, when no block ran: no empty charts", async () => {
    engine(stats());
    renderStats();

    const empty = await screen.findByTestId("stats-empty");
    expect(within(empty).getByRole("heading").textContent).toBe("No focus blocks in the last 8 weeks");
    expect(empty.textContent).toContain("Once you finish a block, this page shows your focus minutes per day");
    for (const id of ["focus-chart", "focus-table", "stats-completion", "stats-streak", "weekday-table"]) {
      expect(screen.queryByTestId(id), `no ${id} without blocks`).toBeNull();
    }

    await fireEvent.click(within(empty).getByRole("button", { name: "Start a focus block" }));
    expect(onstart).toHaveBeenCalledTimes(1);
  });

  it("says so when no message arrived, with no empty chart or table of zeros", async () => {
    engine(stats({ "2025-11-03": { focus_secs: 1500, blocks_completed: 1 } }));
    renderStats();

    const empty = await screen.findByTestId("arrivals-empty");
    expect(within(empty).getByRole("heading").textContent).toBe("No messages in the last 8 weeks");
    expect(screen.queryByTestId("arrivals-chart")).toBeNull();
    expect(screen.queryByTestId("arrivals-table")).toBeNull();
    expect(screen.queryByTestId("stats-empty"), "the blocks have their figures").toBeNull();
    expect(screen.queryByTestId("interrupters"), "no second empty state saying the same").toBeNull();
  });

  it("shows the current and the best streak, not broken by days without work hours", async () => {
    const done = { focus_secs: 1500, blocks_completed: 1 };
    const figures = stats({
      // Tue 7 to Fri 10 Oct, and Mon 13: five work days in a row.
      ...Object.fromEntries(
        ["2025-10-07", "2025-10-08", "2025-10-09", "2025-10-10", "2025-10-13"].map((d) => [d, done]),
      ),
      // Thu 20, Fri 21, the weekend, Mon 24, Tue 25; today, Wednesday 26, not done yet.
      ...Object.fromEntries(["2025-11-20", "2025-11-21", "2025-11-24", "2025-11-25"].map((d) => [d, done])),
    });
    engine(figures, defaultSettings());
    renderStats();

    await waitFor(() => expect(screen.getByTestId("stats-streak").textContent).toBe("4 days"));
    expect(screen.getByTestId("stats-best-streak").textContent).toBe("5 days");
    expect(screen.getByTestId("streak-hint").textContent).toContain("days without work hours do not break it");
  });

  it("counts every day towards a streak when the work hours cannot be read", async () => {
    const done = { focus_secs: 1500, blocks_completed: 1 };
    engine(stats({ "2025-11-21": done, "2025-11-24": done, "2025-11-25": done }));
    renderStats();

    expect((await screen.findByTestId("stats-streak")).textContent, "the weekend broke it").toBe("2 days");
    expect(screen.getByTestId("streak-hint").textContent).not.toContain("work hours");
  });

  it("shows how often blocks are completed on each weekday, as a table", async () => {
    engine(
      stats({
        "2025-11-03": { focus_secs: 3000, blocks_completed: 2, blocks_cancelled: 1 },
        "2025-11-10": { focus_secs: 1500, blocks_completed: 1 },
        "2025-11-07": { focus_secs: 600, blocks_cancelled: 2 },
      }),
    );
    renderStats();

    const table = await screen.findByTestId("weekday-table");
    const cells = (day: string): (string | null)[] =>
      [...(within(table).getByText(day).closest("tr")?.querySelectorAll("td") ?? [])]
        .filter((td) => td.getAttribute("aria-hidden") !== "true")
        .map((td) => td.textContent);
    expect(screen.getAllByTestId("weekday-row").map((r) => r.querySelector("th")?.textContent)).toEqual([
      "Mon",
      "Tue",
      "Wed",
      "Thu",
      "Fri",
      "Sat",
      "Sun",
    ]);
    expect(cells("Mon")).toEqual(["75%", "3 of 4"]);
    expect(cells("Fri")).toEqual(["0%", "0 of 2"]);
    expect(cells("Tue"), "no rate where no block ended").toEqual(["—", "none"]);
  });

  it("draws the charts again in the theme's colours when the theme changes", async () => {
    // The colours each theme gives the chart, as app.css does through its variables.
    const sheet = document.createElement("style");
    sheet.textContent = `
      [data-testid="focus-chart"] { --chart-focus: #2f6f6a; --chart-grid: #dedbd4; }
      :root[data-theme="dark"] [data-testid="focus-chart"] { --chart-focus: #7cc4bc; --chart-grid: #373b3f; }`;
    document.head.append(sheet);
    try {
      engine(stats({ "2025-11-03": { focus_secs: 1500, blocks_completed: 1 } }));
      renderStats();
      const focusCharts = () => charts.filter((c) => c.options.series[1]?.label === "Focus");

      await waitFor(() => expect(focusCharts()).toHaveLength(1));
      expect(focusCharts()[0]?.options.series[1]?.fill, "light").toBe("#2f6f6a");

      document.documentElement.dataset["theme"] = "dark";
      await waitFor(() => expect(focusCharts()).toHaveLength(2));
      expect(focusCharts()[0]?.destroyed, "the light chart is gone").toBe(true);
      expect(focusCharts()[1]?.options.series[1]?.fill, "dark, read when drawn").toBe("#7cc4bc");
    } finally {
      sheet.remove();
    }
  });

  it("shows who interrupts you, one row per sender, each summed up in a sentence", async () => {
    const [, , , , , , lastWeek = "", thisWeek = ""] = WEEK_STARTS;
    engine(
      stats({}, { [lastWeek]: { held: 14, delivered: 3 }, [thisWeek]: { held: 10, broke_through: 3 } }, [
        interrupter("CI", { [lastWeek]: { held: 12 }, [thisWeek]: { held: 9, broke_through: 3 } }),
        interrupter("Slack", { [lastWeek]: { held: 2 }, [thisWeek]: { held: 1 } }, "desktop"),
      ]),
    );
    renderStats();

    const section = await screen.findByRole("region", { name: "Who interrupts you" });
    expect(within(section).getByRole("heading", { level: 3 }).textContent).toBe("Who interrupts you");
    const rows = within(section).getAllByTestId("interrupter");
    expect(rows.map((r) => within(r).getByTestId("interrupter-name").textContent)).toEqual(["CI", "Slack"]);
    expect(rows.map((r) => within(r).getByTestId("interrupter-total").textContent)).toEqual(["24", "3"]);
    expect(within(rows[1] ?? section).getByTestId("interrupter-source").textContent).toBe("Desktop notification");
    expect(within(rows[0] ?? section).getByTestId("interrupter-detail").textContent).toBe(
      "21 held, 3 broke through · 12 so far this week, as many as last week",
    );
    expect(within(rows[1] ?? section).getByTestId("interrupter-detail").textContent).toBe(
      "3 held · 1 so far this week, down from 2",
    );
    expect(rows.map((r) => within(r).getByTestId("interrupter-summary").textContent)).toEqual([
      "CI, Lull's HTTP API: 21 held, 3 broke through. 12 so far this week, as many as last week.",
      "Slack, Desktop notification: 3 held. 1 so far this week, down from 2.",
    ]);

    // The strip is for the eye: one bar per week, hidden from assistive technology, which reads the sentence.
    const strip = within(rows[0] ?? section).getByTestId("interrupter-strip");
    expect(strip.closest("[aria-hidden='true']"), "the strip is hidden from screen readers").not.toBeNull();
    expect(strip.children).toHaveLength(8);
    expect(strip.children[7]?.getAttribute("title")).toBe("Week of Mon 24 Nov: 9 held, 3 broke through");
    expect(section.style.getPropertyValue("--strip-held"), "the chart's colour, light or dark").toMatch(
      /^var\(--chart-held\b/,
    );
  });

  it("cuts a long name short in its row and keeps all of it in the tooltip", async () => {
    const long = `Deploy notifications for ${"the staging cluster ".repeat(10)}`.trim();
    engine(
      stats({}, { [WEEK_STARTS[7] ?? ""]: { held: 1 } }, [interrupter(long, { [WEEK_STARTS[7] ?? ""]: { held: 1 } })]),
    );
    renderStats();

    const name = await screen.findByTestId("interrupter-name");
    expect(name.getAttribute("title")).toBe(long);
    expect(name.textContent?.endsWith("…")).toBe(true);
    expect(Array.from(name.textContent ?? "").length).toBeLessThan(Array.from(long).length);
  });

  it("says nobody interrupted you when every message was delivered while you were open", async () => {
    engine(stats({}, { [WEEK_STARTS[7] ?? ""]: { delivered: 6 } }));
    renderStats();

    const empty = await screen.findByTestId("interrupters-empty");
    expect(within(empty).getByRole("heading").textContent).toBe("Nobody interrupted you in the last 8 weeks");
    expect(empty.textContent).toContain("Nothing was held during focus or quiet hours, and nothing broke through.");
    expect(screen.getByRole("heading", { name: "Who interrupts you" })).toBeTruthy();
    expect(screen.queryAllByTestId("interrupter")).toEqual([]);
  });

  it("shows a hostile sender's name as text, making no element or attribute of it", async () => {
    const hostile = `<img src=x onerror="alert(1)"><script>x</script>{@html x}`;
    const at = WEEK_STARTS[7] ?? "";
    engine(stats({}, { [at]: { held: 1 } }, [interrupter(hostile, { [at]: { held: 1 } })]));
    renderStats();

    const section = await screen.findByTestId("interrupters");
    const name = within(section).getByTestId("interrupter-name");
    expect(name.textContent).toBe(hostile);
    expect(name.getAttribute("title")).toBe(hostile);
    expect(within(section).getByTestId("interrupter-summary").textContent).toBe(
      `${hostile}, Lull's HTTP API: 1 held. 1 this week, none last week.`,
    );
    expect(section.querySelectorAll("img, script").length, "no element from the name").toBe(0);
    for (const element of section.querySelectorAll("*")) {
      const events = [...element.attributes].filter((a) => a.name.startsWith("on"));
      expect(events, `no event attribute on ${element.tagName}`).toEqual([]);
    }
  });

  it("shows the engine's message when the figures cannot be had", async () => {
    mockIPC(() => {
      throw { code: "storage", message: "the database could not be read" };
    });
    renderStats();

    expect((await screen.findByTestId("stats-error")).textContent).toBe("The database could not be read");
  });
});
