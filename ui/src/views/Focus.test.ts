import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "../App.svelte";
import type { Status } from "../bindings/Status";
import { forgetPresets } from "../lib/focus-presets";
import { defaultSettings } from "../test-support/settings";
import { block, idleStatus, iso, minutes, NOW, runningStatus } from "../test-support/status";

type Call = { cmd: string; args: unknown };

/** A stand-in engine: `status` and `settings` (with the given presets), and every command recorded. */
function fakeEngine(initial: Status, presets: number[] | null = [25, 50, 90]) {
  const state = { status: initial, calls: [] as Call[] };
  mockIPC(
    (cmd, args) => {
      state.calls.push({ cmd, args });
      if (cmd === "status") return state.status;
      if (cmd === "settings" && presets !== null) return defaultSettings({ focus_presets: presets });
      if (cmd === "start_focus") {
        const running = block({ started_at: iso(NOW), deadline: iso(NOW + minutes(25)) });
        state.status = runningStatus(running);
        return running;
      }
      if (cmd === "stop_focus") {
        state.status = idleStatus();
        return block({ ended_at: iso(NOW), outcome: "cancelled" });
      }
      throw `command ${cmd} not found`;
    },
    { shouldMockEvents: true },
  );
  return state;
}

const commands = (calls: Call[]): Call[] => calls.filter((c) => c.cmd !== "status" && c.cmd !== "settings");

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
  history.replaceState(null, "", "#focus");
});

afterEach(() => {
  history.replaceState(null, "", "#");
  cleanup();
  clearMocks();
  forgetPresets();
  vi.useRealTimers();
});

describe("starting a block", () => {
  it("puts the intent and one primary Start first, with the first preset's length", async () => {
    fakeEngine(idleStatus(), [50, 25, 90]);
    render(App);

    const primary = await screen.findByRole("button", { name: "Start 50 min" });
    expect(primary.classList.contains("primary"), "the one primary button").toBe(true);
    expect(primary.getAttribute("type")).toBe("submit");
    const view = screen.getByTestId("view-focus");
    const intent = screen.getByTestId("intent-input");
    const inOrder = [...view.querySelectorAll("input, button")];
    expect(inOrder.indexOf(intent), "the intent field comes first").toBe(0);
    expect(inOrder.indexOf(primary), "then its Start").toBe(1);
    expect(view.querySelectorAll("button.primary"), "no other primary button").toHaveLength(1);
  });

  it("offers every preset in the settings, not only the first three", async () => {
    fakeEngine(idleStatus(), [15, 30, 45, 60, 120]);
    render(App);

    await screen.findByRole("button", { name: "Start 15 min" });
    const others = screen.getByRole("group", { name: "Other lengths" });
    expect(
      within(others)
        .getAllByRole("button")
        .map((b) => b.textContent?.trim()),
    ).toEqual(["30 min", "45 min", "60 min", "120 min"]);
  });

  it("starts the primary length with the intent when Enter is pressed in the intent field", async () => {
    const engine = fakeEngine(idleStatus(), [40, 90]);
    render(App);

    await screen.findByRole("button", { name: "Start 40 min" });
    const intent = screen.getByTestId("intent-input");
    await fireEvent.input(intent, { target: { value: "Draft the Q3 report" } });
    // Enter in a text field submits its form; jsdom does not press keys, so submit as Enter would.
    await fireEvent.submit(intent);

    await waitFor(() =>
      expect(commands(engine.calls)).toEqual([
        { cmd: "start_focus", args: { request: { duration_secs: 2400, intent: "Draft the Q3 report" } } },
      ]),
    );
  });

  it("starts a secondary preset with its own length", async () => {
    const engine = fakeEngine(idleStatus(), [25, 50, 90, 5]);
    render(App);

    await fireEvent.click(await screen.findByRole("button", { name: "5 min" }));
    await waitFor(() =>
      expect(commands(engine.calls)).toEqual([
        { cmd: "start_focus", args: { request: { duration_secs: 300, intent: null } } },
      ]),
    );
  });

  it("offers the engine's default lengths when the settings cannot be read, and keeps the custom field", async () => {
    fakeEngine(idleStatus(), null);
    render(App);

    expect(await screen.findByRole("button", { name: "Start 25 min" })).toBeTruthy();
    expect(screen.getByTestId("preset-50")).toBeTruthy();
    expect(screen.getByTestId("preset-90")).toBeTruthy();
    expect(screen.getByTestId("custom-duration")).toBeTruthy();
  });
});

describe("the countdown", () => {
  it("is minute-precise while more than an hour is left", async () => {
    fakeEngine(runningStatus(block({ started_at: iso(NOW), deadline: iso(NOW + minutes(100)) })));
    render(App);

    await waitFor(() => expect(screen.getByTestId("countdown").textContent).toBe("1 h 40 min"));
    expect(screen.getByTestId("state").textContent, "the header writes it the same way").toContain("1 h 40 min left");
  });

  it("shows minutes and seconds in the last hour", async () => {
    fakeEngine(runningStatus(block({ started_at: iso(NOW - minutes(30)), deadline: iso(NOW + minutes(59) + 30_000) })));
    render(App);

    await waitFor(() => expect(screen.getByTestId("countdown").textContent).toBe("59:30"));
  });

  it("says how long until the next change of mode to the minute", async () => {
    const status = idleStatus();
    status.next_change = { at: iso(NOW + minutes(12) + 20_000), mode: "quiet" };
    fakeEngine(status);
    render(App);

    expect((await screen.findByTestId("next-change")).textContent).toContain("· in 13 min");
  });
});

describe("stopping a block", () => {
  const running = () => runningStatus(block({ deadline: iso(NOW + minutes(20)) }));

  it("asks first, in place, and sends nothing until asked again", async () => {
    const engine = fakeEngine(running());
    render(App);

    await fireEvent.click(await screen.findByTestId("stop"));
    const question = screen.getByRole("group", { name: "Stop now? The block counts as stopped early." });
    expect(document.activeElement, "the safe answer has the focus").toBe(within(question).getByText("Keep focusing"));
    expect(screen.queryByTestId("stop"), "the question takes the Stop button's place").toBeNull();
    expect(commands(engine.calls), "nothing stopped yet").toEqual([]);

    await fireEvent.click(within(question).getByRole("button", { name: "Stop" }));
    await waitFor(() => expect(commands(engine.calls)).toEqual([{ cmd: "stop_focus", args: {} }]));
  });

  it("keeps focusing on Keep focusing, and gives the focus back to Stop", async () => {
    const engine = fakeEngine(running());
    render(App);

    await fireEvent.click(await screen.findByTestId("stop"));
    await fireEvent.click(screen.getByTestId("stop-cancel"));

    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("stop")));
    expect(screen.queryByTestId("stop-confirmation")).toBeNull();
    expect(screen.getByTestId("countdown").textContent, "the block runs on").toBe("20:00");
    expect(commands(engine.calls)).toEqual([]);
  });

  it("keeps focusing on Esc", async () => {
    const engine = fakeEngine(running());
    render(App);

    await fireEvent.click(await screen.findByTestId("stop"));
    await fireEvent.keyDown(screen.getByTestId("stop-cancel"), { key: "Escape" });

    await waitFor(() => expect(screen.queryByTestId("stop-confirmation")).toBeNull());
    expect(document.activeElement).toBe(screen.getByTestId("stop"));
    expect(commands(engine.calls)).toEqual([]);
  });
});
