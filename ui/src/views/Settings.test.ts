import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { Settings } from "../lib/settings-ipc";
import { defaultSettings, desktopStatus, fakeSettingsEngine, publishToken, type Call } from "../test-support/settings";
import { firstRunStatus } from "../test-support/status";
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

/** Leaves a field, as the web view does when focus moves on: `blur`, then `focusout`, which bubbles. */
async function leave(input: HTMLElement): Promise<void> {
  await fireEvent.blur(input);
  await fireEvent.focusOut(input);
}

/** Opens a section from the side list, as a click on its row does. */
async function openSection(id: string): Promise<void> {
  await fireEvent.click(screen.getByTestId(`section-${id}`));
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
    expect(screen.queryByTestId("save-bar"), "nothing to save").toBeNull();
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
    expect(screen.queryByTestId("save-bar"), "clean again after saving").toBeNull();
  });

  it("adds a rule, moves it to the top, and sends the rules in that order", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    await loaded();
    await openSection("rules");

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

  it("points at a time it cannot read before sending anything", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    await loaded();

    await type(field("Monday window 1 start"), "9:75");
    expect(screen.getByTestId<HTMLButtonElement>("save").disabled, "nothing to send while it is wrong").toBe(true);
    await fireEvent.keyDown(window, { key: "s", ctrlKey: true });

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
    expect(screen.queryByTestId("save-bar"), "nothing left to save").toBeNull();
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
    await openSection("hours");

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

  it("say what tells Lull that you are away, and save what being away does", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    expect((await screen.findByTestId("away-witnesses")).textContent).toBe(
      "Seen by: screen lock from org.gnome.ScreenSaver, sleep from logind, idle time from X11.",
    );
    const minutes = screen.getByTestId<HTMLInputElement>("away-idle-minutes");
    expect(minutes.value).toBe("10");
    await fireEvent.click(screen.getByTestId("away-idle"));
    expect(minutes.disabled, "idleness not watched: no minutes to type").toBe(true);
    await fireEvent.click(screen.getByTestId("away-pause"));
    await fireEvent.click(screen.getByTestId("save"));

    await waitFor(() => expect(saves(engine.calls)).toHaveLength(1));
    expect(saves(engine.calls)[0]?.away).toEqual({ hold: true, idle_minutes: null, pause_blocks: true });
    await fireEvent.click(screen.getByTestId("away-idle"));
    expect(minutes.value, "ticked again, the minutes come back").toBe("10");
  });

  it("say so when nothing on the desktop tells when you are away", async () => {
    fakeSettingsEngine({
      desktop: () => desktopStatus({ presence: { lock: [], sleep: null, idle: null, screen: null, share: null } }),
    });
    render(SettingsView);
    expect((await screen.findByTestId("away-witnesses")).textContent).toBe(
      "Nothing on this desktop says when you are away: no screen locker, logind, Mutter or X11 answers.",
    );
  });

  it("say what tells Lull a window is fullscreen or the screen shared, and save quiet while presenting off", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    expect((await screen.findByTestId("screens-witness")).textContent).toBe(
      "Told by: fullscreen windows from X11, screen sharing from org.gnome.Mutter.ScreenCast.",
    );
    const quiet = screen.getByTestId<HTMLInputElement>("screens-quiet");
    expect(screen.getByLabelText("Quiet while presenting")).toBe(quiet);
    expect(quiet.checked).toBe(true);
    await fireEvent.click(quiet);
    await fireEvent.click(screen.getByTestId("save"));

    await waitFor(() => expect(saves(engine.calls)).toHaveLength(1));
    expect(saves(engine.calls)[0]?.screens).toEqual({ quiet: false });
  });

  it("say so when nothing on the desktop tells when a window is fullscreen or the screen shared", async () => {
    fakeSettingsEngine({
      desktop: () => desktopStatus({ presence: { lock: [], sleep: null, idle: null, screen: null, share: null } }),
    });
    render(SettingsView);
    expect((await screen.findByTestId("screens-witness")).textContent).toBe(
      "Nothing on this desktop tells Lull when a window is fullscreen or the screen is shared.",
    );
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

/** Someone set up: a publish token made, so the view opens at Work hours. */
function setUp(answers: Parameters<typeof fakeSettingsEngine>[0] = {}): ReturnType<typeof fakeSettingsEngine> {
  return fakeSettingsEngine(answers, [publishToken()]);
}

const sectionTabs = (): string[] => screen.getAllByRole("tab").map((tab) => tab.dataset["testid"] ?? "");
const shownPages = (): string[] =>
  [...document.querySelectorAll<HTMLElement>("[role=tabpanel]")].filter((p) => !p.hidden).map((p) => p.id);
const text = (testId: string): string => screen.getByTestId(testId).textContent?.replace(/\s+/g, " ").trim() ?? "";

describe("the side list", () => {
  it("opens at Sources for someone new, the other sections in their usual order, one page at a time", async () => {
    fakeSettingsEngine();
    render(SettingsView);
    await loaded();

    expect(sectionTabs()).toEqual([
      "section-sources",
      "section-hours",
      "section-focus",
      "section-delivery",
      "section-rules",
      "section-desktop",
      "section-hooks",
      "section-retention",
    ]);
    expect(screen.getByTestId("section-sources").getAttribute("aria-selected")).toBe("true");
    expect(shownPages(), "only Sources is shown").toEqual(["section-sources"]);
    expect(screen.getByRole("tabpanel").getAttribute("aria-labelledby")).toBe("section-tab-sources");
  });

  it("opens at Sources while the first run is not finished, even with a token made", async () => {
    fakeSettingsEngine({}, [publishToken()], firstRunStatus());
    render(SettingsView);
    await loaded();

    expect(sectionTabs()[0]).toBe("section-sources");
    expect(shownPages()).toEqual(["section-sources"]);
  });

  it("opens at Work hours for someone set up, and moves by click and by arrow keys", async () => {
    setUp();
    render(SettingsView);
    await loaded();

    expect(sectionTabs()).toEqual([
      "section-hours",
      "section-focus",
      "section-delivery",
      "section-rules",
      "section-sources",
      "section-desktop",
      "section-hooks",
      "section-retention",
    ]);
    expect(shownPages()).toEqual(["section-hours"]);

    await openSection("delivery");
    expect(shownPages()).toEqual(["section-delivery"]);
    expect(screen.getByTestId("section-delivery").getAttribute("tabindex"), "one tab stop: the selected row").toBe("0");
    expect(screen.getByTestId("section-hours").getAttribute("tabindex")).toBe("-1");

    await fireEvent.keyDown(screen.getByTestId("section-delivery"), { key: "ArrowDown" });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("section-rules")));
    expect(shownPages(), "the page follows the focus").toEqual(["section-rules"]);
    await fireEvent.keyDown(screen.getByTestId("section-rules"), { key: "Home" });
    await waitFor(() => expect(shownPages()).toEqual(["section-hours"]));
  });
});

describe("the save bar", () => {
  it("appears with the first change, says where it is, and goes when the change is undone", async () => {
    setUp();
    render(SettingsView);
    await loaded();
    expect(screen.queryByTestId("save-bar")).toBeNull();

    await type(field("Monday window 1 start"), "08:00");

    expect(screen.getByTestId("save-bar")).toBeTruthy();
    expect(text("save-why")).toBe("Unsaved changes in Work hours.");
    expect(screen.getByTestId("section-hours").dataset["state"], "the list marks the section").toBe("changed");
    expect(screen.getByTestId("section-hours").textContent).toContain(", changed");
    expect(screen.getByTestId<HTMLButtonElement>("save").disabled).toBe(false);

    await type(field("Monday window 1 start"), "9");
    expect(screen.queryByTestId("save-bar"), '"9" is 09:00, as saved: no change').toBeNull();
    expect(screen.getByTestId("section-hours").dataset["state"]).toBeUndefined();
  });

  it("names every section with changes", async () => {
    setUp();
    render(SettingsView);
    await loaded();

    await fireEvent.click(screen.getByTestId("keep-forever"));
    await type(field("Monday window 1 start"), "08:00");
    await fireEvent.click(screen.getByTestId("file-delivered"));

    expect(text("save-why")).toBe("Unsaved changes in Work hours, Delivery and Retention.");
  });

  it("with a field to fix, Ctrl+S sends nothing and takes the user to the field, in its section", async () => {
    const engine = fakeSettingsEngine();
    render(SettingsView);
    await loaded();
    expect(shownPages(), "someone new starts at Sources").toEqual(["section-sources"]);

    await type(field("Tuesday window 2 end"), "25");
    await fireEvent.keyDown(window, { key: "s", ctrlKey: true });

    await waitFor(() => expect(document.activeElement, "Tuesday's first time").toBe(field("Tuesday window 1 start")));
    expect(text("message-work_hours.tue")).toBe("Tuesday: write times as HH:MM, such as 09:00 or 17:30.");
    expect(shownPages()).toEqual(["section-hours"]);
    expect(saves(engine.calls)).toEqual([]);
  });

  it("reverts with its button, which also clears the engine's refusal", async () => {
    fakeSettingsEngine(
      {
        update_settings: () => {
          throw { code: "invalid_work_hours", message: "Mon: the windows overlap", field: "work_hours.mon" };
        },
      },
      [publishToken()],
    );
    render(SettingsView);
    await loaded();

    await type(field("Monday window 2 start"), "11:00");
    await fireEvent.click(screen.getByTestId("save"));
    await screen.findByText("Mon: the windows overlap");
    await fireEvent.click(screen.getByTestId("revert"));

    expect(field("Monday window 2 start").value).toBe("13:00");
    expect(screen.queryByText("Mon: the windows overlap")).toBeNull();
    expect(screen.queryByTestId("settings-error")).toBeNull();
    expect(screen.queryByTestId("save-bar")).toBeNull();
  });
});

describe("validation as you type", () => {
  it("shows each problem under its field at once, holds Save back and says why, and clears as it is fixed", async () => {
    setUp();
    render(SettingsView);
    await loaded();

    const start = field("Monday window 1 start");
    await type(start, "25:00");
    await leave(start);
    expect(text("message-work_hours.mon")).toBe("Monday: write times as HH:MM, such as 09:00 or 17:30.");
    expect(start.getAttribute("aria-invalid")).toBe("true");
    expect(start.getAttribute("aria-describedby")).toBe(screen.getByTestId("message-work_hours.mon").id);
    expect(screen.getByTestId("section-hours").dataset["state"]).toBe("invalid");
    expect(screen.getByTestId("section-hours").textContent).toContain(", needs a fix");
    const save = screen.getByTestId<HTMLButtonElement>("save");
    expect(save.disabled).toBe(true);
    expect(text("save-why")).toBe("Can't save yet: a field in Work hours needs a fix. Show");
    expect(save.getAttribute("aria-describedby")).toBe("save-why");

    await type(screen.getByTestId("retention-days"), "0");
    expect(text("message-retention_days"), "a number's problem shows as it is typed").toBe(
      "Keep done messages 1 to 36500 days, or keep them forever.",
    );
    expect(text("save-why")).toBe("Can't save yet: 2 fields in Work hours and Retention need a fix. Show");

    await fireEvent.click(screen.getByTestId("show-problem"));
    await waitFor(() => expect(document.activeElement, "Show goes to the first one").toBe(start));

    await type(start, "08:00");
    await type(screen.getByTestId("retention-days"), "30");
    expect(text("message-work_hours.mon")).toBe("");
    expect(start.getAttribute("aria-invalid")).toBe("false");
    expect(screen.getByTestId<HTMLButtonElement>("save").disabled).toBe(false);
    expect(text("save-why")).toBe("Unsaved changes in Work hours and Retention.");
  });

  it("lets a time be typed to the end before calling it wrong, and clears its problem at once", async () => {
    setUp();
    render(SettingsView);
    await loaded();
    const end = field("Friday window 2 end");

    await type(end, "1");
    expect(text("message-work_hours.fri"), '"1" may be on its way to "17:30"').toBe("");
    expect(screen.getByTestId<HTMLButtonElement>("save").disabled, "but it cannot be saved as it is").toBe(true);
    await leave(end);
    expect(text("message-work_hours.fri")).toBe("Friday: the window 13:00–01:00 ends before it starts.");
    expect(end.getAttribute("aria-invalid")).toBe("true");

    await type(end, "17");
    expect(text("message-work_hours.fri"), "fixed: gone before the field is left").toBe("");
    expect(end.getAttribute("aria-invalid")).toBe("false");
    await type(end, "1");
    expect(text("message-work_hours.fri"), "a new problem waits again").toBe("");
  });

  it("lets go of the engine's refusal once the field it named is changed", async () => {
    fakeSettingsEngine(
      {
        update_settings: () => {
          throw { code: "invalid_work_hours", message: "Mon: the windows overlap", field: "work_hours.mon" };
        },
      },
      [publishToken()],
    );
    render(SettingsView);
    await loaded();

    await type(field("Monday window 2 start"), "11:00");
    await fireEvent.click(screen.getByTestId("save"));
    await screen.findByText("Mon: the windows overlap");

    await type(field("Monday window 2 start"), "12:30");
    expect(screen.queryByText("Mon: the windows overlap"), "it was about the draft as it was").toBeNull();
    expect(screen.queryByTestId("settings-error")).toBeNull();
    expect(field("Monday window 2 start").getAttribute("aria-invalid")).toBe("false");
  });
});

describe("times", () => {
  it('are written as HH:MM on leaving the field or pressing Enter: "9:5", "1130", "13", "17.45"', async () => {
    const engine = setUp();
    render(SettingsView);
    await loaded();

    const typed: [string, string, string][] = [
      ["Monday window 1 start", "9:5", "09:05"],
      ["Monday window 1 end", "1130", "11:30"],
      ["Monday window 2 start", "13", "13:00"],
    ];
    for (const [label, text, time] of typed) {
      await type(field(label), text);
      await fireEvent.blur(field(label));
      expect(field(label).value, text).toBe(time);
    }
    await type(field("Monday window 2 end"), "17.45");
    await fireEvent.keyDown(field("Monday window 2 end"), { key: "Enter" });
    expect(field("Monday window 2 end").value).toBe("17:45");

    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(saves(engine.calls)).toHaveLength(1));
    expect(saves(engine.calls)[0]?.work_hours.week.monday).toEqual([
      { start: "09:05", end: "11:30" },
      { start: "13:00", end: "17:45" },
    ]);
  });

  it("are read the same in scheduled blocks and the review time, and midnight only ends a day", async () => {
    setUp();
    render(SettingsView);
    await loaded();

    const block = screen.getAllByTestId("scheduled-block")[0] as HTMLElement;
    const [blockStart, blockEnd] = within(block).getAllByPlaceholderText<HTMLInputElement>("HH:MM");
    if (blockStart === undefined || blockEnd === undefined) throw new Error("the block has no times");
    await type(blockStart, "930");
    await leave(blockStart);
    expect(blockStart.value).toBe("09:30");
    await type(blockEnd, "24");
    await leave(blockEnd);
    expect(blockEnd.value, "a block may end at midnight").toBe("24:00");
    await type(blockStart, "24");
    await leave(blockStart);
    expect(blockStart.value, "but not start there: left as typed, and pointed at").toBe("24");
    expect(text("message-schedule[0]")).toBe("Write times as HH:MM, such as 09:00.");

    await fireEvent.click(within(screen.getByTestId("review")).getByLabelText("At"));
    const review = field("Daily review time");
    await type(review, "1715");
    await fireEvent.blur(review);
    expect(review.value).toBe("17:15");
  });

  it("leave what they cannot read as it was typed", async () => {
    setUp();
    render(SettingsView);
    await loaded();

    await type(field("Monday window 1 start"), "9:75");
    await fireEvent.blur(field("Monday window 1 start"));
    expect(field("Monday window 1 start").value).toBe("9:75");
  });
});

describe("the inbox's grouping", () => {
  it("is chosen in Delivery and saved with the rest", async () => {
    const engine = setUp();
    render(SettingsView);
    await loaded();
    await openSection("delivery");

    expect(screen.getByTestId<HTMLInputElement>("settings-grouping-sender").checked, "by sender by default").toBe(true);
    expect(text("settings-grouping")).toContain("Group the inbox by");
    await fireEvent.click(screen.getByTestId("settings-grouping-source"));
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(saves(engine.calls)).toHaveLength(1));
    expect(saves(engine.calls)[0], "nothing else changed").toEqual(defaultSettings({ inbox_grouping: "source" }));
  });
});

describe("filing popups already seen", () => {
  it("saves the hours, off as none, and brings the hours back when turned on again", async () => {
    const engine = setUp();
    render(SettingsView);
    await loaded();
    await openSection("delivery");

    const box = screen.getByTestId<HTMLInputElement>("file-delivered");
    expect(box.checked, "on by default").toBe(true);
    expect(screen.getByTestId<HTMLInputElement>("file-delivered-hours").value).toBe("8");
    expect(screen.getByTestId("filing").textContent).toContain("File popups I've already seen after");
    expect(text("filing")).toContain("moves to Done by itself, unless you pinned it.");

    await type(screen.getByTestId("file-delivered-hours"), "24");
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(saves(engine.calls)).toHaveLength(1));

    await fireEvent.click(box);
    expect(screen.getByTestId<HTMLInputElement>("file-delivered-hours").disabled).toBe(true);
    await fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    await waitFor(() => expect(saves(engine.calls)).toHaveLength(2));

    await fireEvent.click(box);
    expect(screen.getByTestId<HTMLInputElement>("file-delivered-hours").value, "the hours it had").toBe("24");
    await fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    await waitFor(() => expect(saves(engine.calls)).toHaveLength(3));

    expect(saves(engine.calls).map((s) => s.file_delivered_after_hours)).toEqual([24, null, 24]);
    expect(saves(engine.calls)[0], "nothing else changed").toEqual(defaultSettings({ file_delivered_after_hours: 24 }));
    expect(engine.settings.file_delivered_after_hours).toBe(24);
  });

  it("takes an emptied box for a number still to write, not for off", async () => {
    setUp();
    render(SettingsView);
    await loaded();
    await openSection("delivery");

    const hours = screen.getByTestId<HTMLInputElement>("file-delivered-hours");
    await type(hours, "");

    expect(screen.getByTestId<HTMLInputElement>("file-delivered").checked, "still on").toBe(true);
    expect(screen.getByTestId("file-delivered-hours"), "the same box, to type into").toBe(hours);
    expect(text("message-file_delivered_after_hours")).toBe("File seen popups after 1 to 168 hours, or turn it off.");
    await type(screen.getByTestId("retention-days"), "");
    expect(screen.getByTestId<HTMLInputElement>("keep-forever").checked, "nor is an emptied retention forever").toBe(
      false,
    );
    expect(screen.getByTestId<HTMLButtonElement>("save").disabled).toBe(true);
  });

  it("takes no more than a week", async () => {
    const engine = setUp();
    render(SettingsView);
    await loaded();
    await openSection("delivery");

    await type(screen.getByTestId("file-delivered-hours"), "200");

    expect(text("message-file_delivered_after_hours")).toBe("File seen popups after 1 to 168 hours, or turn it off.");
    expect(screen.getByTestId("section-delivery").dataset["state"]).toBe("invalid");
    expect(screen.getByTestId<HTMLButtonElement>("save").disabled).toBe(true);
    await fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    expect(saves(engine.calls)).toEqual([]);
  });
});
