import { emit } from "@tauri-apps/api/event";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import App from "./App.svelte";
import type { ErrorBody } from "./bindings/ErrorBody";
import type { FocusBlock } from "./bindings/FocusBlock";
import type { Status } from "./bindings/Status";
import { NAVIGATE_EVENT, STATUS_EVENT } from "./lib/ipc";
import { VIEWS } from "./lib/view";
import { stats } from "./test-support/stats";
import { block, idleStatus, iso, minutes, NOW, runningStatus } from "./test-support/status";
import { fakeEngine, openWindow, useWindowTest, type Call } from "./test-support/window";

/** What the user asked for: the reads the window makes by itself (the status, the presets) left out. */
const commands = (calls: Call[]): Call[] => calls.filter((c) => c.cmd !== "status" && c.cmd !== "settings");
const byTestId = (id: string): HTMLElement => screen.getByTestId(id);

useWindowTest();

describe("the Lull window", () => {
  it("says when the engine cannot save, and when it tries again", async () => {
    const status: Status = {
      ...idleStatus(),
      fault: {
        error: { code: "read_only", message: "Lull's data directory cannot be written (read-only)" },
        since: iso(NOW - minutes(2)),
        attempts: 3,
        retry_at: iso(NOW + 4000),
      },
    };
    fakeEngine(status);
    render(App);
    const fault = await waitFor(() => byTestId("fault"));
    expect(fault.getAttribute("role")).toBe("alert");
    expect(fault.textContent).toContain("Lull cannot save: Lull's data directory cannot be written (read-only)");
  });

  it("shows no fault line while all is well", async () => {
    fakeEngine(idleStatus());
    render(App);
    await waitFor(() => byTestId("mode"));
    expect(screen.queryByTestId("fault")).toBeNull();
  });

  it("shows the start controls when no block runs", async () => {
    const earlier = block({
      id: 7,
      intent: "Inbox zero",
      started_at: iso(NOW - minutes(90)),
      deadline: iso(NOW - minutes(65)),
      ended_at: iso(NOW - minutes(65)),
      outcome: "completed",
    });
    fakeEngine(idleStatus([earlier]));
    render(App);

    await waitFor(() => expect(byTestId("state").textContent).toBe("Open"));
    await screen.findByTestId("intent-input"); // the Focus view loads when first shown
    for (const id of ["intent-input", "preset-25", "preset-50", "preset-90", "custom-duration", "start"]) {
      expect(screen.queryByTestId(id), `${id} is shown when idle`).not.toBeNull();
    }
    for (const id of ["countdown", "stop", "extend-5", "extend-10"]) {
      expect(screen.queryByTestId(id), `${id} is hidden when idle`).toBeNull();
    }
    expect(byTestId("intent-input").getAttribute("placeholder")).toBe("What will you focus on?");
    expect(byTestId("intent-input").getAttribute("maxlength")).toBe("500");
    expect(byTestId("today-focus-minutes").textContent).toBe("25");
    expect(byTestId("today-completed").textContent).toBe("1");
    const rows = screen.getAllByTestId("block-row");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain("Inbox zero");
    expect(rows[0]?.textContent).toContain("completed");
    expect(rows[0]?.textContent).toContain("25 min");
  });

  it("shows the countdown, the intent and the controls while a block runs", async () => {
    const running = block({ started_at: iso(NOW - minutes(5)), deadline: iso(NOW + minutes(20) - 400) });
    fakeEngine(runningStatus(running));
    render(App);

    await waitFor(() => expect(byTestId("state").textContent).toBe("Focusing on Draft the Q3 report · 20 min left"));
    await screen.findByTestId("countdown"); // the Focus view loads when first shown
    expect(byTestId("countdown").textContent).toBe("20:00");
    expect(byTestId("intent-display").textContent?.trim()).toBe("Draft the Q3 report");
    expect(Number(screen.getByRole("progressbar").getAttribute("value")), "5 of 25 minutes spent").toBeCloseTo(0.2);
    for (const id of ["extend-5", "extend-10", "stop"]) {
      expect(byTestId(id).tagName, `${id} is a real button`).toBe("BUTTON");
    }
    expect(screen.queryByTestId("preset-25"), "no presets while focusing").toBeNull();
    const row = screen.getByTestId("block-row");
    expect(row.textContent).toContain("running");
    expect(row.textContent).toContain("5 min");
    expect(byTestId("today-focus-minutes").textContent).toBe("5");
  });

  it("names a block without an intent plainly, and shows long blocks with hours", async () => {
    fakeEngine(
      runningStatus(
        block({ intent: null, started_at: iso(NOW), deadline: iso(NOW + minutes(90)), planned_secs: 5400 }),
      ),
    );
    render(App);

    await waitFor(() => expect(byTestId("intent-display").textContent?.trim()).toBe("Focus block"));
    await screen.findByTestId("countdown"); // the Focus view loads when first shown
    expect(byTestId("countdown").textContent, "minutes only, beyond the last hour").toBe("1 h 30 min");
  });

  it("starts a preset block at once with the typed intent", async () => {
    const running = block({ started_at: iso(NOW), deadline: iso(NOW + minutes(25)) });
    const engine = fakeEngine(idleStatus(), {
      start_focus: () => {
        engine.status = runningStatus(running);
        return running;
      },
    });
    render(App);

    const intent = await screen.findByTestId("intent-input");
    await fireEvent.input(intent, { target: { value: "  Draft the Q3 report " } });
    await fireEvent.click(byTestId("preset-25"));

    await waitFor(() => expect(byTestId("state").textContent).toBe("Focusing on Draft the Q3 report · 25 min left"));
    expect(commands(engine.calls)).toEqual([
      { cmd: "start_focus", args: { request: { duration_secs: 1500, intent: "Draft the Q3 report" } } },
    ]);
    await screen.findByTestId("countdown"); // the Focus view loads when first shown
    expect(byTestId("countdown").textContent).toBe("25:00");
  });

  it.each([
    ["50", 3000],
    ["90", 5400],
  ])("sends no intent when none was typed (preset %s)", async (preset, durationSecs) => {
    const engine = fakeEngine(idleStatus(), { start_focus: () => block() });
    render(App);

    await fireEvent.click(await screen.findByTestId(`preset-${preset}`));

    await waitFor(() =>
      expect(commands(engine.calls)).toEqual([
        { cmd: "start_focus", args: { request: { duration_secs: durationSecs, intent: null } } },
      ]),
    );
  });

  it("starts a block of a custom length from the duration field", async () => {
    const engine = fakeEngine(idleStatus(), { start_focus: () => block() });
    render(App);

    const field = await screen.findByTestId("custom-duration");
    await fireEvent.input(field, { target: { value: "1h30m" } });
    // Enter in a text field submits its form; jsdom does not press keys, so submit as Enter would.
    await fireEvent.submit(field);

    await waitFor(() =>
      expect(commands(engine.calls)).toEqual([
        { cmd: "start_focus", args: { request: { duration_secs: 5400, intent: null } } },
      ]),
    );
  });

  it.each(["soon", "0", "13h"])("refuses the custom length %j before asking the engine", async (typed) => {
    const engine = fakeEngine(idleStatus());
    render(App);

    const field = await screen.findByTestId("custom-duration");
    await fireEvent.input(field, { target: { value: typed } });
    await fireEvent.click(byTestId("start"));

    const message = await screen.findByTestId("duration-error");
    expect(message.textContent).not.toBe("");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(commands(engine.calls), "nothing sent to the engine").toEqual([]);

    await fireEvent.input(field, { target: { value: "25" } });
    expect(screen.queryByTestId("duration-error"), "the message goes once the field changes").toBeNull();
  });

  it("extends and stops the running block", async () => {
    const running = block();
    const engine = fakeEngine(runningStatus(running), {
      extend_focus: () => running,
      stop_focus: () => running,
    });
    render(App);

    // The window runs one command at a time and says so with aria-busy.
    const settled = () => waitFor(() => expect(screen.getByRole("main").getAttribute("aria-busy")).toBe("false"));
    await fireEvent.click(await screen.findByTestId("extend-5"));
    await settled();
    await fireEvent.click(byTestId("extend-10"));
    await settled();
    await fireEvent.click(byTestId("stop"));
    await fireEvent.click(byTestId("stop-confirm"));

    await waitFor(() =>
      expect(commands(engine.calls)).toEqual([
        { cmd: "extend_focus", args: { request: { secs: 300 } } },
        { cmd: "extend_focus", args: { request: { secs: 600 } } },
        { cmd: "stop_focus", args: {} },
      ]),
    );
  });

  it("shows the engine's message when a command is refused, until dismissed", async () => {
    fakeEngine(idleStatus(), {
      start_focus: () => {
        throw {
          code: "focus_already_running",
          message: "a focus block is already running <b>now</b>",
        } satisfies ErrorBody;
      },
    });
    render(App);

    await fireEvent.click(await screen.findByTestId("preset-25"));

    const alert = await screen.findByRole("alert");
    expect(alert.dataset["testid"]).toBe("error");
    expect(alert.textContent, "the message is shown as text, as a sentence").toContain(
      "A focus block is already running <b>now</b>",
    );
    expect(alert.querySelector("b"), "never as markup").toBeNull();
    expect(byTestId("state").textContent, "still idle").toBe("Open");

    await fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByTestId("error")).toBeNull();
  });

  it("says so when the engine cannot be reached at all", async () => {
    fakeEngine(idleStatus(), {
      status: () => {
        throw new Error("connection refused");
      },
    });
    render(App);

    const alert = await screen.findByTestId("error");
    expect(alert.textContent).toContain("did not answer (connection refused)");
  });

  it("follows status events from the engine", async () => {
    fakeEngine(idleStatus());
    render(App);
    await waitFor(() => expect(byTestId("state").textContent).toBe("Open"));

    const running = block({ id: 4, intent: "Review PR", started_at: iso(NOW), deadline: iso(NOW + minutes(50)) });
    await emit(STATUS_EVENT, runningStatus(running));
    await waitFor(() => expect(byTestId("state").textContent).toBe("Focusing on Review PR · 50 min left"));
    await screen.findByTestId("countdown"); // the Focus view loads when first shown
    expect(byTestId("countdown").textContent).toBe("50:00");
    expect(byTestId("intent-display").textContent?.trim()).toBe("Review PR");

    const ended: FocusBlock = { ...running, ended_at: iso(NOW), outcome: "cancelled" };
    await emit(STATUS_EVENT, idleStatus([ended]));
    await waitFor(() => expect(byTestId("state").textContent).toBe("Open"));
    expect(screen.getByTestId("block-row").textContent).toContain("stopped early");
  });

  it("shows today's figures on the focus view: minutes, blocks, held and broke through", async () => {
    const status = idleStatus();
    status.today.messages_held = 14;
    status.today.messages_broke_through = 2;
    fakeEngine(status);
    render(App);

    await waitFor(() => expect(byTestId("today-held").textContent).toBe("14"));
    expect(byTestId("today-broke-through").textContent).toBe("2");
  });

  it("counts down to the next change of mode", async () => {
    const status = idleStatus();
    status.next_change = { at: iso(NOW + minutes(90) + 5000), mode: "quiet" };
    fakeEngine(status);
    render(App);

    const next = await screen.findByTestId("next-change");
    expect(next.textContent).toContain("Quiet at 11:30");
    expect(next.textContent, "to the minute, rounded up").toContain("in 1 h 31 min");
  });

  it("offers done for today while open, and back to schedule once overridden", async () => {
    const engine = fakeEngine(idleStatus(), {
      done_for_today: () => iso(NOW),
      working_late: () => iso(NOW),
      clear_overrides: () => null,
    });
    render(App);

    await fireEvent.click(await screen.findByTestId("done-for-today"));
    await waitFor(() => expect(commands(engine.calls)).toEqual([{ cmd: "done_for_today", args: {} }]));
    await fireEvent.input(byTestId("working-late-until"), { target: { value: "20:30" } });
    await fireEvent.click(byTestId("working-late"));
    await waitFor(() =>
      expect(commands(engine.calls).at(-1)).toEqual({ cmd: "working_late", args: { request: { until: "20:30" } } }),
    );

    engine.status = { ...idleStatus(), working_late_until: iso(NOW + minutes(600)) };
    await emit(STATUS_EVENT, engine.status);
    await fireEvent.click(await screen.findByTestId("back-to-schedule"));
    await waitFor(() => expect(commands(engine.calls).at(-1)).toEqual({ cmd: "clear_overrides", args: {} }));
  });

  it("shows the view the hash names, switches with the tabs, and follows lull://navigate", async () => {
    fakeEngine(idleStatus(), { inbox_overview: () => ({ groups: [], total: 0, snoozed: 0 }) });
    openWindow("inbox");

    expect(await screen.findByTestId("view-inbox")).not.toBeNull();
    expect(byTestId("tab-inbox").getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("tablist").querySelectorAll("[role=tab]")).toHaveLength(4);
    await screen.findByTestId("inbox-empty");

    await fireEvent.click(byTestId("tab-focus"));
    expect(location.hash).toBe("#focus");
    expect(await screen.findByTestId("view-focus")).not.toBeNull();

    await fireEvent.keyDown(byTestId("tab-focus"), { key: "ArrowRight" });
    expect(location.hash, "arrow keys move between tabs").toBe("#inbox");
    expect(document.activeElement).toBe(byTestId("tab-inbox"));

    await emit(NAVIGATE_EVENT, "focus");
    await waitFor(() => expect(location.hash).toBe("#focus"));
    await emit(NAVIGATE_EVENT, "<img src=x>");
    expect(location.hash, "an unknown view is ignored").toBe("#focus");
  });
});

describe("the window's header", () => {
  /** Thursday 09:00 local time, two days after NOW (a Tuesday), in whatever zone the tests run. */
  const thursdayNine = new Date(2025, 2, 6, 9).toISOString();
  const header = (): HTMLElement => byTestId("state");

  it("says Connecting… with no mode line until the engine answers", () => {
    fakeEngine(idleStatus(), { status: () => new Promise<never>(() => undefined) });
    render(App);

    expect(header().textContent).toBe("Connecting…");
    expect(header().dataset["mode"]).toBe("connecting");
    expect(screen.queryByTestId("mode")).toBeNull();
  });

  it("names the mode, until when and how many are held, the same on every tab", async () => {
    fakeEngine(
      { ...idleStatus(), mode: "quiet", held: 3, next_change: { at: thursdayNine, mode: "open" } },
      { inbox_overview: () => ({ groups: [], total: 0, snoozed: 0 }), stats: () => stats() },
    );
    render(App);

    await waitFor(() => expect(header().textContent).toBe("Quiet until Thu 09:00 · 3 held"));
    const shown = header();
    expect(shown.tagName, "the window's one heading").toBe("H1");
    expect(shown.dataset["mode"]).toBe("quiet");
    expect(byTestId("mode").textContent, "the line under it says what that means, once").toBe("Messages are held");
    expect(shown.closest("[role=tabpanel]"), "outside the tab panel").toBeNull();
    for (const { id } of VIEWS) {
      await fireEvent.click(byTestId(`tab-${id}`));
      expect(await screen.findByTestId(`view-${id}`)).not.toBeNull();
      expect(header(), `the same heading on the ${id} tab`).toBe(shown);
      expect(shown.textContent, `the same words on the ${id} tab`).toBe("Quiet until Thu 09:00 · 3 held");
    }
  });

  it("says Open until the next change, or Working late", async () => {
    const engine = fakeEngine({
      ...idleStatus(),
      next_change: { at: new Date(2025, 2, 4, 17, 30).toISOString(), mode: "quiet" },
    });
    render(App);

    await waitFor(() => expect(header().textContent).toBe("Open until 17:30"));
    expect(header().dataset["mode"]).toBe("open");
    expect(byTestId("mode").textContent).toBe("Messages come through");

    const late = new Date(2025, 2, 4, 19, 30).toISOString();
    engine.status = { ...idleStatus(), held: 1, working_late_until: late, next_change: { at: late, mode: "quiet" } };
    await emit(STATUS_EVENT, engine.status);
    await waitFor(() => expect(header().textContent).toBe("Working late until 19:30 · 1 held"));
    expect(header().dataset["mode"]).toBe("open");
  });

  it("says Done for today until when", async () => {
    fakeEngine({
      ...idleStatus(),
      mode: "quiet",
      done_for_today_until: thursdayNine,
      next_change: { at: thursdayNine, mode: "open" },
    });
    render(App);

    await waitFor(() => expect(header().textContent).toBe("Done for today until Thu 09:00"));
    expect(header().dataset["mode"]).toBe("quiet");
  });

  it("during a block counts the minutes left in words, outside any live region", async () => {
    const running = block({ intent: "Draft the Q3 report", deadline: iso(NOW + minutes(23) - 30_000) });
    fakeEngine({ ...runningStatus(running), held: 2 });
    render(App);

    await waitFor(() => expect(header().textContent).toBe("Focusing on Draft the Q3 report · 23 min left · 2 held"));
    expect(header().dataset["mode"]).toBe("focus");
    expect(byTestId("mode").textContent).toBe("Messages are held until the block ends");
    expect(header().closest("[aria-live]"), "the minutes are not read out as they change").toBeNull();
    expect(header().getAttribute("role")).toBeNull();
    const intent = header().querySelector("[title]");
    expect(intent?.getAttribute("title"), "the whole intent on hover when it is cut short").toBe(
      "Focusing on Draft the Q3 report",
    );
  });
});
