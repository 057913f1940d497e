import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockWindows } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import App from "../App.svelte";
import { NAVIGATE_EVENT } from "../lib/ipc";
import type { Settings } from "../lib/settings-ipc";
import { supportDialogs } from "../test-support/dialog";
import { defaultSettings, fakeSettingsEngine, type Call, type FakeSettingsEngine } from "../test-support/settings";

const CLOSE_REQUESTED = "tauri://close-requested";

const saves = (calls: Call[]): Settings[] =>
  calls.filter((c) => c.cmd === "update_settings").map((c) => (c.args as { settings: Settings }).settings);
const closes = (engine: FakeSettingsEngine): number => engine.calls.filter((c) => c.cmd === "close_window").length;
const byTestId = <T extends HTMLElement = HTMLElement>(id: string): T => screen.getByTestId<T>(id);
const mondayStart = (): HTMLInputElement => screen.getByLabelText("Monday window 1 start");

/** The window on Settings, loaded, with the engine's answers (and `close_window`) faked. */
async function openSettings(): Promise<FakeSettingsEngine> {
  history.replaceState(null, "", "#settings");
  const engine = fakeSettingsEngine({ close_window: () => null });
  render(App);
  await screen.findByLabelText("Monday window 1 start");
  return engine;
}

async function edit(value = "08:00"): Promise<void> {
  await fireEvent.input(mondayStart(), { target: { value } });
}

// The window loads Settings as a chunk of its own when first shown: loaded here once, so that no
// test's waiting includes compiling it.
beforeAll(async () => {
  await import("./Settings.svelte");
}, 60_000);

beforeEach(() => {
  supportDialogs();
});

afterEach(() => {
  cleanup();
  clearMocks();
  history.replaceState(null, "", "#");
});

describe("leaving Settings", () => {
  it("switches tabs at once when nothing is unsaved", async () => {
    await openSettings();

    await fireEvent.click(byTestId("tab-focus"));

    expect(await screen.findByTestId("view-focus")).toBeTruthy();
    expect(screen.queryByTestId("discard-dialog")).toBeNull();
  });

  it("asks before switching tabs with unsaved changes, and Keep editing stays with them", async () => {
    const engine = await openSettings();
    await edit();

    await fireEvent.click(byTestId("tab-focus"));

    const dialog = await screen.findByTestId<HTMLDialogElement>("discard-dialog");
    expect(dialog.open, "a modal in the window, not window.confirm").toBe(true);
    expect(dialog.querySelector("h2")?.textContent).toBe("Discard changes?");
    expect(dialog.textContent).toContain("Your changes to Work hours are not saved.");
    expect(document.activeElement, "the safe answer has the focus").toBe(byTestId("discard-keep"));
    expect(byTestId("view-settings"), "still on Settings while it asks").toBeTruthy();

    await fireEvent.click(byTestId("discard-keep"));

    expect(screen.queryByTestId("discard-dialog")).toBeNull();
    expect(location.hash).toBe("#settings");
    expect(byTestId("tab-settings").getAttribute("aria-selected")).toBe("true");
    expect(mondayStart().value, "the edit is kept").toBe("08:00");
    expect(saves(engine.calls)).toEqual([]);
  });

  it("keeps editing on Esc", async () => {
    await openSettings();
    await edit();
    await fireEvent.click(byTestId("tab-focus"));

    await fireEvent.keyDown(await screen.findByTestId("discard-dialog"), { key: "Escape" });

    expect(screen.queryByTestId("discard-dialog")).toBeNull();
    expect(byTestId("view-settings")).toBeTruthy();
  });

  it("leaves without saving on Discard", async () => {
    const engine = await openSettings();
    await edit();

    await fireEvent.click(byTestId("tab-focus"));
    await fireEvent.click(await screen.findByTestId("discard-confirm"));

    expect(await screen.findByTestId("view-focus")).toBeTruthy();
    expect(location.hash).toBe("#focus");
    expect(saves(engine.calls)).toEqual([]);
    expect(engine.settings).toEqual(defaultSettings());
  });

  it("saves, then leaves, on Save", async () => {
    const engine = await openSettings();
    await edit();

    await fireEvent.click(byTestId("tab-focus"));
    await fireEvent.click(await screen.findByTestId("discard-save"));

    expect(await screen.findByTestId("view-focus")).toBeTruthy();
    expect(saves(engine.calls).map((s) => s.work_hours.week.monday[0])).toEqual([{ start: "08:00", end: "12:00" }]);
  });

  it("offers no Save while a field needs a fix, and says so", async () => {
    await openSettings();
    await edit("25:00");

    await fireEvent.click(byTestId("tab-focus"));

    const dialog = await screen.findByTestId("discard-dialog");
    expect(dialog.textContent).toContain("Some need a fix before they can be.");
    expect(screen.queryByTestId("discard-save")).toBeNull();
  });

  it("asks when the tray asks for another view", async () => {
    await openSettings();
    await edit();

    await emit(NAVIGATE_EVENT, "inbox");

    expect(await screen.findByTestId("discard-dialog")).toBeTruthy();
    expect(location.hash).toBe("#settings");
  });

  it("asks on Ctrl+W, and closes the window only after Discard", async () => {
    const engine = await openSettings();
    await edit();

    await fireEvent.keyDown(window, { key: "w", ctrlKey: true });
    await screen.findByTestId("discard-dialog");
    expect(closes(engine), "not closed while it asks").toBe(0);

    await fireEvent.click(byTestId("discard-confirm"));
    await waitFor(() => expect(closes(engine)).toBe(1));
  });

  it("asks when the desktop's close button is pressed with unsaved changes, and only then", async () => {
    mockWindows("main");
    const engine = await openSettings();

    await emit(CLOSE_REQUESTED);
    expect(screen.queryByTestId("discard-dialog"), "nothing to lose: the desktop closes the window").toBeNull();

    await edit();
    // The guard starts listening with the first change; the listening takes a round trip.
    await waitFor(async () => {
      await emit(CLOSE_REQUESTED);
      expect(screen.queryByTestId("discard-dialog")).not.toBeNull();
    });
    await fireEvent.click(byTestId("discard-keep"));
    expect(closes(engine), "kept open").toBe(0);

    await emit(CLOSE_REQUESTED);
    await fireEvent.click(await screen.findByTestId("discard-confirm"));
    await waitFor(() => expect(closes(engine), "closed through close_window").toBe(1));
  });
});

describe("the welcome guide's hours", () => {
  it("are read by the same time field as Settings: written as HH:MM on leaving them", async () => {
    await openSettings();
    await fireEvent.click(byTestId("run-welcome"));
    const start = await screen.findByTestId<HTMLInputElement>("welcome-start-time");

    await fireEvent.input(start, { target: { value: "830" } });
    await fireEvent.blur(start);
    expect(start.value).toBe("08:30");

    const end = byTestId<HTMLInputElement>("welcome-end-time");
    await fireEvent.input(end, { target: { value: "17.5" } });
    await fireEvent.keyDown(end, { key: "Enter" });
    expect(end.value, "Enter writes it before the step moves on").toBe("17:05");
  });
});
