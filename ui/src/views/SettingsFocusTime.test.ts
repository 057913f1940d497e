import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { Settings } from "../lib/settings-ipc";
import { defaultSettings, fakeSettingsEngine, type Call } from "../test-support/settings";
import SettingsView from "./Settings.svelte";

const saves = (calls: Call[]): Settings[] =>
  calls.filter((c) => c.cmd === "update_settings").map((c) => (c.args as { settings: Settings }).settings);

const text = (testid: string): string => screen.getByTestId(testid).textContent?.trim() ?? "";

async function openFocus(): Promise<void> {
  await screen.findByLabelText("Monday window 1 start");
  await fireEvent.click(screen.getByTestId("section-focus"));
}

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("focus time booked for you", () => {
  it("is off by default, and turned on saves a goal, a block length and the calendar file", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    await openFocus();
    const on = screen.getByTestId<HTMLInputElement>("focus-time-on");
    expect(on.checked).toBe(false);
    expect(screen.queryByTestId("focus-time-goal"), "no goal to set while it is off").toBeNull();

    await fireEvent.click(on);
    expect(screen.getByTestId<HTMLInputElement>("focus-time-goal").value).toBe("120");
    await fireEvent.input(screen.getByTestId("focus-time-goal"), { target: { value: "90" } });
    await fireEvent.input(screen.getByTestId("focus-time-block"), { target: { value: "45" } });
    await fireEvent.click(screen.getByTestId("focus-time-ics"));
    expect(text("focus-time-ics-path")).toContain("focus.ics");
    await fireEvent.click(screen.getByTestId("save"));

    await waitFor(() =>
      expect(saves(engine.calls)).toEqual([
        defaultSettings({ focus_time: { daily_minutes: 90, block_minutes: 45, ics_file: true } }),
      ]),
    );
  });

  it("says what is wrong with a goal or a block out of range before anything is sent", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    await openFocus();
    await fireEvent.click(screen.getByTestId("focus-time-on"));
    await fireEvent.input(screen.getByTestId("focus-time-goal"), { target: { value: "601" } });
    await fireEvent.input(screen.getByTestId("focus-time-block"), { target: { value: "20" } });

    expect(text("message-focus_time.daily_minutes")).toBe(
      "A daily goal is a whole number of minutes, 1 to 600, or turn it off.",
    );
    expect(text("message-focus_time.block_minutes")).toBe("A proposed block is 25 to 180 minutes.");
    expect(screen.getByTestId<HTMLButtonElement>("save").disabled).toBe(true);

    await fireEvent.click(screen.getByTestId("focus-time-on"));
    expect(screen.queryByTestId("focus-time-goal"), "off again").toBeNull();
    expect(saves(engine.calls)).toEqual([]);
  });
});
