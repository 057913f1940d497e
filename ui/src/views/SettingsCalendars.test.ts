import { clearMocks } from "@tauri-apps/api/mocks";
import {
  cleanup,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
  type BoundFunctions,
  type queries,
} from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { Settings } from "../bindings/Settings";
import type { CalendarSource, MeetingSettings } from "../lib/settings-calendars";
import { controlsIn } from "../test-support/controls";
import { defaultSettings, fakeSettingsEngine, type Call } from "../test-support/settings";
import SettingsView from "./Settings.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

const calendar = (overrides: Partial<CalendarSource> = {}): CalendarSource => ({
  id: "work",
  url: "https://dav.example.org/calendars/me/work/",
  kind: "caldav",
  user: "me",
  poll_minutes: 15,
  enabled: true,
  ...overrides,
});

const sent = (calls: Call[]): Settings[] =>
  calls.filter((c) => c.cmd === "update_settings").map((c) => c.args["settings"] as Settings);

const items = (): HTMLElement[] => screen.queryAllByTestId("calendar");
const item = (i: number): BoundFunctions<typeof queries> => {
  const element = items()[i];
  if (element === undefined) throw new Error(`no calendar ${i}`);
  return within(element);
};

async function type(input: HTMLElement, value: string): Promise<void> {
  await fireEvent.input(input, { target: { value } });
}

/** Opens Settings › Sources with `calendars` and `meetings` saved, once the calendars show. */
async function openSources(
  calendars: CalendarSource[] = [],
  engine = fakeSettingsEngine(),
  meetings?: MeetingSettings,
): Promise<ReturnType<typeof fakeSettingsEngine>> {
  engine.settings = defaultSettings(meetings === undefined ? { calendars } : { calendars, meetings });
  render(SettingsView);
  await fireEvent.click(await screen.findByTestId("section-sources"));
  await screen.findByTestId("calendars");
  return engine;
}

async function save(engine: ReturnType<typeof fakeSettingsEngine>): Promise<Settings> {
  await fireEvent.click(screen.getByTestId("save"));
  await waitFor(() => expect(sent(engine.calls)).toHaveLength(1));
  const settings = sent(engine.calls)[0];
  if (settings === undefined) throw new Error("nothing sent");
  return settings;
}

describe("reading calendars", () => {
  it("adds an ICS calendar read every 15 minutes, focuses its address, and saves it filled in", async () => {
    const engine = await openSources();
    expect(screen.getByTestId("calendars").textContent).toContain("No calendar read.");

    await fireEvent.click(screen.getByTestId("calendar-add"));
    expect(items()).toHaveLength(1);
    const url = item(0).getByTestId<HTMLInputElement>("calendar-url");
    await waitFor(() => expect(document.activeElement, "the address takes focus").toBe(url));
    expect(item(0).getByTestId<HTMLInputElement>("calendar-id").value).toBe("calendar");
    expect(item(0).getByTestId<HTMLSelectElement>("calendar-kind").value).toBe("ics");
    expect(item(0).getByTestId<HTMLInputElement>("calendar-poll").value).toBe("15");
    expect(item(0).getByTestId<HTMLInputElement>("calendar-enabled").checked).toBe(true);
    expect(item(0).getByTestId("calendar-status").textContent?.trim()).toBe("Starts once saved.");

    await fireEvent.click(screen.getByTestId("calendar-add"));
    expect(item(1).getByTestId<HTMLInputElement>("calendar-id").value, "a fresh id").toBe("calendar-2");
    await fireEvent.click(item(1).getByTestId("calendar-remove"));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("calendar-add")));

    await fireEvent.change(item(0).getByTestId("calendar-kind"), { target: { value: "caldav" } });
    await type(item(0).getByTestId("calendar-url"), " https://dav.example.org/calendars/me/work/ ");
    await type(item(0).getByTestId("calendar-user"), "me");
    await type(item(0).getByTestId("calendar-id"), "work");
    await type(item(0).getByTestId("calendar-poll"), "30");
    await fireEvent.click(item(0).getByTestId("calendar-enabled"));

    const settings = await save(engine);
    expect(settings.calendars).toEqual([calendar({ poll_minutes: 30, enabled: false })]);
  });

  it("hides the login name (and the password) for a file path, and sends none for it", async () => {
    const engine = await openSources([calendar({ kind: "ics", url: "https://example.org/work.ics", user: null })]);
    expect(item(0).queryByTestId("calendar-user"), "a web address may want a login").not.toBeNull();
    expect(item(0).queryByTestId("calendar-secret-input"), "no password without a login name").toBeNull();
    await type(item(0).getByTestId("calendar-user"), "me");
    expect(item(0).getByLabelText("Password")).toBe(item(0).getByTestId("calendar-secret-input"));

    await type(item(0).getByTestId("calendar-url"), "/home/me/work.ics");
    expect(item(0).queryByTestId("calendar-user"), "a file has no login").toBeNull();
    expect(item(0).queryByTestId("calendar-secret-input")).toBeNull();

    const settings = await save(engine);
    expect(settings.calendars).toEqual([calendar({ kind: "ics", url: "/home/me/work.ics", user: null })]);
  });

  it("keeps a calendar's password in the keyring under calendar/<id>, never in the settings", async () => {
    const engine = await openSources([calendar()]);
    await type(item(0).getByTestId("calendar-secret-input"), "s3cret");
    await fireEvent.click(item(0).getByTestId("calendar-keep"));
    await waitFor(() => expect(item(0).getByTestId("calendar-secret-note").textContent).toBe("Kept in the keyring."));
    expect(engine.secrets.get("calendar/work")).toBe("s3cret");
    await type(item(0).getByTestId("calendar-poll"), "20");
    const settings = await save(engine);
    expect(JSON.stringify(settings), "the password is never in the settings").not.toContain("s3cret");
  });

  it("says each calendar's status from the engine's sources", async () => {
    const engine = fakeSettingsEngine();
    engine.calendars = [
      { id: "work", status: { state: "running", detail: "12 events" } },
      { id: "home", status: { state: "refused", detail: "401 Unauthorized" } },
    ];
    await openSources([calendar(), calendar({ id: "home" }), calendar({ id: "new" })], engine);
    await waitFor(() => expect(item(0).getByTestId("calendar-status").textContent?.trim()).toBe("Running: 12 events"));
    expect(item(1).getByTestId("calendar-status").textContent?.trim()).toBe("Refused: 401 Unauthorized");
    expect(item(2).getByTestId("calendar-status").textContent?.trim()).toBe("Starts once saved.");
  });

  it("points at a wrong address beside the calendar, and sends nothing until it is fixed", async () => {
    const engine = await openSources([calendar()]);
    await type(item(0).getByTestId("calendar-url"), "/home/me/work.ics");
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() =>
      expect(screen.getByTestId("message-calendars[0]").textContent?.trim()).toMatch(/http\(s\) address/),
    );
    expect(sent(engine.calls)).toHaveLength(0);
  });

  it("shows the engine's refusal of a calendar's field beside that calendar", async () => {
    const engine = fakeSettingsEngine({
      update_settings: () => {
        throw {
          code: "invalid_settings",
          message: "a calendar is read every 1 to 1440 minutes",
          field: "calendars[1].poll_minutes",
        };
      },
    });
    await openSources([calendar(), calendar({ id: "home" })], engine);
    await type(item(1).getByTestId("calendar-poll"), "20");
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() =>
      expect(screen.getByTestId("message-calendars[1]").textContent?.trim()).toBe(
        "A calendar is read every 1 to 1440 minutes",
      ),
    );
    expect(screen.getByTestId("message-calendars[0]").textContent?.trim()).toBe("");
  });

  it("offers every control to the keyboard, each with a name", async () => {
    await openSources([calendar()]);
    const element = items()[0];
    if (element === undefined) throw new Error("no calendar");
    const controls = controlsIn(element);
    expect(controls.map((c) => c.testId)).toEqual([
      "calendar-enabled",
      "calendar-remove",
      "calendar-kind",
      "calendar-url",
      "calendar-user",
      "calendar-id",
      "calendar-secret-input",
      "calendar-keep",
      "calendar-forget",
      "calendar-poll",
    ]);
    for (const control of controls) {
      expect(control.name, `${control.testId} is named`).not.toBe("");
      expect(control.tabbable, `${control.testId} is reached with Tab`).toBe(true);
    }
    expect(item(0).getByLabelText(/^Address/)).toBe(item(0).getByTestId("calendar-url"));
    expect(item(0).getByLabelText(/^Read every/)).toBe(item(0).getByTestId("calendar-poll"));
  });
});

describe("what meetings do", () => {
  it("shows the saved switch, marker and addresses, and saves them changed", async () => {
    const engine = await openSources([], fakeSettingsEngine(), {
      quiet: true,
      focus_marker: "#focus",
      addresses: ["me@example.org"],
    });
    const quiet = screen.getByTestId<HTMLInputElement>("meetings-quiet");
    const marker = screen.getByTestId<HTMLInputElement>("meetings-marker");
    const addresses = screen.getByTestId<HTMLTextAreaElement>("meetings-addresses");
    expect(quiet.checked).toBe(true);
    expect(screen.getByLabelText("Quiet during meetings")).toBe(quiet);
    expect(marker.value).toBe("#focus");
    expect(screen.getByTestId("meetings-marker-hint").textContent).toContain('"Write the report #focus"');
    expect(addresses.value).toBe("me@example.org");

    await fireEvent.click(quiet);
    await type(marker, " [deep] ");
    await type(addresses, "me@example.org, Me@Example.org\nboss@example.org,\n");

    const settings = await save(engine);
    expect(settings.meetings).toEqual({
      quiet: false,
      focus_marker: "[deep]",
      addresses: ["me@example.org", "boss@example.org"],
    });
  });

  it("sends no marker when it is emptied: no event is a focus block", async () => {
    const engine = await openSources();
    await type(screen.getByTestId("meetings-marker"), "");
    const settings = await save(engine);
    expect(settings.meetings.focus_marker).toBeNull();
  });

  it("points at an address that is none, beside the addresses", async () => {
    const engine = await openSources();
    await type(screen.getByTestId("meetings-addresses"), "me@example.org\nnot an address");
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() =>
      expect(screen.getByTestId("message-meetings.addresses").textContent?.trim()).toMatch(/^not an address is not/),
    );
    expect(sent(engine.calls)).toHaveLength(0);
  });
});
