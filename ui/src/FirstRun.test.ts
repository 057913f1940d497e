import { emit } from "@tauri-apps/api/event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type Mock } from "vitest";
import App from "./App.svelte";
import type { Message } from "./bindings/Message";
import type { Status } from "./bindings/Status";
import { INBOX_EVENT } from "./lib/ipc";
import type { Settings } from "./lib/settings-ipc";
import { supportDialogs } from "./test-support/dialog";
import { message } from "./test-support/inbox";
import {
  API_URL,
  defaultSettings,
  desktopStatus,
  fakeSettingsEngine,
  secretOf,
  type Call,
  type FakeSettingsEngine,
} from "./test-support/settings";
import { block, firstRunStatus, idleStatus } from "./test-support/status";

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** After the fake engine makes a token (test-support's MADE_AT). */
const SENT_AT = "2026-03-02T12:00:30Z";

let writeText: Mock<(text: string) => Promise<void>>;

beforeAll(supportDialogs);

beforeEach(() => {
  writeText = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve());
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
});

afterEach(() => {
  history.replaceState(null, "", "#");
  cleanup();
  clearMocks();
});

const byTestId = <T extends HTMLElement = HTMLElement>(id: string): T => screen.getByTestId<T>(id);
const text = (id: string): string => byTestId(id).textContent?.replace(/\s+/g, " ").trim() ?? "";
const saves = (calls: Call[]): Settings[] =>
  calls.filter((c) => c.cmd === "update_settings").map((c) => (c.args as { settings: Settings }).settings);
/** The commands that change something, in the order they were sent. */
const changes = (engine: FakeSettingsEngine): string[] =>
  engine.calls.map((c) => c.cmd).filter((cmd) => ["update_settings", "finish_first_run", "start_focus"].includes(cmd));

/** A new profile's window: the engine in its first run, with `answers` replacing any command's answer. */
function firstRun(answers: Record<string, (args: Record<string, unknown>) => unknown> = {}): FakeSettingsEngine {
  return fakeSettingsEngine(answers, [], firstRunStatus());
}

/** Renders the window and waits for the guide's first step, loaded. */
async function openGuide(): Promise<HTMLDialogElement> {
  render(App);
  const dialog = await screen.findByTestId<HTMLDialogElement>("welcome");
  await screen.findByTestId("welcome-start-time");
  return dialog;
}

async function type(testId: string, value: string): Promise<void> {
  await fireEvent.input(byTestId(testId), { target: { value } });
}

async function next(times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    const step = text("welcome-step");
    await fireEvent.click(byTestId("welcome-next"));
    await waitFor(() => expect(text("welcome-step")).not.toBe(step));
  }
}

describe("the welcome guide", () => {
  it("opens over the window while the first run is not finished, with the hours pre-filled in their zone", async () => {
    firstRun();
    const dialog = await openGuide();

    expect(dialog.open, "shown as a modal").toBe(true);
    expect(byTestId("tab-focus"), "the tabs stay where they are, behind it").toBeTruthy();
    expect(text("welcome-step")).toBe("Step 1 of 4");
    expect(text("state"), "the header behind it says Lull holds nothing yet").toBe("Not set up yet · holding nothing");
    expect(byTestId("state").dataset["mode"]).toBe("first-run");
    expect(text("mode")).toBe("Messages come through until your work hours are set");
    expect(text("welcome-title")).toBe("When do you work?");
    expect(document.activeElement, "the step's heading is read first").toBe(byTestId("welcome-title"));
    expect(dialog.textContent).toContain("Outside these hours Lull is Quiet: it holds messages and shows them");
    expect(text("welcome-zone")).toBe(`in ${ZONE}`);
    expect(byTestId<HTMLInputElement>("welcome-start-time").value).toBe("09:00");
    expect(byTestId<HTMLInputElement>("welcome-end-time").value).toBe("17:30");
    expect(byTestId<HTMLInputElement>("welcome-pause").checked).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>("Break starts").value).toBe("12:00");
    expect(screen.getByLabelText<HTMLInputElement>("Break ends").value).toBe("13:00");
    for (const key of ["monday", "tuesday", "wednesday", "thursday", "friday"]) {
      expect(byTestId<HTMLInputElement>(`welcome-day-${key}`).checked, `${key} is a work day`).toBe(true);
    }
    expect(byTestId<HTMLInputElement>("welcome-day-saturday").checked).toBe(false);
    expect(text("welcome-skip-note")).toBe(
      `Skipping keeps the settings as saved: Mon–Fri 09:00–12:00, 13:00–17:30 in ${ZONE}; other apps' notifications held in Focus and Quiet.`,
    );
  });

  it("does not open once the first run is finished", async () => {
    fakeSettingsEngine();
    render(App);
    await screen.findByTestId("mode");
    expect(screen.queryByTestId("welcome")).toBeNull();
  });

  it("saves the edited hours with update_settings, then ends the first run, and the header follows", async () => {
    const engine = firstRun({
      finish_first_run: () => {
        engine.status = { ...idleStatus(), mode: "quiet" };
        return engine.status;
      },
    });
    await openGuide();

    await type("welcome-end-time", "18:00");
    await fireEvent.click(byTestId("welcome-day-friday"));
    await next(3);
    expect(text("welcome-title")).toBe("Start a first block");
    expect(text("welcome-summary")).toContain("Mon–Thu 09:00–12:00, 13:00–18:00");
    await fireEvent.click(byTestId("welcome-not-now"));

    await waitFor(() => expect(screen.queryByTestId("welcome"), "the guide is gone").toBeNull());
    expect(changes(engine), "saved first, then finished; no block").toEqual(["update_settings", "finish_first_run"]);
    const expected = defaultSettings();
    const day = [
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "18:00" },
    ];
    expected.work_hours.week = { ...expected.work_hours.week, monday: day, tuesday: day, wednesday: day };
    expected.work_hours.week.thursday = day;
    expected.work_hours.week.friday = [];
    expect(saves(engine.calls)).toEqual([expected]);
    expect(text("state"), "the header shows the mode the engine answered with").toBe("Quiet");
    expect(byTestId("state").dataset["mode"]).toBe("quiet");
    expect(text("mode")).toBe("Messages are held");
  });

  it("writes no as capture_desktop and desktop_dnd both off", async () => {
    const engine = firstRun();
    await openGuide();
    await next();

    expect(text("welcome-title")).toBe("Other apps' notifications");
    expect(byTestId<HTMLInputElement>("welcome-hold-yes").checked, "yes by default").toBe(true);
    await fireEvent.click(byTestId("welcome-hold-no"));
    await next(2);
    await fireEvent.click(byTestId("welcome-not-now"));

    await waitFor(() => expect(changes(engine)).toEqual(["update_settings", "finish_first_run"]));
    const [saved] = saves(engine.calls);
    expect(saved?.capture_desktop).toBe(false);
    expect(saved?.desktop_dnd).toBe(false);
    expect(saved?.work_hours, "the hours as they were").toEqual(defaultSettings().work_hours);
  });

  it("keeps the guide open on a refused save, at the step it concerns, with the engine's message", async () => {
    const engine = firstRun({
      update_settings: () => {
        throw { code: "invalid_work_hours", message: "monday: the windows overlap", field: "work_hours.mon" };
      },
    });
    await openGuide();
    await type("welcome-start-time", "08:30");
    await next(3);
    await fireEvent.click(byTestId("welcome-start"));

    await waitFor(() => expect(text("welcome-step")).toBe("Step 1 of 4"));
    expect(text("welcome-problem")).toBe("Nothing was saved. Monday: the windows overlap");
    expect(byTestId("welcome-problem").getAttribute("role")).toBe("alert");
    expect(byTestId<HTMLInputElement>("welcome-start-time").value, "what was typed is kept").toBe("08:30");
    expect(changes(engine), "the first run goes on, and no block starts").toEqual(["update_settings"]);
    expect(byTestId<HTMLDialogElement>("welcome").open).toBe(true);
  });

  it("points at a time it cannot read before moving on", async () => {
    const engine = firstRun();
    await openGuide();

    await type("welcome-end-time", "17:3");
    await fireEvent.click(byTestId("welcome-next"));

    await waitFor(() => expect(byTestId("welcome-end-time").getAttribute("aria-invalid")).toBe("true"));
    expect(text("welcome-step")).toBe("Step 1 of 4");
    const described = byTestId("welcome-end-time").getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(described)?.textContent?.trim()).toBe("Write the end as HH:MM, such as 17:30.");
    expect(document.activeElement).toBe(byTestId("welcome-end-time"));
    expect(changes(engine)).toEqual([]);
  });

  it("skips with Esc: the first run ends with the settings as saved, and nothing is written", async () => {
    const engine = firstRun();
    const dialog = await openGuide();
    await type("welcome-start-time", "07:00");

    await fireEvent.keyDown(dialog, { key: "Escape" });

    await waitFor(() => expect(screen.queryByTestId("welcome")).toBeNull());
    expect(changes(engine)).toEqual(["finish_first_run"]);
  });

  it("skips from any step with its button", async () => {
    const engine = firstRun();
    await openGuide();
    await next(2);

    await fireEvent.click(byTestId("welcome-skip"));

    await waitFor(() => expect(screen.queryByTestId("welcome")).toBeNull());
    expect(changes(engine)).toEqual(["finish_first_run"]);
  });

  it("stays open, saying why, when the first run cannot be ended", async () => {
    firstRun({
      finish_first_run: () => {
        throw { code: "read_only", message: "Lull's data directory cannot be written" };
      },
    });
    await openGuide();

    await fireEvent.click(byTestId("welcome-skip"));

    expect((await screen.findByTestId("welcome-problem")).textContent).toBe("Lull's data directory cannot be written");
    expect(byTestId<HTMLDialogElement>("welcome").open).toBe(true);
  });

  it("names the notification daemon it found, and says when it found none", async () => {
    firstRun();
    await openGuide();
    await next();
    expect(text("welcome-daemon")).toContain("Lull found dunst.");
    expect(screen.queryByTestId("welcome-no-tray"), "this desktop has a tray").toBeNull();
    cleanup();

    firstRun({ desktop: () => desktopStatus({ dnd: { adapter: null, on: false, users: false, detail: null } }) });
    await openGuide();
    await next();
    expect(text("welcome-daemon")).toContain("Lull found no notification daemon it can switch");
    expect(text("welcome-daemon")).toContain("It still records what they send in its inbox");
  });

  it("says the desktop shows no tray icons, and what to do about it", async () => {
    firstRun({
      desktop: () => desktopStatus({ tray: false, dnd: { adapter: "gnome", on: false, users: false, detail: null } }),
    });
    await openGuide();
    await next();

    expect(text("welcome-daemon")).toContain("Lull found GNOME.");
    const note = text("welcome-no-tray");
    expect(note).toContain("This desktop shows no tray icons.");
    expect(note).toContain("Lull opens this window when it starts");
    expect(note).toContain("the lull command");
    expect(note).toContain("“AppIndicator and KStatusNotifierItem Support” extension adds a tray");
  });

  it("makes a publish token and fills the test message and the lines with it", async () => {
    const engine = firstRun();
    await openGuide();
    await next(2);
    expect(text("welcome-title")).toBe("Send Lull a message");
    expect(byTestId<HTMLInputElement>("welcome-token-name").value).toBe("My scripts");

    await fireEvent.click(byTestId("welcome-make-token"));

    const secret = secretOf(1);
    expect((await screen.findByTestId("welcome-secret")).textContent).toBe(secret);
    expect(engine.calls).toContainEqual({
      cmd: "create_token",
      args: { name: "My scripts", topics: [], max_priority: null },
    });
    expect(document.activeElement, "copying the secret is next").toBe(byTestId("welcome-copy-secret"));
    expect(text("welcome-test-line"), "masked on screen").not.toContain(secret);
    expect(text("welcome-test-line")).toContain(`${API_URL}/v1/messages`);

    await fireEvent.click(byTestId("welcome-copy-test"));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const [test] = writeText.mock.calls.at(-1) ?? [];
    expect(test).toContain(`'Authorization: Bearer ${secret}'`);
    expect(test).toContain('"title": "Hello from Lull"');
    expect(text("welcome-copy-note")).toBe("The test message copied.");

    await fireEvent.click(byTestId("welcome-copy-example"));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    expect(writeText.mock.calls.at(-1)?.[0]).toContain(`-d '{"sender": "CI", "title": "Build failed"`);
    await fireEvent.click(within(byTestId("welcome-examples")).getByLabelText("Gotify"));
    await fireEvent.click(byTestId("welcome-copy-example"));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(3));
    expect(writeText.mock.calls.at(-1)?.[0]).toContain(`"${API_URL}/message?token=${secret}"`);

    await fireEvent.click(byTestId("welcome-show-secret"));
    expect(text("welcome-example-gotify")).toContain(secret);
  });

  it("says a name already taken beside the name, and makes nothing", async () => {
    firstRun({
      create_token: () => {
        throw { code: "token_name_taken", message: 'a token called "My scripts" exists', field: "name" };
      },
    });
    await openGuide();
    await next(2);

    await fireEvent.click(byTestId("welcome-make-token"));

    expect((await screen.findByTestId("welcome-token-problem")).textContent?.trim()).toBe(
      'A token called "My scripts" exists',
    );
    expect(byTestId("welcome-token-name").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByTestId("welcome-secret")).toBeNull();
  });

  it("shows Arrived when a message sent with the token lands in the inbox", async () => {
    const inbox: Message[] = [message({ id: 1, sender: "Backups", via: "CI", received_at: SENT_AT })];
    firstRun({
      inbox_overview: () => ({
        groups: inbox.map((m) => ({
          key: { source: m.source, who: m.sender ?? "", thread: "" },
          label: m.sender ?? "",
          count: 1,
          held: 0,
          pinned: 0,
          newest_at: m.received_at,
        })),
        total: inbox.length,
        snoozed: 0,
      }),
      inbox_group: (args) => ({ messages: inbox.filter((m) => (m.sender ?? "") === args["who"]), next: null }),
    });
    await openGuide();
    await next(2);
    await fireEvent.click(byTestId("welcome-make-token"));

    const arrival = await screen.findByTestId("welcome-arrival");
    expect(arrival.getAttribute("aria-live")).toBe("polite");
    await waitFor(() => expect(text("welcome-arrival")).toBe("Waiting for a message sent with My scripts…"));

    inbox.unshift(message({ id: 2, sender: null, title: "Hello from Lull", via: "My scripts", received_at: SENT_AT }));
    await emit(INBOX_EVENT, null);

    await waitFor(() => expect(text("welcome-arrival")).toBe("✓ Arrived: Hello from Lull"));
  });

  it("ends the first run, then starts a 25-minute block", async () => {
    const engine = firstRun({
      start_focus: () => {
        engine.status = { ...engine.status, mode: "focus", block: block() };
        return block();
      },
    });
    await openGuide();
    await next(3);

    expect(text("welcome-start")).toBe("Start a 25-minute block");
    await fireEvent.click(byTestId("welcome-start"));

    await waitFor(() => expect(screen.queryByTestId("welcome")).toBeNull());
    await waitFor(() => expect(changes(engine)).toEqual(["finish_first_run", "start_focus"]));
    expect(engine.calls.find((c) => c.cmd === "start_focus")?.args).toEqual({ duration_secs: 1500, intent: null });
    // The block is the fixture's, its deadline long past by this machine's clock: the last minute.
    await waitFor(() => expect(text("state")).toBe("Focusing on Draft the Q3 report · 1 min left"));
  });

  it("opens again from Settings, where finishing only saves, and Settings shows what it saved", async () => {
    history.replaceState(null, "", "#settings");
    const engine = fakeSettingsEngine();
    render(App);

    // Settings and the guide are loaded when first shown: give them the time a loaded machine takes.
    await fireEvent.click(await screen.findByTestId("run-welcome", {}, { timeout: 5000 }));
    const dialog = await screen.findByTestId<HTMLDialogElement>("welcome");
    expect(dialog.open).toBe(true);
    await screen.findByTestId("welcome-start-time");
    await next();
    await fireEvent.click(byTestId("welcome-hold-no"));
    await next(2);
    await fireEvent.click(byTestId("welcome-not-now"));

    await waitFor(() => expect(screen.queryByTestId("welcome")).toBeNull());
    expect(changes(engine), "no first run to end").toEqual(["update_settings"]);
    await waitFor(() => expect(byTestId<HTMLInputElement>("capture-desktop").checked).toBe(false));
    expect(byTestId<HTMLInputElement>("desktop-dnd").checked).toBe(false);
  });

  it("keeps a week it cannot show as one day, unless asked to replace it", async () => {
    const settings = defaultSettings();
    settings.work_hours.week.friday = [{ start: "09:00", end: "13:00" }];
    const engine = fakeSettingsEngine({ settings: () => settings }, [], firstRunStatus() satisfies Status);
    render(App);

    expect((await screen.findByTestId("welcome-week")).textContent).toBe(
      "Mon–Thu 09:00–12:00, 13:00–17:30; Fri 09:00–13:00",
    );
    await next(3);
    await fireEvent.click(byTestId("welcome-not-now"));

    await waitFor(() => expect(changes(engine), "nothing to save").toEqual(["finish_first_run"]));
  });
});
