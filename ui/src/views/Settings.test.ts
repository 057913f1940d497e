import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { Settings } from "../lib/settings-ipc";
import { defaultSettings, desktopStatus, fakeSettingsEngine, type Call } from "../test-support/settings";
import SettingsView from "./Settings.svelte";

const saves = (calls: Call[]): Settings[] =>
  calls.filter((c) => c.cmd === "update_settings").map((c) => (c.args as { settings: Settings }).settings);

const field = (label: string): HTMLInputElement => screen.getByLabelText(label);

async function loaded(): Promise<void> {
  await screen.findByLabelText("Monday window 1 start");
}

async function type(input: HTMLElement, value: string): Promise<void> {
  await fireEvent.input(input, { target: { value } });
}

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the settings form", () => {
  it("shows the settings the engine has, and nothing to save yet", async () => {
    fakeSettingsEngine();
    render(SettingsView);
    await loaded();

    expect(field("Monday window 1 start").value).toBe("09:00");
    expect(field("Monday window 2 end").value).toBe("17:30");
    expect(within(screen.getByTestId("day-saturday")).getByText("Day off")).toBeTruthy();
    expect(screen.getByTestId("time-zone").textContent).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(screen.getAllByTestId("rule")).toHaveLength(1);
    expect(screen.getAllByTestId("scheduled-block")).toHaveLength(1);
    expect(screen.getByTestId<HTMLButtonElement>("save").disabled, "nothing to save").toBe(true);
    expect(screen.getByTestId("save-state").textContent?.trim()).toBe("");
  });

  it("saves exactly the edited settings in one call, and says so", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    await loaded();

    await type(field("Monday window 1 end"), "12:30");
    await type(field("Monday window 2 start"), "13:30");
    expect(screen.getByTestId("save-state").textContent?.trim()).toBe("Unsaved changes");
    await fireEvent.click(screen.getByTestId("save"));

    await waitFor(() => expect(screen.getByTestId("save-state").textContent?.trim()).toBe("Saved"));
    const expected = defaultSettings();
    expected.work_hours.week.monday = [
      { start: "09:00", end: "12:30" },
      { start: "13:30", end: "17:30" },
    ];
    expect(saves(engine.calls)).toEqual([expected]);
    expect(screen.getByTestId<HTMLButtonElement>("save").disabled, "clean again after saving").toBe(true);
  });

  it("adds a rule, moves it to the top, and sends the rules in that order", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    await loaded();

    await fireEvent.click(screen.getByTestId("add-rule"));
    const added = screen.getAllByTestId("rule")[1];
    if (!added) throw new Error("the new rule is not shown");
    await type(within(added).getByLabelText(/Sender/), "  Alice ");
    await fireEvent.click(within(added).getByLabelText(/Breaks through quiet hours/));
    await fireEvent.click(within(added).getByRole("button", { name: "Move rule 2 up" }));

    const rules = screen.getAllByTestId("rule");
    expect(
      within(rules[0] as HTMLElement).getByLabelText<HTMLInputElement>(/Sender/).value,
      "Alice's rule is first",
    ).toBe("  Alice ");
    expect(
      document.activeElement?.getAttribute("aria-label"),
      "focus stays with the moved rule (now first, so on its enabled button)",
    ).toBe("Move rule 1 down");

    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(saves(engine.calls)).toHaveLength(1));
    expect(saves(engine.calls)[0]?.rules).toEqual([
      {
        source: null,
        sender: "Alice",
        app: null,
        min_priority: null,
        keyword: null,
        tag: null,
        focus: true,
        quiet: true,
      },
      { source: null, sender: null, app: null, min_priority: 5, keyword: null, tag: null, focus: true, quiet: false },
    ]);
  });

  it("shows the core's refusal beside Monday, keeps the edits, and saved nothing", async () => {
    const engine = fakeSettingsEngine({
      update_settings: () => {
        throw {
          code: "invalid_work_hours",
          message: "Mon: the windows 09:00–12:00 and 11:00–17:30 overlap",
          field: "work_hours.mon",
        };
      },
    });
    render(SettingsView);
    await loaded();

    await type(field("Monday window 2 start"), "11:00");
    await fireEvent.click(screen.getByTestId("save"));

    const message = await screen.findByText("Mon: the windows 09:00–12:00 and 11:00–17:30 overlap");
    expect(message.closest("[data-testid='day-monday']"), "the message is in Monday's row").not.toBeNull();
    const start = field("Monday window 2 start");
    expect(start.value, "the edit is kept").toBe("11:00");
    expect(start.getAttribute("aria-invalid")).toBe("true");
    expect(start.getAttribute("aria-describedby")).toBe(message.id);
    expect(field("Tuesday window 2 start").getAttribute("aria-invalid"), "other days are fine").toBe("false");
    expect(screen.getByTestId("settings-error").textContent).toContain("Nothing was saved");
    expect(screen.getByTestId("save-state").textContent?.trim()).toBe("Unsaved changes");
    expect(engine.settings, "the engine still has the old settings").toEqual(defaultSettings());
  });

  it("puts a refusal that names no field at the top", async () => {
    fakeSettingsEngine({
      update_settings: () => {
        throw { code: "storage", message: "the database is locked" };
      },
    });
    render(SettingsView);
    await loaded();

    await type(field("Friday window 1 start"), "08:00");
    await fireEvent.click(screen.getByTestId("save"));

    expect((await screen.findByTestId("settings-error")).textContent).toBe("Nothing was saved. The database is locked");
  });

  it("shows a refusal beside the rule it names", async () => {
    fakeSettingsEngine({
      update_settings: () => {
        throw { code: "invalid_rule", message: "rule 1: conditions are at most 256 characters", field: "rules[0]" };
      },
    });
    render(SettingsView);
    await loaded();

    await fireEvent.change(
      within(screen.getAllByTestId("rule")[0] as HTMLElement).getByLabelText(/Priority at least/),
      {
        target: { value: "4" },
      },
    );
    await fireEvent.click(screen.getByTestId("save"));

    const rule = screen.getAllByTestId("rule")[0] as HTMLElement;
    expect((await within(rule).findByTestId("message-rules[0]")).textContent?.trim()).toBe(
      "Rule 1: conditions are at most 256 characters",
    );
  });

  it("points at a time that is not HH:MM before sending anything", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    await loaded();

    await type(field("Monday window 1 start"), "9:5");
    await fireEvent.click(screen.getByTestId("save"));

    expect((await screen.findByTestId("message-work_hours.mon")).textContent?.trim()).toBe(
      "Monday: write times as HH:MM, such as 09:00 or 17:30.",
    );
    expect(saves(engine.calls), "nothing was sent").toEqual([]);
  });

  it("reverts every edit to the saved settings", async () => {
    fakeSettingsEngine();
    render(SettingsView);
    await loaded();

    await type(field("Monday window 1 start"), "07:00");
    await fireEvent.click(screen.getByTestId("add-rule"));
    await fireEvent.click(screen.getByTestId("keep-forever"));
    await fireEvent.click(screen.getByTestId("revert"));

    expect(field("Monday window 1 start").value).toBe("07:00".replace("07", "09"));
    expect(screen.getAllByTestId("rule")).toHaveLength(1);
    expect(screen.getByTestId<HTMLInputElement>("retention-days").value).toBe("90");
    expect(screen.getByTestId<HTMLButtonElement>("save").disabled).toBe(true);
  });

  it("saves with Ctrl+S", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    await loaded();

    await fireEvent.click(screen.getByTestId("keep-forever"));
    await fireEvent.keyDown(window, { key: "s", ctrlKey: true });

    await waitFor(() => expect(saves(engine.calls)).toEqual([defaultSettings({ retention_days: null })]));
  });

  it("adds a window and a scheduled block, and removes a day off", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    await loaded();

    await fireEvent.click(screen.getByRole("button", { name: "Add a window on Saturday" }));
    await fireEvent.click(screen.getByTestId("add-block"));
    await fireEvent.click(screen.getByRole("button", { name: "Remove day off 2025-12-25" }));
    await fireEvent.click(screen.getByTestId("save"));

    await waitFor(() => expect(saves(engine.calls)).toHaveLength(1));
    const sent = saves(engine.calls)[0];
    expect(sent?.work_hours.week.saturday).toEqual([{ start: "09:00", end: "17:00" }]);
    expect(sent?.work_hours.days_off).toEqual([]);
    expect(sent?.schedule[1]).toEqual({
      id: 0,
      days: ["monday", "tuesday", "wednesday", "thursday", "friday"],
      start: "09:00",
      end: "10:30",
      intent: null,
    });
  });
});

describe("the desktop settings", () => {
  it("say what capture and do-not-disturb are doing, and why the shortcut is missing", async () => {
    fakeSettingsEngine({
      desktop: () =>
        desktopStatus({
          capture: { state: "refused", detail: "BecomeMonitor: access denied" },
          dnd: { adapter: "gnome", on: true, users: false, detail: null },
          shortcut: { registered: false, detail: "Wayland session: no global shortcuts" },
        }),
    });
    render(SettingsView);

    expect((await screen.findByTestId("capture-status")).textContent?.trim()).toBe(
      "The session bus refused to let Lull listen: BecomeMonitor: access denied",
    );
    expect(screen.getByTestId("dnd-status").textContent).toContain("Notification daemon: GNOME; do-not-disturb is on.");
    expect(screen.getByTestId("dnd-status").textContent, "who turned it on").toContain("Lull turned it on");
    expect(screen.getByTestId("shortcut-status").textContent).toBe(
      "Not registered: Wayland session: no global shortcuts",
    );
    expect(screen.getByText(/Works on X11 only/)).toBeTruthy();
  });

  it("turn autostart on at once, outside the saved settings", async () => {
    const engine = fakeSettingsEngine({ set_autostart: () => desktopStatus({ autostart: true }) });
    render(SettingsView);
    const box = await screen.findByTestId<HTMLInputElement>("autostart");
    await waitFor(() => expect(box.disabled).toBe(false));

    await fireEvent.click(box);

    await waitFor(() => expect(engine.calls).toContainEqual({ cmd: "set_autostart", args: { enabled: true } }));
    expect(box.checked).toBe(true);
    expect(saves(engine.calls)).toEqual([]);
  });

  it("leave autostart as it was when it cannot be changed, and say why", async () => {
    fakeSettingsEngine({
      set_autostart: () => {
        throw { code: "invalid_request", message: "no autostart directory" };
      },
    });
    render(SettingsView);
    const box = await screen.findByTestId<HTMLInputElement>("autostart");
    await waitFor(() => expect(box.disabled).toBe(false));

    await fireEvent.click(box);

    expect((await screen.findByText("No autostart directory")).getAttribute("role")).toBe("alert");
    await waitFor(() => expect(box.checked).toBe(false));
  });
});
